//===- Annotations.cpp - From recorded attribute uses to annotations ------===//
//
// Turns what NoEscapeAttr.cpp recorded into an AnnotationIndex: blocks and
// function bodies, each with the buffer it resets. Wrong uses (the attribute
// on a variable, a class, a statement that is not a block; an argument that
// is not a buffer; two annotations on one block) become bumper-annotation
// errors and stay out of the index, so nothing is edited for them.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Findings.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "bumper-tool/RuntimeModel.h"
#include "bumper-tool/SourceText.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace bumper {

void AnnotationIndex::add(NoEscapeAnnotation A) {
  SourceLocation Key = A.Body->getLBracLoc();
  auto It = ByLBrace.find(Key);
  if (It != ByLBrace.end())
    return; // The first one wins; buildAnnotationIndex reports duplicates.
  ByLBrace[Key] = Annotations.size();
  Annotations.push_back(std::move(A));
}

void AnnotationIndex::markSuspending(SourceLocation LBrace) {
  auto It = ByLBrace.find(LBrace);
  if (It != ByLBrace.end())
    Annotations[It->second].Suspends = true;
}

const NoEscapeAnnotation *AnnotationIndex::lookup(SourceLocation LBrace) const {
  auto It = ByLBrace.find(LBrace);
  if (It == ByLBrace.end())
    return nullptr;
  return &Annotations[It->second];
}

/// The C API's handle, `bumper_buffer *`: a buffer in C, and in C++ code
/// that is handed one (the guard is then on `bumper::from_c(handle)`).
static bool isCBufferHandle(QualType T) {
  const RecordDecl *RD =
      T->isPointerType() ? T->getPointeeType()->getAsRecordDecl() : nullptr;
  return isRuntime(RD, RuntimeName::CBuffer);
}

bool isBufferExpression(const Expr *E) {
  if (!E)
    return false;
  if (E->isTypeDependent() || E->isValueDependent())
    return true;
  if (isCBufferHandle(E->getType()))
    return true;
  if (!E->isGLValue())
    return false;
  return isRuntimeBufferClass(
      E->getType().getNonReferenceType()->getAsCXXRecordDecl());
}

namespace {

/// What the attribute was written on, for "... not to <what>".
std::string describe(const AttributeUse &U) {
  if (const Decl *D = U.Declaration) {
    if (isa<VarDecl>(D))
      return "a variable";
    if (isa<FieldDecl>(D))
      return "a data member";
    if (isa<TagDecl>(D))
      return isa<EnumDecl>(D) ? "an enumeration" : "a class";
    if (isa<NamespaceDecl>(D))
      return "a namespace";
    if (isa<TypedefNameDecl>(D))
      return "a type alias";
    return std::string("a declaration (") + D->getDeclKindName() + ")";
  }
  const Stmt *S = U.Statement;
  if (!S)
    return "this";
  if (isa<NullStmt>(S))
    return "an empty statement";
  if (isa<ForStmt>(S) || isa<CXXForRangeStmt>(S))
    return "a 'for' statement; put it on the loop's body block";
  if (isa<WhileStmt>(S))
    return "a 'while' statement; put it on the loop's body block";
  if (isa<DoStmt>(S))
    return "a 'do' statement; put it on the loop's body block";
  if (isa<IfStmt>(S))
    return "an 'if' statement; put it on a branch's block";
  if (isa<SwitchStmt>(S))
    return "a 'switch' statement";
  if (isa<ReturnStmt>(S))
    return "a 'return' statement";
  if (isa<Expr>(S))
    return "an expression statement";
  return std::string("a statement of kind ") + S->getStmtClassName();
}

class IndexBuilder {
public:
  IndexBuilder(ASTContext &Ctx, AnnotationIndex &Index, FindingSink &Sink)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Index(Index), Sink(Sink) {}

