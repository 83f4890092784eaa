//===- HeapTemporary.cpp - bumper-heap-temporary
//---------------------------===//
//
// For each local `std::vector<T> v(n)`, `v(n, x)`, `v(first, last)` or
// `v{a, b, c}` (or `v;` whose first use is `v.resize(n)`, a statement of
// its block) of a function that is not a template: every use of `v` must
// be one a std::span has too (indexing, data(), size(), empty(), front(),
// back(), begin()/end() into a template or an `auto`, range-for, a
// conversion to std::span); T trivial (the arena runs no constructors or
// destructors); and the escape analysis, run over the function with the
// vector's storage as arena memory of the block that would reset it
// (EscapeContext::ArenaVars), must find no escape. The first failed
// condition is the refusal's reason (--explain). A std::unique_ptr<T[]>
// from new T[n] or make_unique<T[]>(n) is judged alike: only [] and get()
// (which becomes data()) are a span's. A raw `T *p = new T[n]` is judged by
// its delete[]s instead (HeapTemporaryRawArray.cpp).
//
// The block that resets it: the enclosing annotated block when no loop lies
// between it and the declaration (else the memory of every iteration would
// pile up until that block ends), else the declaration's own block, which
// the fix annotates and guards (HeapTemporaryFix.cpp).
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/HeapTemporary.h"
#include "EscapeCommon.h"
#include "HeapTemporaryCommon.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace bumper {
namespace heaptemp {

bool isStd(const NamedDecl *D, llvm::StringRef Name) {
  if (!D || !D->getIdentifier() || D->getName() != Name)
    return false;
  const DeclContext *DC = D->getDeclContext();
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  return DC && DC->isStdNamespace();
}

static const CXXRecordDecl *recordOf(QualType T) {
  return T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
}

bool isStdClass(QualType T, llvm::StringRef Name) {
  return isStd(recordOf(T), Name);
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

static void collectRefs(const Stmt *S, const VarDecl *VD,
                        llvm::SmallVectorImpl<const DeclRefExpr *> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == VD)
    Out.push_back(DRE);
  for (const Stmt *C : S->children())
    collectRefs(C, VD, Out);
}

llvm::SmallVector<const DeclRefExpr *, 8>
refsTo(const SourceManager &SM, const Stmt *Body, const VarDecl *VD) {
  llvm::SmallVector<const DeclRefExpr *, 8> Refs;
  collectRefs(Body, VD, Refs);
  llvm::stable_sort(Refs, [&](const DeclRefExpr *A, const DeclRefExpr *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  return Refs;
}

/// \p E without what C++ adds around a temporary.
static const Expr *bare(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenImpCasts();
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else if (const auto *FE = dyn_cast<FullExpr>(E))
      E = FE->getSubExpr();
    else
      return E;
  }
}

static llvm::StringRef calleeName(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  return F && F->getIdentifier() ? F->getName() : "";
}

/// \p E can be evaluated twice (the fix counts a range, then copies it)
/// with the same result and no effect: a variable, begin() or end() of
/// one, and + and - of those.
bool isRepeatable(const Expr *E) {
  E = bare(E);
  if (isa<DeclRefExpr, IntegerLiteral, CXXThisExpr>(E))
    return true;
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E)) // std::prev's n
    return isRepeatable(DA->getExpr());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isRepeatable(ME->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref) &&
           isRepeatable(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->isAdditiveOp() && isRepeatable(BO->getLHS()) &&
           isRepeatable(BO->getRHS());
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return isRepeatable(AS->getBase()) && isRepeatable(AS->getIdx());
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getNumArgs() == 1 && isRepeatable(CE->getArg(0));
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = Op->getOperator();
    if (K != OO_Plus && K != OO_Minus)
      return false;
    return llvm::all_of(Op->arguments(), isRepeatable);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    llvm::StringRef Name = calleeName(Call);
    bool Iterator = Name == "begin" || Name == "end" || Name == "cbegin" ||
                    Name == "cend" || Name == "data";
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      return Iterator && MC->getNumArgs() == 0 &&
             isRepeatable(MC->getImplicitObjectArgument());
    return (Iterator || Name == "next" || Name == "prev") &&
           isStd(Call->getDirectCallee(), Name) &&
           llvm::all_of(Call->arguments(), isRepeatable);
  }
  return false;
}

