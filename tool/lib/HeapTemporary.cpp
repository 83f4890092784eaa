//===- HeapTemporary.cpp - bumper-heap-temporary
//---------------------------===//
//
// For each local `std::vector<T> v(n)` or `v(n, x)` of a function that is not
// a template: every use of `v` must be one a std::span has too (indexing,
// data(), size(), empty(), front(), back(), begin()/end() into a template
// or an `auto`, range-for, a conversion to std::span); T trivial (the arena
// runs no constructors or destructors); and the escape analysis, run over
// the function with the vector's storage as arena memory of the block that
// would reset it (EscapeContext::ArenaVars), must find no escape. The first
// failed condition is the refusal's reason (--explain). A std::unique_ptr<T[]>
// from new T[n] or make_unique<T[]>(n) is judged alike: only [] and get()
// (which becomes data()) are a span's.
//
// The block that resets it: the enclosing annotated block when no loop lies
// between it and the declaration (else the memory of every iteration would
// pile up until that block ends), else the declaration's own block, which
// the fix annotates and guards with GuardPlanner's guard.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/HeapTemporary.h"
#include "EscapeCommon.h"
#include "bumper-tool/GuardPlanner.h"
#include "bumper-tool/RuntimeModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace bumper {
namespace {

bool isStd(const NamedDecl *D, llvm::StringRef Name) {
  if (!D || !D->getIdentifier() || D->getName() != Name)
    return false;
  const DeclContext *DC = D->getDeclContext();
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  return DC && DC->isStdNamespace();
}

const CXXRecordDecl *recordOf(QualType T) {
  return T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
}

bool isStdClass(QualType T, llvm::StringRef Name) {
  return isStd(recordOf(T), Name);
}

/// std::vector<T, std::allocator<T>> with T not bool: its element type.
std::optional<QualType> vectorElement(QualType T) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec || !isStd(Spec, "vector") || Spec->getTemplateArgs().size() != 2)
    return std::nullopt;
  QualType Elem = Spec->getTemplateArgs()[0].getAsType();
  if (Elem->isBooleanType() ||
      !isStdClass(Spec->getTemplateArgs()[1].getAsType(), "allocator"))
    return std::nullopt;
  return Elem;
}

/// std::unique_ptr<T[], std::default_delete<T[]>>: T.
std::optional<QualType> uniqueArrayElement(QualType T) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec || !isStd(Spec, "unique_ptr") ||
      Spec->getTemplateArgs().size() != 2 ||
      !isStdClass(Spec->getTemplateArgs()[1].getAsType(), "default_delete"))
    return std::nullopt;
  const auto *Array = dyn_cast<IncompleteArrayType>(
      Spec->getTemplateArgs()[0].getAsType().getCanonicalType());
  if (!Array)
    return std::nullopt;
  return Array->getElementType();
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// What a candidate became.
struct Verdict {
  std::string Reason; ///< empty: converted
  SourceLocation At;  ///< where the reason is, for its note
  std::string AtNote; ///< the note's text
};

class Checker {
public:
  Checker(ASTContext &Ctx, const AnnotationIndex &Index, FindingSink &Sink,
          const EscapeOptions &Escape, bool Explain)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Index(Index), Sink(Sink), Escape(Escape), Explain(Explain) {}