  void add(const AttributeUse &U) {
    if (U.Unscoped)
      return error(U.Range.getBegin(),
                   "write '[[bumper::no_escape]]': the unscoped spelling "
                   "'no_escape' is reserved");
    const CompoundStmt *Body = nullptr;
    const FunctionDecl *Function = nullptr;
    if (U.Statement) {
      Body = dyn_cast<CompoundStmt>(U.Statement);
    } else if (U.Declaration) {
      Function = U.Declaration->getAsFunction();
      if (Function) {
        const FunctionDecl *Def = nullptr;
        if (!Function->isDefined(Def))
          return; // Defined in another translation unit, checked there.
        if (Def->isDefaulted() || Def->isDeleted())
          return error(U.Range.getBegin(),
                       "'bumper::no_escape' on a defaulted or deleted "
                       "function has no body to guard");
        Function = Def;
        if (auto *Tmpl = Function->getTemplateInstantiationPattern())
          Function = Tmpl;
        const Stmt *FunctionBody = Function->getBody();
        // A coroutine's own block: SuspendCheck.cpp reports its suspensions.
        if (const auto *Coroutine =
                dyn_cast_or_null<CoroutineBodyStmt>(FunctionBody))
          FunctionBody = Coroutine->getBody();
        Body = dyn_cast_or_null<CompoundStmt>(FunctionBody);
        if (!Body)
          return error(U.Range.getBegin(),
                       "'bumper::no_escape' on a function with a "
                       "function-try-block is not supported; annotate a block "
                       "inside it");
      }
    }
    if (!Body)
      return error(U.Range.getBegin(),
                   "'bumper::no_escape' applies to a block or a function "
                   "definition, not to " +
                       describe(U));

    if (U.HasNonExprArg || U.Args.size() > 1)
      return error(U.Range.getBegin(),
                   "'bumper::no_escape' takes at most one argument, the "
                   "buffer the block resets");
    const Expr *Buffer = U.Args.empty() ? nullptr : U.Args.front();
    if (Buffer && !isBufferExpression(Buffer))
      return error(Buffer->getBeginLoc(),
                   std::string("the argument of 'bumper::no_escape' must ") +
                       (!Ctx.getLangOpts().CPlusPlus
                            ? "be a 'bumper_buffer *'"
                            : "name a bumper buffer (bumper::AllocBuffer, "
                              "bumper::SlabBuffer, ..., or a C API "
                              "'bumper_buffer *')") +
                       ", not an expression of type '" +
                       Buffer->getType().getAsString() + "'");

    std::string Spelling = Buffer ? spell(Buffer) : std::string();
    auto Seen = ByLBrace.find(Body->getLBracLoc());
    if (Seen != ByLBrace.end()) {
      const NoEscapeAnnotation *Prev = &Accepted[Seen->second];
      // The same annotation on a function's declaration and its definition
      // is fine; two on one block are not.
      if (Function && Prev->Function && Prev->BufferSpelling == Spelling)
        return;
      Finding F{Check::InvalidAnnotation,
                U.Range.getBegin(),
                "this block already has a 'bumper::no_escape' annotation; a "
                "block resets one buffer, so write one annotation",
                {},
                {}};
      F.Notes.push_back({Prev->AttrRange.getBegin(), "first annotation here"});
      Sink.report(std::move(F));
      Rejected.insert(Body->getLBracLoc()); // No edit for this block.
      return;
    }

    NoEscapeAnnotation A;
    A.On = Function ? NoEscapeAnnotation::Target::Function
                    : NoEscapeAnnotation::Target::Block;
    A.Body = Body;
    A.Function = Function;
    A.Buffer = Buffer;
    A.BufferSpelling = std::move(Spelling);
    A.BufferIsCHandle = Buffer && !Buffer->isTypeDependent() &&
                        isCBufferHandle(Buffer->getType());
    A.AttrRange = U.Range;
    ByLBrace[Body->getLBracLoc()] = Accepted.size();
    Accepted.push_back(std::move(A));
  }

  /// [[bumper::no_escape]] after a declarator, where clang would apply it
  /// to a type (AttributeSpelling.h took clang's error out).
  void misplaced(SourceLocation Loc) {
    const FunctionDecl *FD = functionDeclaredAt(Ctx.getTranslationUnitDecl(),
                                                SM.getExpansionLoc(Loc));
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
    if (Method && Method->getParent()->isLambda())
      return error(Loc, "'bumper::no_escape' after the parameters of a lambda "
                        "applies to its type, which it cannot annotate; write "
                        "it right after the lambda's captures ('[] "
                        "[[bumper::no_escape]] (int) { ... }', C++23), or "
                        "annotate a block inside the lambda's body");
    if (!FD)
      return error(Loc, "'bumper::no_escape' here applies to a type, which "
                        "it cannot annotate; write it before a function's "
                        "declaration, or on a block (for a lambda: on a "
                        "block inside its body)");
    std::string Message = "'bumper::no_escape' after the parameters of '" +
                          FD->getNameAsString() +
                          "' applies to the function's type, which it "
                          "cannot annotate; ";
    SourceLocation Start = FD->getInnerLocStart();
    CharSourceRange Spec = wholeSpecifier(Loc);
    if (Start.isMacroID() || Loc.isMacroID()) {
      Message += "the function is declared by a macro: annotate a block "
                 "inside its body";
      return error(Loc, std::move(Message));
    }
    Message += "write it before the declaration";
    Finding F{Check::InvalidAnnotation, Loc, std::move(Message), {}, {}};
    if (Spec.isValid() && Start.isValid()) {
      // "int f() [[bumper::no_escape]] {" -> "[[bumper::no_escape]] int f() {"
      StringRef Text = Lexer::getSourceText(Spec, SM, Ctx.getLangOpts());
      F.Fixes.push_back(FixItHint::CreateInsertion(Start, (Text + " ").str()));
      F.Fixes.push_back(FixItHint::CreateRemoval(withSpaceBefore(Spec)));
    }
    Sink.report(std::move(F));
  }