namespace {

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
        Index(Index), Sink(Sink), Escape(Escape), Explain(Explain),
        Writer(Ctx, Index) {}

  /// Reports every finding, each conversion with the #include lines of its
  /// file.
  void flush() {
    for (PendingFinding &P : Pending) {
      if (P.Conversion.isValid())
        Writer.addIncludes(P.F, P.Conversion);
      Sink.report(std::move(P.F));
    }
    Pending.clear();
  }

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

  bool isUnique() const { return Cand.Kind == Shape::UniqueArray; }

  unsigned line(SourceLocation L) const { return SM.getExpansionLineNumber(L); }
  std::string atLine(SourceLocation L) const {
    return " at line " + std::to_string(line(L));
  }
  std::string text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO)
        .str();
  }

  /// The non-default arguments of the constructor call initialising \p VD,
  /// or null when it is not one.
  static const CXXConstructExpr *
  construction(const VarDecl *VD, llvm::SmallVectorImpl<const Expr *> &Args) {
    const Expr *Init = VD->getInit();
    const auto *CE =
        Init ? dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()) : nullptr;
    if (!CE || !CE->getConstructor())
      return nullptr;
    for (const Expr *A : CE->arguments())
      if (!isa<CXXDefaultArgExpr>(A))
        Args.push_back(A);
    return CE;
  }

  /// The construction `v(n)` or `v(n, x)`: n, and x or null. False for any
  /// other initialisation.
  static bool sizedInit(const VarDecl *VD, Candidate &C) {
    llvm::SmallVector<const Expr *, 2> Args;
    const CXXConstructExpr *CE = construction(VD, Args);
    if (!CE || VD->getInitStyle() == VarDecl::ListInit ||
        CE->isListInitialization() || CE->isStdInitListInitialization())
      return false;
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Args.empty() || Args.size() > 2 || Ctor->isCopyOrMoveConstructor() ||
        Ctor->getPrimaryTemplate() ||
        !Ctor->getParamDecl(0)->getType()->isIntegerType())
      return false;
    // v(n, alloc) is not v(n, x).
    if (Args.size() == 2 && isStdClass(Args[1]->getType(), "allocator"))
      return false;
    C.Kind = Shape::Sized;
    C.N = Args[0];
    C.X = Args.size() == 2 ? Args[1] : nullptr;
    C.Zero = !C.X;
    return true;
  }

  /// The construction `v(first, last)` by the vector's iterator template:
  /// both iterators of one type (C++23's `v(std::from_range, r)` is not).
  static bool rangeInit(const VarDecl *VD, Candidate &C) {
    llvm::SmallVector<const Expr *, 2> Args;
    const CXXConstructExpr *CE = construction(VD, Args);
    if (!CE || Args.size() != 2 || !CE->getConstructor()->getPrimaryTemplate())
      return false;
    QualType A = Args[0]->getType().getCanonicalType().getUnqualifiedType();
    QualType B = Args[1]->getType().getCanonicalType().getUnqualifiedType();
    if (A != B || isStdClass(A, "from_range_t"))
      return false;
    C.Kind = Shape::Range;
    C.First = Args[0];
    C.Last = Args[1];
    C.Whole = wholeContainer(C.First, C.Last);
    return true;
  }

  /// `v{a, b, c}` or `v = {a, b, c}`: the std::initializer_list
  /// constructor.
  static bool listInit(const VarDecl *VD, Candidate &C) {
    llvm::SmallVector<const Expr *, 2> Args;
    const CXXConstructExpr *CE = construction(VD, Args);
    if (!CE || Args.size() != 1)
      return false;
    const auto *IL = dyn_cast<CXXStdInitializerListExpr>(
        Args[0]->IgnoreImplicit()->IgnoreParens());
    if (!IL)
      return false;
    C.List = dyn_cast<InitListExpr>(IL->getSubExpr()->IgnoreImplicit());
    if (!C.List || C.List->getLBraceLoc().isInvalid())
      return false;
    C.Kind = Shape::List;
    return true;
  }

  /// `v.resize(n)`, `v.resize(n, x)` or `v.assign(n, x)` made on \p Ref,
  /// or null.
  static const CXXMemberCallExpr *sizingCall(ParentMap &PM,
                                             const DeclRefExpr *Ref) {
    const Expr *E = Ref;
    const auto *ME = dyn_cast_or_null<MemberExpr>(upward(PM, E));
    const auto *Call =
        ME ? dyn_cast_or_null<CXXMemberCallExpr>(PM.getParent(ME)) : nullptr;
    const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
    if (!M || !M->getIdentifier() || M->getPrimaryTemplate() ||
        M->getNumParams() == 0 ||
        !M->getParamDecl(0)->getType()->isIntegerType())
      return nullptr;
    unsigned Args = Call->getNumArgs();
    if ((M->getName() == "resize" && (Args == 1 || Args == 2)) ||
        (M->getName() == "assign" && Args == 2))
      return Call;
    return nullptr;
  }

  /// A default-constructed vector (`v;`, `v{}`) with a sizing call: the
  /// first in the source (sizingFits refuses a use before it).
  bool resizedInit(ParentMap &PM, const VarDecl *VD, Candidate &C) const {
    llvm::SmallVector<const Expr *, 2> Args;
    const CXXConstructExpr *CE = construction(VD, Args);
    if (!CE || !Args.empty() || !CE->getConstructor()->isDefaultConstructor())
      return false;
    for (const DeclRefExpr *Ref : refsTo(SM, C.FD->getBody(), VD))
      if (const CXXMemberCallExpr *Call = sizingCall(PM, Ref)) {
        C.Kind = Shape::Resized;
        C.Sizing = Call;
        C.SizingRef = Ref;
        C.N = Call->getArg(0);
        C.X = Call->getNumArgs() == 2 ? Call->getArg(1) : nullptr;
        C.Zero = !C.X;
        return true;
      }
    return false;
  }

  /// A goto, a label, or a case of a switch around it, in \p S: a jump
  /// that could pass the declaration once it has moved to the sizing call.
  static const Stmt *jumpIn(const Stmt *S, bool InSwitch = false) {
    if (!S)
      return nullptr;
    if (isa<GotoStmt, IndirectGotoStmt, LabelStmt>(S) ||
        (isa<SwitchCase>(S) && !InSwitch))
      return S;
    for (const Stmt *C : S->children())
      if (const Stmt *J = jumpIn(C, InSwitch || isa<SwitchStmt>(S)))
        return J;
    return nullptr;
  }

  /// The conditions of a vector sized after its declaration: the fix
  /// declares it where the sizing call is, so that call is its first use,
  /// a statement of the block that declares it, with no jump between.
  bool sizingFits(ParentMap &PM, Verdict &V) {
    auto Fail = [&](std::string Why, SourceLocation At) {
      V.Reason = std::move(Why);
      V.At = At;
      V.AtNote = "here";
      return false;
    };
    const DeclRefExpr *First = refsTo(SM, Cand.FD->getBody(), Cand.VD).front();
    if (First != Cand.SizingRef)
      return Fail("used before it is sized" + atLine(First->getLocation()),
                  First->getLocation());
    SourceLocation At = Cand.Sizing->getExprLoc();
    const Stmt *S = Cand.Sizing;
    const Stmt *P = PM.getParent(S);
    while (isa_and_nonnull<ExprWithCleanups>(P)) {
      S = P;
      P = PM.getParent(P);
    }
    const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
    if (!Block || Block != PM.getParent(Cand.DS))
      return Fail("sized inside another statement" + atLine(At) +
                      "; size it directly in the block that declares it",
                  At);
    if (Cand.Sizing->getBeginLoc().isMacroID() ||
        Cand.Sizing->getEndLoc().isMacroID())
      return Fail("its sizing call is written in a macro", At);
    bool Between = false;
    for (const Stmt *Child : Block->body()) {
      if (Child == S)
        break;
      if (Between)
        if (const Stmt *J = jumpIn(Child))
          return Fail("a jump or label lies between its declaration and its "
                      "sizing" +
                          atLine(J->getBeginLoc()),
                      J->getBeginLoc());
      Between |= Child == Cand.DS;
    }
    return true;
  }

  /// The container \p It iterates from \p Begin or to the end of (its
  /// begin() or end(), std::begin or std::end), or null.
  static const Expr *iteratedBy(const Expr *It, bool Begin) {
    It = bare(It);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(It);
        CE && CE->getNumArgs() == 1)
      It = bare(CE->getArg(0));
    const auto *Call = dyn_cast<CallExpr>(It);
    if (!Call)
      return nullptr;
    llvm::StringRef Name = calleeName(Call);
    bool Right = Begin ? (Name == "begin" || Name == "cbegin")
                       : (Name == "end" || Name == "cend");
    if (!Right)
      return nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      return MC->getNumArgs() == 0 ? MC->getImplicitObjectArgument() : nullptr;
    if (isStd(Call->getDirectCallee(), Name) && Call->getNumArgs() == 1)
      return Call->getArg(0);
    return nullptr;
  }

  /// The container whose begin() and end() \p First and \p Last are, when
  /// it is written the same way in both and has a size(): then the fix can
  /// copy it whole.
  static const Expr *wholeContainer(const Expr *First, const Expr *Last) {
    const Expr *A = iteratedBy(First, true), *B = iteratedBy(Last, false);
    if (!A || !B || !isRepeatable(A) || A->getBeginLoc().isMacroID() ||
        isa<CXXThisExpr>(A->IgnoreParenImpCasts()))
      return nullptr;
    const auto *DA = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
    const auto *DB = dyn_cast<DeclRefExpr>(B->IgnoreParenImpCasts());
    if (!DA || !DB || DA->getDecl() != DB->getDecl())
      return nullptr;
    const CXXRecordDecl *RD = recordOf(A->getType());
    if (!RD || !RD->hasDefinition())
      return nullptr;
    for (const CXXMethodDecl *M : RD->methods())
      if (M->getIdentifier() && M->getName() == "size")
        return A;
    return nullptr;
  }

  /// `std::unique_ptr<T[]> p(new T[n])` (or `= std::make_unique<T[]>(n)`,
  /// `make_unique_for_overwrite`): n; Zero when the elements are
  /// value-initialised (make_unique, `new T[n]()`).
  static bool arrayInit(const VarDecl *VD, Candidate &C) {
    const Expr *Init = VD->getInit();
    if (!Init)
      return false;
    Init = Init->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init);
        CE && CE->getNumArgs() >= 1)
      Init = CE->getArg(0)->IgnoreImplicit();
    C.Kind = Shape::UniqueArray;
    if (const auto *New = dyn_cast<CXXNewExpr>(Init))
      return plainArrayNew(New, C);
    if (const auto *Call = dyn_cast<CallExpr>(Init);
        Call && Call->getNumArgs() == 1) {
      const FunctionDecl *F = Call->getDirectCallee();
      if (!F ||
          !(isStd(F, "make_unique") || isStd(F, "make_unique_for_overwrite")))
        return false;
      C.Zero = isStd(F, "make_unique");
      C.N = Call->getArg(0);
      return true;
    }
    return false;
  }

  void checkVar(const FunctionDecl *FD, ParentMap &PM, const DeclStmt *DS,
                const VarDecl *VD) {
    if (!VD->isLocalVarDecl() || VD->isStaticLocal() ||
        VD->getType()->isReferenceType())
      return;
    Cand = Candidate();
    Cand.FD = FD;
    Cand.DS = DS;
    Cand.VD = VD;
    if (std::optional<QualType> Elem = vectorElement(VD->getType())) {
      Cand.Elem = *Elem;
      if (!sizedInit(VD, Cand) && !rangeInit(VD, Cand) && !listInit(VD, Cand) &&
          !resizedInit(PM, VD, Cand))
        return;
    } else if (std::optional<QualType> Elem =
                   uniqueArrayElement(VD->getType())) {
      Cand.Elem = *Elem;
      if (!arrayInit(VD, Cand))
        return;
    } else if (!rawArrayInit(Ctx, VD, Cand)) {
      return;
    }
    Verdict V;
    Placement Where;
    judge(PM, V, Where);
    if (V.Reason.empty()) {
      if ((Cand.Overwrite = overwritingLoop(Ctx, PM, Cand)))
        Cand.Zero = false;
      Finding F = Writer.convert(Cand, Where);
      Pending.push_back({std::move(F), SM.getFileID(DS->getBeginLoc())});
      return;
    }
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
    Pending.push_back({std::move(F), FileID()});
  }

  /// Fills \p V with the first reason the candidate cannot be converted,
  /// else \p Where with the block that resets it.
  void judge(ParentMap &PM, Verdict &V, Placement &Where) {
    const FunctionDecl *FD = Cand.FD;
    const DeclStmt *DS = Cand.DS;
    const VarDecl *VD = Cand.VD;
    QualType Elem = Cand.Elem;
    const CompoundStmt *&Target = Where.Target;
    const NoEscapeAnnotation *&Existing = Where.Existing;
    bool &InLoop = Where.InLoop;
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
      return Refuse("its element type '" +
                    Writer.elementSpelling(VD, Elem, isUnique()) +
                    "' is not trivial (trivially copyable, default-"
                    "constructible and destructible): the arena runs no "
                    "constructors or destructors");
    if (Cand.Kind == Shape::Range && !rangeFits(V))
      return;
    if (Cand.Kind == Shape::Resized && !sizingFits(PM, V))
      return;
    if (Cand.Kind == Shape::RawArray) {
      SourceLocation At;
      std::string Why = rawArrayProblem(Ctx, PM, Cand, At);
      if (!Why.empty())
        return Refuse(Why, At, At.isValid() ? "here" : "");
    } else if (!checkUses(FD, PM, VD, V)) {
      return;
    }
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

  /// What `*it` of \p It gives (its value_type), null when unknown.
  static QualType iteratorValue(QualType It) {
    It = It.getNonReferenceType().getCanonicalType();
    if (const auto *P = It->getAs<PointerType>())
      return P->getPointeeType().getUnqualifiedType();
    const CXXRecordDecl *RD = recordOf(It);
    const auto *TD = RD ? memberType(RD, "value_type") : nullptr;
    return TD ? TD->getUnderlyingType().getCanonicalType().getUnqualifiedType()
              : QualType();
  }

  /// The member typedef \p Name of \p RD or of a base.
  static const TypedefNameDecl *memberType(const CXXRecordDecl *RD,
                                           llvm::StringRef Name) {
    if (!RD || !RD->hasDefinition())
      return nullptr;
    for (const Decl *D : RD->decls())
      if (const auto *TD = dyn_cast<TypedefNameDecl>(D);
          TD && TD->getName() == Name)
        return TD;
    for (const CXXBaseSpecifier &B : RD->bases())
      if (const TypedefNameDecl *TD = memberType(recordOf(B.getType()), Name))
        return TD;
    return nullptr;
  }

  /// \p Tag is std::forward_iterator_tag or derives from it.
  static bool isForwardTag(const CXXRecordDecl *Tag) {
    if (!Tag || !Tag->hasDefinition())
      return false;
    if (isStd(Tag, "forward_iterator_tag"))
      return true;
    return llvm::any_of(Tag->bases(), [](const CXXBaseSpecifier &B) {
      return isForwardTag(recordOf(B.getType()));
    });
  }

  /// \p It can be gone through twice: a pointer, or an iterator whose
  /// category is forward or better.
  static bool multiPass(QualType It) {
    It = It.getNonReferenceType().getCanonicalType();
    if (It->isPointerType())
      return true;
    const TypedefNameDecl *Cat = memberType(recordOf(It), "iterator_category");
    return Cat && isForwardTag(recordOf(Cat->getUnderlyingType()));
  }

  /// The conditions of `v(first, last)`: the fix counts the range, then
  /// copies it, so the iterators are evaluated twice and the range gone
  /// through twice; std::copy assigns where the vector constructed.
  bool rangeFits(Verdict &V) {
    for (const Expr *It : {Cand.First, Cand.Last})
      if (!isRepeatable(It)) {
        V.Reason = "its iterator '" + text(It->getSourceRange()) +
                   "' is not simple enough to be evaluated twice (a "
                   "variable, begin() or end(), or + and - of those)" +
                   atLine(It->getExprLoc());
        V.At = It->getExprLoc();
        V.AtNote = "here";
        return false;
      }
    if (!multiPass(Cand.First->getType())) {
      V.Reason = "its iterators are single-pass (input iterators), which "
                 "counting them would use up";
      return false;
    }
    QualType From = iteratorValue(Cand.First->getType());
    QualType To = Cand.Elem.getCanonicalType().getUnqualifiedType();
    if (From.isNull() ||
        (From != To && !(From->isArithmeticType() && To->isArithmeticType()))) {
      PrintingPolicy PP(LO);
      PP.SuppressTagKeyword = true;
      V.Reason = "its elements are made from '" +
                 (From.isNull() ? std::string("an unknown type")
                                : From.getAsString(PP)) +
                 "', not '" + Cand.Elem.getAsString(PP) + "'";
      return false;
    }
    return true;
  }

  /// The first use of \p VD a std::span cannot take; false after Refuse.
  bool checkUses(const FunctionDecl *FD, ParentMap &PM, const VarDecl *VD,
                 Verdict &V) {
    for (const DeclRefExpr *Ref : refsTo(SM, FD->getBody(), VD)) {
      if (Ref == Cand.SizingRef)
        continue;
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
      if (isUnique()) {
        // get() becomes data(); the rest of unique_ptr is ownership.
        if (Name == "get") {
          Cand.GetCalls.push_back(ME->getMemberLoc());
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
    return isUnique() ? "std::unique_ptr" : "std::vector";
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
    // A constructor template takes any iterator (another vector's
    // v(first, last)).
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(P);
        CE && CE->getConstructor()->isTemplateInstantiation())
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

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const AnnotationIndex &Index;
  FindingSink &Sink;
  const EscapeOptions &Escape;
  bool Explain;
  FixWriter Writer;
  /// The candidate being judged.
  Candidate Cand;
  /// Every finding, in order, with the file of each conversion: the
  /// #include lines a file's conversions need are known at the end.
  struct PendingFinding {
    Finding F;
    FileID Conversion;
  };
  std::vector<PendingFinding> Pending;
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
} // namespace heaptemp

void checkHeapTemporaries(ASTContext &Ctx, const AnnotationIndex &Index,
                          FindingSink &Sink, const EscapeOptions &Escape,
                          bool Explain) {
  if (!Sink.enabled(Check::HeapTemporary) || !Ctx.getLangOpts().CPlusPlus)
    return;
  heaptemp::Checker C(Ctx, Index, Sink, Escape, Explain);
  heaptemp::Finder(C).TraverseAST(Ctx);
  C.flush();
}

} // namespace bumper