  void checkFunction(const FunctionDecl *FD) {
    const Stmt *Body = FD->getBody();
    if (!Body || SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
      return;
    ParentMap PM(const_cast<Stmt *>(Body));
    llvm::SmallVector<const DeclStmt *, 8> Decls;
    collectDecls(Body, Decls);
    for (const DeclStmt *DS : Decls)
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          checkVar(FD, PM, DS, VD);
  }

private:
  static void collectDecls(const Stmt *S,
                           llvm::SmallVectorImpl<const DeclStmt *> &Out) {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      Out.push_back(DS);
    for (const Stmt *C : S->children())
      collectDecls(C, Out);
  }

  unsigned line(SourceLocation L) const { return SM.getExpansionLineNumber(L); }
  std::string atLine(SourceLocation L) const {
    return " at line " + std::to_string(line(L));
  }
  std::string text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO)
        .str();
  }

  /// The construction `v(n)` or `v(n, x)`: n, and x or null. False for any
  /// other initialisation.
  static bool sizedInit(const VarDecl *VD, const Expr *&N, const Expr *&X) {
    const Expr *Init = VD->getInit();
    if (!Init || VD->getInitStyle() == VarDecl::ListInit)
      return false;
    const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
    if (!CE || CE->isListInitialization() || CE->isStdInitListInitialization())
      return false;
    llvm::SmallVector<const Expr *, 2> Args;
    for (const Expr *A : CE->arguments())
      if (!isa<CXXDefaultArgExpr>(A))
        Args.push_back(A);
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Args.empty() || Args.size() > 2 || !Ctor ||
        Ctor->isCopyOrMoveConstructor() || Ctor->getPrimaryTemplate() ||
        !Ctor->getParamDecl(0)->getType()->isIntegerType())
      return false;
    // v(n, alloc) is not v(n, x).
    if (Args.size() == 2 && isStdClass(Args[1]->getType(), "allocator"))
      return false;
    N = Args[0];
    X = Args.size() == 2 ? Args[1] : nullptr;
    return true;
  }

  /// `std::unique_ptr<T[]> p(new T[n])` (or `= std::make_unique<T[]>(n)`,
  /// `make_unique_for_overwrite`): n; \p Zero when the elements are
  /// value-initialised (make_unique, `new T[n]()`).
  static bool arrayInit(const VarDecl *VD, const Expr *&N, bool &Zero) {
    const Expr *Init = VD->getInit();
    if (!Init)
      return false;
    Init = Init->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init);
        CE && CE->getNumArgs() >= 1)
      Init = CE->getArg(0)->IgnoreImplicit();
    if (const auto *New = dyn_cast<CXXNewExpr>(Init)) {
      if (!New->isArray() || !New->getArraySize() ||
          New->getNumPlacementArgs() || !New->getOperatorNew() ||
          !New->getOperatorNew()->isReplaceableGlobalAllocationFunction())
        return false;
      const Expr *I = New->getInitializer();
      if (I &&
          !(isa<CXXConstructExpr>(I) &&
            cast<CXXConstructExpr>(I)->getNumArgs() == 0) &&
          !(isa<InitListExpr>(I) &&
            cast<InitListExpr>(I)->getNumInits() == 0) &&
          !isa<ImplicitValueInitExpr>(I))
        return false;
      Zero = New->getInitializationStyle() != CXXNewInitializationStyle::None;
      N = *New->getArraySize();
      return true;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Init);
        Call && Call->getNumArgs() == 1) {
      const FunctionDecl *F = Call->getDirectCallee();
      if (!F ||
          !(isStd(F, "make_unique") || isStd(F, "make_unique_for_overwrite")))
        return false;
      Zero = isStd(F, "make_unique");
      N = Call->getArg(0);
      return true;
    }
    return false;
  }

  void checkVar(const FunctionDecl *FD, ParentMap &PM, const DeclStmt *DS,
                const VarDecl *VD) {
    if (!VD->isLocalVarDecl() || VD->isStaticLocal() ||
        VD->getType()->isReferenceType())
      return;
    std::optional<QualType> Elem = vectorElement(VD->getType());
    const Expr *N = nullptr, *X = nullptr;
    Unique = false;
    Zero = true;
    GetCalls.clear();
    if (!Elem) {
      Elem = uniqueArrayElement(VD->getType());
      Unique = true;
      if (!Elem || !arrayInit(VD, N, Zero))
        return;
    } else if (!sizedInit(VD, N, X)) {
      return;
    }
    Verdict V;
    const CompoundStmt *Target = nullptr;
    const NoEscapeAnnotation *Existing = nullptr;
    bool InLoop = false;
    judge(FD, PM, DS, VD, *Elem, V, Target, Existing, InLoop);
    if (!V.Reason.empty()) {
      if (!Explain)
        return;
      Finding F{Check::HeapTemporary,
                VD->getLocation(),
                "'" + VD->getNameAsString() +
                    "' is not converted to arena memory: " + V.Reason,
                {},
                {}};
      F.Remark = true;
      if (V.At.isValid())
        F.Notes.push_back({SM.getExpansionLoc(V.At), V.AtNote});
      Sink.report(std::move(F));
      return;
    }
    report(FD, DS, VD, *Elem, N, X, Target, Existing, InLoop);
  }

  /// Fills \p V with the first reason \p VD cannot be converted, else
  /// \p Target with the block that resets it.
  void judge(const FunctionDecl *FD, ParentMap &PM, const DeclStmt *DS,
             const VarDecl *VD, QualType Elem, Verdict &V,
             const CompoundStmt *&Target, const NoEscapeAnnotation *&Existing,
             bool &InLoop) {
    auto Refuse = [&](std::string Reason, SourceLocation At = {},
                      std::string Note = "") {
      V.Reason = std::move(Reason);
      V.At = At;
      V.AtNote = std::move(Note);
    };
    if (isa<CoroutineBodyStmt>(FD->getBody()))
      return Refuse("it is declared in a coroutine, which may suspend while "
                    "the arena is in use elsewhere");
    if (FD->isConstexpr())
      return Refuse("its function is constexpr, and bumper::alloc is not");
    if (!DS->isSingleDecl())
      return Refuse("it is declared together with other variables; declare "
                    "it on its own");
    if (DS->getBeginLoc().isMacroID() || DS->getEndLoc().isMacroID() ||
        VD->getInit()->getBeginLoc().isMacroID())
      return Refuse("its declaration is written in a macro");
    if (VD->getType().isConstQualified())
      return Refuse("it is declared const");
    if (!Elem.isTrivialType(Ctx) || Elem.isDestructedType())
      return Refuse("its element type '" + elementSpelling(VD, Elem) +
                    "' is not trivial (trivially copyable, default-"
                    "constructible and destructible): the arena runs no "
                    "constructors or destructors");
    if (!checkUses(FD, PM, VD, V))
      return;
    // The block around the declaration, and whether it can carry the
    // annotation.
    const Stmt *P = PM.getParent(DS);
    const auto *Own = dyn_cast_or_null<CompoundStmt>(P);
    if (!Own)
      return Refuse("it is not declared directly in a block");
    bool CrossedLoop = false;
    for (const Stmt *S = Own; S; S = PM.getParent(S)) {
      if (isa<LambdaExpr>(S))
        return Refuse("it is declared in a lambda");
      if (isLoop(S))
        CrossedLoop = InLoop = true;
      if (const auto *CS = dyn_cast<CompoundStmt>(S); CS && !Existing)
        if (const NoEscapeAnnotation *A = Index.lookup(CS)) {
          if (A->Suspends)
            return Refuse("its no_escape block has a coroutine suspension");
          if (!CrossedLoop || CS == Own) {
            Existing = A;
            Target = CS;
          } else {
            Existing = A; // the buffer the new block resets
          }
        }
    }
    if (!Target) {
      Target = Own;
      if (Own == FD->getBody()) {
        if (FD->getDescribedFunctionTemplate() || FD->isTemplated() ||
            FD->getBeginLoc().isMacroID() ||
            (isa<CXXMethodDecl>(FD) &&
             cast<CXXMethodDecl>(FD)->getParent()->isLambda()))
          return Refuse("its function cannot carry the annotation here");
      } else {
        const Stmt *Up = PM.getParent(Own);
        if (!isa_and_nonnull<CompoundStmt, ForStmt, WhileStmt, DoStmt, IfStmt,
                             CXXForRangeStmt>(Up))
          return Refuse("its block cannot carry the 'bumper::no_escape' "
                        "annotation (a try, catch or case block); put the "
                        "declaration in a plain block");
      }
      if (Own->getLBracLoc().isMacroID() || Own->getRBracLoc().isMacroID())
        return Refuse("its block is written in a macro");
    }
    if (!LO.CPlusPlus20)
      return Refuse("std::span needs C++20");
    proveNoEscape(FD, VD, Target, Existing, V);
  }

  /// The first use of \p VD a std::span cannot take; false after Refuse.
  bool checkUses(const FunctionDecl *FD, ParentMap &PM, const VarDecl *VD,
                 Verdict &V) {
    llvm::SmallVector<const DeclRefExpr *, 8> Refs;
    collectRefs(FD->getBody(), VD, Refs);
    for (const DeclRefExpr *Ref : Refs) {
      std::string Why = useProblem(PM, Ref);
      if (!Why.empty()) {
        V.Reason = Why + atLine(Ref->getLocation());
        V.At = Ref->getLocation();
        V.AtNote = "here";
        return false;
      }
    }
    return true;
  }

  static void collectRefs(const Stmt *S, const VarDecl *VD,
                          llvm::SmallVectorImpl<const DeclRefExpr *> &Out) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() == VD)
        Out.push_back(DRE);
    for (const Stmt *C : S->children())
      collectRefs(C, VD, Out);
  }

  /// Up from \p E past parentheses and implicit casts; \p E becomes the last
  /// expression passed.
  static const Stmt *upward(ParentMap &PM, const Expr *&E) {
    const Stmt *P = PM.getParent(E);
    while (P &&
           (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                ExprWithCleanups>(P) ||
            (isa<ImplicitCastExpr>(P) &&
             cast<ImplicitCastExpr>(P)->getCastKind() !=
                 CK_UncheckedDerivedToBase &&
             cast<ImplicitCastExpr>(P)->getCastKind() != CK_DerivedToBase))) {
      E = cast<Expr>(P);
      P = PM.getParent(P);
    }
    return P;
  }

  std::string nameOfTarget(ParentMap &PM, const Stmt *S) const {
    const Stmt *P = PM.getParent(S);
    if (isa_and_nonnull<LambdaExpr>(P))
      return " into a lambda's capture";
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
      if (DS->isSingleDecl())
        if (const auto *To = dyn_cast<VarDecl>(DS->getSingleDecl()))
          return " into '" + To->getNameAsString() + "'";
    return "";
  }

  /// Why \p Ref's use needs a std::vector; "" when a std::span does as well.
  std::string useProblem(ParentMap &PM, const DeclRefExpr *Ref) {
    if (Ref->refersToEnclosingVariableOrCapture())
      return "captured by a lambda (a copy would copy the elements)";
    const Expr *E = Ref;
    const Stmt *P = upward(PM, E);
    if (!P)
      return "used as a '" + kind() + "'";
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(PM.getParent(ME));
      llvm::StringRef Name = ME->getMemberDecl()->getIdentifier()
                                 ? ME->getMemberDecl()->getName()
                                 : llvm::StringRef("");
      if (isa<CXXConversionDecl>(ME->getMemberDecl()))
        return "tested as a pointer";
      if (!Call)
        return "its member '" + Name.str() + "' is named";
      if (Unique) {
        // get() becomes data(); the rest of unique_ptr is ownership.
        if (Name == "get") {
          GetCalls.push_back(ME->getMemberLoc());
          return "";
        }
        if (Name == "reset" || Name == "release" || Name == "swap")
          return "its ownership is changed ('" + Name.str() + "')";
        return "'" + Name.str() + "' is called, which std::span does not have";
      }
      if (Name == "data" || Name == "size" || Name == "empty" ||
          Name == "front" || Name == "back")
        return "";
      if (Name == "begin" || Name == "end" || Name == "rbegin" ||
          Name == "rend" ||
          (LO.CPlusPlus23 && (Name == "cbegin" || Name == "cend")))
        return iteratorProblem(PM, Call);
      if (Name == "resize" || Name == "assign")
        return "resized ('" + Name.str() + "')";
      if (Name == "reserve" || Name == "shrink_to_fit")
        return "its capacity is changed ('" + Name.str() + "')";
      if (Name == "push_back" || Name == "emplace_back" || Name == "insert" ||
          Name == "emplace" || Name == "append_range" || Name == "insert_range")
        return "pushed to ('" + Name.str() + "')";
      if (Name == "pop_back" || Name == "erase" || Name == "clear")
        return "shrunk ('" + Name.str() + "')";
      if (Name == "swap")
        return "swapped";
      return "'" + Name.str() + "' is called, which std::span does not have";
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      OverloadedOperatorKind K = Op->getOperator();
      if (K == OO_Subscript && Op->getArg(0) == E)
        return "";
      if (K == OO_Equal)
        return Op->getArg(0) == E ? "assigned to"
                                  : "copied" + assignee(Op->getArg(0));
      return "used by the " + kind() + "'s operator '" +
             std::string(getOperatorSpelling(K)) + "'";
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      if (isStdClass(CE->getType(), "span"))
        return "";
      if (recordOf(CE->getType()) == recordOf(Ref->getType())) {
        const Expr *Whole = CE;
        if (isa_and_nonnull<ReturnStmt>(upward(PM, Whole)))
          return "returned";
        return "copied" + nameOfTarget(PM, Whole);
      }
      return "passed to a constructor of '" + CE->getType().getAsString() + "'";
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && (isStd(Callee, "move") || isStd(Callee, "forward")))
        return "moved" + movedInto(PM, Call);
      if (Callee && (isStd(Callee, "size") || isStd(Callee, "ssize") ||
                     isStd(Callee, "data") || isStd(Callee, "empty")))
        return "";
      if (Callee && (isStd(Callee, "begin") || isStd(Callee, "end")))
        return iteratorProblem(PM, Call);
      std::string Name = Callee ? Callee->getNameAsString() : "a function";
      for (unsigned I = 0;
           Callee && I < Call->getNumArgs() && I < Callee->getNumParams(); ++I)
        if (Call->getArg(I)->IgnoreParenImpCasts() == Ref) {
          QualType PT = Callee->getParamDecl(I)->getType();
          if (Callee->getTemplateInstantiationPattern())
            return "passed to the template '" + Name +
                   "', which may use it as a '" + kind() + "'";
          return "passed to '" + Name + "' as '" + PT.getAsString() + "'";
        }
      return "passed to '" + Name + "'";
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      if (const auto *For = dyn_cast_or_null<CXXForRangeStmt>(PM.getParent(DS));
          For && For->getRangeStmt() == DS)
        return "";
      if (DS->isSingleDecl())
        if (const auto *To = dyn_cast<VarDecl>(DS->getSingleDecl()))
          return "bound to the reference '" + To->getNameAsString() + "'";
    }
    if (isa<ReturnStmt>(P))
      return "returned";
    if (const auto *UO = dyn_cast<UnaryOperator>(P);
        UO && UO->getOpcode() == UO_AddrOf)
      return "its address is taken";
    if (isa<UnaryExprOrTypeTraitExpr>(P))
      return "its type is used (sizeof)";
    return "used as a '" + kind() + "'";
  }

  std::string kind() const {
    return Unique ? "std::unique_ptr" : "std::vector";
  }

  std::string assignee(const Expr *LHS) const {
    if (const auto *D = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts()))
      return " into '" + D->getDecl()->getNameAsString() + "'";
    return "";
  }

  std::string movedInto(ParentMap &PM, const CallExpr *Move) {
    const Expr *E = Move;
    const Stmt *P = upward(PM, E);
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(P)) {
      const Expr *Whole = CE;
      if (isa_and_nonnull<ReturnStmt>(upward(PM, Whole)))
        return " into the return value";
      return nameOfTarget(PM, Whole);
    }
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P);
        Op && Op->getOperator() == OO_Equal)
      return assignee(Op->getArg(0));
    if (isa_and_nonnull<ReturnStmt>(P))
      return " into the return value";
    return "";
  }

  /// An iterator of the vector becomes a span's: fine where its type is
  /// deduced (an `auto` variable, a template's argument, the iterator's own
  /// operators), not where `std::vector<T>::iterator` is named.
  std::string iteratorProblem(ParentMap &PM, const CallExpr *Call) {
    const Expr *E = Call;
    const Stmt *P = upward(PM, E);
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(P);
        CE && CE->getConstructor()->isCopyOrMoveConstructor()) {
      E = CE;
      P = upward(PM, E);
    }
    if (const auto *C = dyn_cast_or_null<CallExpr>(P))
      if (const FunctionDecl *Callee = C->getDirectCallee();
          Callee && Callee->isTemplateInstantiation())
        return "";
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
      if (DS->isSingleDecl())
        if (const auto *To = dyn_cast<VarDecl>(DS->getSingleDecl()))
          if (To->getType()->getContainedDeducedType())
            return "";
    return "its iterator is used where a 'std::vector' iterator is named";
  }

  /// The escape analysis over \p FD, with \p VD's storage arena memory of
  /// \p Target's reset; an escape of it is the refusal.
  void proveNoEscape(const FunctionDecl *FD, const VarDecl *VD,
                     const CompoundStmt *Target,
                     const NoEscapeAnnotation *Existing, Verdict &V) {
    struct Collect : FindingSink {
      std::vector<Finding> Got;
      void report(Finding F) override { Got.push_back(std::move(F)); }
    } Trial;
    escape::EscapeContext EC(Ctx, Escape, Trial);
    EC.ArenaVars.insert(VD);
    escape::BlockInfo B;
    B.Body = Target;
    B.Ann = Existing;
    B.Buffer = escape::EscapeContext::normalizeBuffer(
        Existing ? Existing->BufferSpelling : "");
    B.IsFunction = Target == FD->getBody();
    auto L = SM.getDecomposedExpansionLoc(Target->getLBracLoc());
    auto R = SM.getDecomposedExpansionLoc(Target->getRBracLoc());
    B.File = L.first;
    B.Begin = L.second;
    B.End = R.second;
    escape::runBlockAnalysis(EC, FD, FD->getBody(), {B});
    SourceLocation Source = SM.getExpansionLoc(VD->getInit()->getBeginLoc());
    for (const Finding &F : Trial.Got) {
      if (llvm::StringRef(F.Message).contains("iteration cap")) {
        V.Reason = "the escape analysis of the function did not finish (its "
                   "iteration cap)";
        return;
      }
      bool Ours = llvm::any_of(F.Notes, [&](const FindingNote &N) {
        return N.Loc == Source && N.Message == "allocated here";
      });
      if (!Ours)
        continue;
      llvm::StringRef How = F.Message;
      How.consume_front("pointer into arena memory allocated in this "
                        "no_escape block ");
      V.Reason = "its data escapes" + atLine(F.Loc) + ": a pointer into it " +
                 How.str();
      V.At = F.Loc;
      V.AtNote = "escapes here";
      return;
    }
  }

  /// Text to insert at \p Offset of \p FID, as a fix-it.
  FixItHint insertAt(FileID FID, unsigned Offset, std::string Text) const {
    return FixItHint::CreateInsertion(SM.getComposedLoc(FID, Offset),
                                      std::move(Text));
  }

  /// The #include lines the fixed file needs, after the last #include of
  /// the file's leading block of comments and directives (an #include in
  /// the middle of a file may sit inside a namespace). The same text and
  /// place for every candidate of a file, so that the fixes of several
  /// candidates insert it once.
  std::optional<FixItHint> includes(FileID FID) const {
    llvm::StringRef Buf = SM.getBufferData(FID);
    bool HasRuntime = false, HasAlgorithm = false, InComment = false;
    size_t At = 0;
    for (size_t Start = 0; Start < Buf.size();) {
      size_t End = Buf.find('\n', Start);
      End = End == llvm::StringRef::npos ? Buf.size() : End + 1;
      llvm::StringRef Line = Buf.slice(Start, End).trim();
      Start = End;
      if (InComment || Line.starts_with("/*")) {
        InComment = !Line.contains("*/");
        continue;
      }
      if (Line.empty() || Line.starts_with("//"))
        continue;
      if (!Line.consume_front("#"))
        break;
      if (!(Line = Line.ltrim()).consume_front("include"))
        continue;
      Line = Line.trim();
      HasRuntime |=
          Line == "<bumper/core.hpp>" || Line == "<bumper/bumper.hpp>" ||
          Line == "\"bumper/core.hpp\"" || Line == "\"bumper/bumper.hpp\"";
      HasAlgorithm |= Line == "<algorithm>";
      At = End;
    }
    std::string Add;
    if (!HasRuntime)
      Add += "#include " + GuardHeader.str() + "\n";
    if (!HasAlgorithm)
      Add += "#include <algorithm>\n";
    if (Add.empty())
      return std::nullopt;
    return insertAt(FID, At, Add);
  }

  GuardPlanner &plannerFor(FileID FID) {
    std::unique_ptr<GuardPlanner> &P = Planners[FID];
    if (!P)
      P = std::make_unique<GuardPlanner>(SM.getBufferData(FID), LO);
    return *P;
  }

  /// The annotation and guard a new no_escape block \p Block gets: the same
  /// for every candidate in it.
  llvm::SmallVector<FixItHint, 2> annotate(const FunctionDecl *FD,
                                           const CompoundStmt *Block,
                                           const NoEscapeAnnotation *Outer) {
    auto [FID, LB] = SM.getDecomposedLoc(Block->getLBracLoc());
    auto Known = NewBlocks.find(Block->getLBracLoc());
    if (Known != NewBlocks.end())
      return Known->second;
    std::string Buffer = Outer ? Outer->BufferSpelling : "";
    std::string Attr = "[[bumper::no_escape" +
                       (Buffer.empty() ? "" : "(" + Buffer + ")") + "]] ";
    llvm::SmallVector<FixItHint, 2> Fixes;
    if (Block == FD->getBody())
      Fixes.push_back(FixItHint::CreateInsertion(FD->getBeginLoc(), Attr));
    else
      Fixes.push_back(insertAt(FID, LB, Attr));
    unsigned RB = SM.getFileOffset(Block->getRBracLoc());
    GuardPlanner &Planner = plannerFor(FID);
    std::string Guard =
        spelling(RuntimeName::NoEscape).str() + " " + Planner.pickName(LB, RB);
    if (!Buffer.empty())
      Guard +=
          Outer->BufferIsCHandle
              ? "(" + spelling(RuntimeName::FromC).str() + "(" + Buffer + "))"
              : "(" + Buffer + ")";
    Guard += ";";
    TextInsertion I = Planner.insertion(LB, Guard);
    Fixes.push_back(insertAt(FID, I.Offset, I.Text));
    NewBlocks[Block->getLBracLoc()] = Fixes;
    return Fixes;
  }

  /// The element type as the declaration spells it, else as Clang prints
  /// it.
  std::string elementSpelling(const VarDecl *VD, QualType Elem) const {
    TypeLoc TL = VD->getTypeSourceInfo()->getTypeLoc();
    if (auto Q = TL.getAs<QualifiedTypeLoc>())
      TL = Q.getUnqualifiedLoc();
    if (auto El = TL.getAs<ElaboratedTypeLoc>())
      TL = El.getNamedTypeLoc();
    // The text between the angle brackets: a TypeLoc's range leaves out a
    // leading "const".
    if (auto Spec = TL.getAs<TemplateSpecializationTypeLoc>();
        Spec && Spec.getNumArgs() == 1 && !Spec.getLAngleLoc().isMacroID() &&
        !Spec.getRAngleLoc().isMacroID()) {
      llvm::StringRef S = Lexer::getSourceText(
          CharSourceRange::getCharRange(Spec.getLAngleLoc().getLocWithOffset(1),
                                        Spec.getRAngleLoc()),
          SM, LO);
      S = S.trim();
      if (Unique && S.consume_back("[]"))
        S = S.rtrim();
      if (!S.empty() && !S.contains('['))
        return S.str();
    }
    PrintingPolicy PP(LO);
    PP.SuppressTagKeyword = true;
    return Elem.getAsString(PP);
  }

  void report(const FunctionDecl *FD, const DeclStmt *DS, const VarDecl *VD,
              QualType Elem, const Expr *N, const Expr *X,
              const CompoundStmt *Target, const NoEscapeAnnotation *Existing,
              bool InLoop) {
    std::string Name = VD->getNameAsString();
    std::string T = elementSpelling(VD, Elem);
    bool NewBlock = !Existing || Index.lookup(Target) != Existing;
    std::string Buffer = Existing ? Existing->BufferSpelling : "";
    std::string BufferArg;
    if (!Buffer.empty())
      BufferArg = (Existing->BufferIsCHandle
                       ? spelling(RuntimeName::FromC).str() + "(" + Buffer + ")"
                       : Buffer) +
                  ", ";
    std::string Decl = "std::span<" + T + "> " + Name + " = " +
                       spelling(RuntimeName::Alloc).str() + "<" + T + ">(" +
                       BufferArg + text(N->getSourceRange()) + ");";
    bool Simple = llvm::all_of(
        T, [](char C) { return llvm::isAlnum(C) || C == '_' || C == ':'; });
    std::string Value =
        X ? text(X->getSourceRange())
          : (Simple ? T : "decltype(" + Name + ")::value_type") + "{}";
    if (Zero || X)
      Decl += " std::fill(" + Name + ".begin(), " + Name + ".end(), " + Value +
              ");";

    std::string Message =
        "'" + Name + "' is a heap temporary: " +
        (Unique ? "an array owned by a std::unique_ptr, only indexed and "
                  "passed as a pointer"
                : "a std::vector of fixed size, only indexed, iterated and "
                  "passed as a span, a pointer or iterators") +
        ", whose memory the escape analysis finds kept nowhere past its "
        "block; it can come from the arena";
    if (InLoop)
      Message += " (it is inside a loop, where the heap allocation repeats "
                 "on every iteration)";
    Finding F{
        Check::HeapTemporary, VD->getLocation(), std::move(Message), {}, {}};
    FileID FID = SM.getFileID(DS->getBeginLoc());
    if (std::optional<FixItHint> Inc = includes(FID))
      F.Fixes.push_back(*Inc);
    if (NewBlock)
      for (const FixItHint &H : annotate(FD, Target, Existing))
        F.Fixes.push_back(H);
    F.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(DS->getSourceRange()), Decl));
    for (SourceLocation Get : GetCalls)
      F.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Get, Get), "data"));
    F.Notes.push_back(
        {SM.getExpansionLoc(NewBlock ? Target->getLBracLoc()
                                     : Existing->AttrRange.getBegin()),
         NewBlock ? "--fix annotates this block '[[bumper::no_escape]]' "
                    "and guards it; the memory is reset where it ends"
                  : "the memory comes from this no_escape block's buffer "
                    "and is reset where the block ends"});
    Sink.report(std::move(F));
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const AnnotationIndex &Index;
  FindingSink &Sink;
  const EscapeOptions &Escape;
  bool Explain;
  /// The candidate being judged: a std::unique_ptr<T[]> (else a vector);
  /// its elements are value-initialised; its get() calls, which become
  /// data().
  bool Unique = false, Zero = true;
  llvm::SmallVector<SourceLocation, 4> GetCalls;
  llvm::DenseMap<FileID, std::unique_ptr<GuardPlanner>> Planners;
  llvm::DenseMap<SourceLocation, llvm::SmallVector<FixItHint, 2>> NewBlocks;
};

class Finder : public RecursiveASTVisitor<Finder> {
public:
  explicit Finder(Checker &C) : C(C) {}
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isTemplateInstantiation())
      C.checkFunction(FD);
    return true;
  }

private:
  Checker &C;
};

} // namespace

void checkHeapTemporaries(ASTContext &Ctx, const AnnotationIndex &Index,
                          FindingSink &Sink, const EscapeOptions &Escape,
                          bool Explain) {
  if (!Sink.enabled(Check::HeapTemporary) || !Ctx.getLangOpts().CPlusPlus)
    return;
  Checker C(Ctx, Index, Sink, Escape, Explain);
  Finder(C).TraverseAST(Ctx);
}

} // namespace bumper