  /// Adds the accepted annotations, minus the blocks annotated twice.
  void finish() {
    for (NoEscapeAnnotation &A : Accepted)
      if (!Rejected.contains(A.Body->getLBracLoc()))
        Index.add(std::move(A));
  }

private:
  /// The function definition whose declarator holds \p Loc (between its
  /// name and its body), in \p DC or the contexts it holds.
  const FunctionDecl *functionDeclaredAt(const DeclContext *DC,
                                         SourceLocation Loc) {
    for (const Decl *D : DC->decls()) {
      if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
        D = T->getTemplatedDecl();
      if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        const Stmt *Body = FD->getBody();
        if (Body && FD->isThisDeclarationADefinition() &&
            SM.isBeforeInTranslationUnit(SM.getExpansionLoc(FD->getLocation()),
                                         Loc) &&
            SM.isBeforeInTranslationUnit(
                Loc, SM.getExpansionLoc(Body->getBeginLoc())))
          return FD;
        // A lambda's class is declared in the function that holds it.
        if (Body && SM.isBeforeInTranslationUnit(
                        SM.getExpansionLoc(Body->getBeginLoc()), Loc))
          if (const FunctionDecl *Inner = functionDeclaredAt(FD, Loc))
            return Inner;
        continue;
      }
      if (const auto *T = dyn_cast<ClassTemplateDecl>(D))
        D = T->getTemplatedDecl();
      if (isa<NamespaceDecl, CXXRecordDecl, LinkageSpecDecl, ExportDecl>(D))
        if (const FunctionDecl *FD =
                functionDeclaredAt(cast<DeclContext>(D), Loc))
          return FD;
    }
    return nullptr;
  }

  /// The range of "[[bumper::no_escape(...)]]" whose name starts at \p Loc,
  /// if the specifier holds that attribute alone; else an invalid range.
  CharSourceRange wholeSpecifier(SourceLocation Loc) {
    auto [FID, Offset] = SM.getDecomposedLoc(Loc);
    StringRef Text = SM.getBufferData(FID);
    StringRef Before = Text.take_front(Offset).rtrim();
    if (!Before.ends_with("[["))
      return {};
    unsigned Begin = Before.size() - 2;
    // From the name to the "]]" that closes the specifier.
    Lexer L(SM.getLocForStartOfFile(FID), Ctx.getLangOpts(), Text.begin(),
            Text.begin() + Offset, Text.end());
    Token T;
    unsigned Depth = 0;
    bool Attr = false;
    while (!L.LexFromRawLexer(T) || T.isNot(tok::eof)) {
      if (T.is(tok::l_paren)) {
        ++Depth;
      } else if (T.is(tok::r_paren)) {
        --Depth;
      } else if (Depth == 0 && T.is(tok::comma)) {
        return {}; // Another attribute in the same specifier.
      } else if (Depth == 0 && T.is(tok::r_square)) {
        Token Next;
        if (L.LexFromRawLexer(Next) || Next.isNot(tok::r_square) || !Attr)
          return {};
        return CharSourceRange::getCharRange(SM.getComposedLoc(FID, Begin),
                                             Next.getEndLoc());
      } else if (Depth == 0 && T.is(tok::raw_identifier) &&
                 T.getRawIdentifier() == "no_escape") {
        Attr = true;
      }
      if (T.is(tok::eof))
        break;
    }
    return {};
  }

  /// \p R with the blanks before it, so that removing it leaves "f() {".
  CharSourceRange withSpaceBefore(CharSourceRange R) {
    auto [FID, Offset] = SM.getDecomposedLoc(R.getBegin());
    StringRef Before = SM.getBufferData(FID).take_front(Offset);
    size_t Blanks = Before.size() - Before.rtrim(" \t").size();
    return CharSourceRange::getCharRange(
        R.getBegin().getLocWithOffset(-int(Blanks)), R.getEnd());
  }

  void error(SourceLocation Loc, std::string Message) {
    Sink.report(
        Finding{Check::InvalidAnnotation, Loc, std::move(Message), {}, {}});
  }

  std::string spell(const Expr *E) {
    return bumper::spell(E, SM, Ctx.getLangOpts());
  }

  ASTContext &Ctx;
  SourceManager &SM;
  AnnotationIndex &Index;
  FindingSink &Sink;
  std::vector<NoEscapeAnnotation> Accepted;
  llvm::DenseMap<SourceLocation, unsigned> ByLBrace;
  llvm::DenseSet<SourceLocation> Rejected;
};

} // namespace

void buildAnnotationIndex(ASTContext &Ctx, const AttributeRecorder &Recorder,
                          AnnotationIndex &Index, FindingSink &Sink) {
  IndexBuilder Builder(Ctx, Index, Sink);
  // Function annotations first: a block annotation on a body that is also
  // annotated as a function is the duplicate.
  for (const AttributeUse &U : Recorder.uses())
    if (U.Declaration)
      Builder.add(U);
  for (const AttributeUse &U : Recorder.uses())
    if (!U.Declaration)
      Builder.add(U);
  for (SourceLocation Loc : Recorder.misplacedUses())
    Builder.misplaced(Loc);
  Builder.finish();
}

} // namespace bumper
