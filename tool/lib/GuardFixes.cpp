//===- GuardFixes.cpp - The bumper-missing-guard check and its fix-its ----===//
//
// The rewrite (docs/tool.md, "The rewrite"):
//  - the guard is "bumper::NoEscape <name>;" or "bumper::NoEscape <name>(buf);"
//    with buf spelled as in the annotation;
//  - it goes on a line of its own right after the line of the '{', indented
//    like the block's first line; a block whose first statement shares the
//    line of its '{' ("{ x(); }") gets the guard on that line, right after
//    the '{', so that no other line moves;
//  - the line ending is the one of the '{' line (CRLF files stay CRLF);
//  - <name> is bumper_guard_, or bumper_guard_1_, bumper_guard_2_, ... when
//    the name is visible at the block (declared in an enclosing scope of the
//    file, used inside the block, or the guard of an enclosing block);
//  - a block written inside a macro is never edited: the edit would change
//    the macro, hence every one of its expansions;
//  - C code is never edited (no destructors, so no declaration can be the
//    guard); a checkpoint guard written by hand is checked by CGuards.cpp.
// The guard's name and its place in the text are GuardPlanner.cpp's.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/GuardFixes.h"
#include "bumper-tool/CGuards.h"
#include "bumper-tool/GuardPlanner.h"
#include "bumper-tool/RuntimeModel.h"
#include "bumper-tool/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace bumper {

static bool isNoEscapeType(QualType T) {
  return isRuntime(T.getNonReferenceType()->getAsCXXRecordDecl(),
                   RuntimeName::NoEscape);
}

bool isNoEscapeGuard(const Stmt *S, const Expr *&Buffer) {
  const auto *DS = dyn_cast_or_null<DeclStmt>(S);
  if (!DS || !DS->isSingleDecl())
    return false;
  const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!VD || !isNoEscapeType(VD->getType()))
    return false;
  Buffer = nullptr;
  const Expr *Init = VD->getInit();
  if (!Init)
    return true;
  Init = Init->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init)) {
    // "auto g = bumper::NoEscape(buf);" before C++17's guaranteed elision.
    if (CE->getNumArgs() == 1 && isNoEscapeType(CE->getArg(0)->getType()))
      if (const auto *Inner =
              dyn_cast<CXXConstructExpr>(CE->getArg(0)->IgnoreImplicit()))
        CE = Inner;
    if (CE->getNumArgs() >= 1 && !isa<CXXDefaultArgExpr>(CE->getArg(0)))
      Buffer = CE->getArg(0);
  } else if (const auto *PL = dyn_cast<ParenListExpr>(Init)) {
    if (PL->getNumExprs() >= 1)
      Buffer = PL->getExpr(0);
  } else if (const auto *UC = dyn_cast<CXXUnresolvedConstructExpr>(Init)) {
    if (UC->getNumArgs() >= 1)
      Buffer = UC->getArg(0);
  } else if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
    if (IL->getNumInits() >= 1)
      Buffer = IL->getInit(0);
  }
  if (Buffer) {
    Buffer = Buffer->IgnoreParenImpCasts();
    // bumper::NoEscape g(bumper::default_buffer()) guards the default buffer;
    // bumper::NoEscape g(bumper::from_c(h)) guards the C handle h.
    if (asRuntimeCall(Buffer, RuntimeName::DefaultBuffer))
      Buffer = nullptr;
    else if (const CallExpr *FromC = asRuntimeCall(Buffer, RuntimeName::FromC);
             FromC && FromC->getNumArgs() == 1)
      Buffer = FromC->getArg(0)->IgnoreParenImpCasts();
  }
  return true;
}

namespace {

class GuardChecker {
public:
  explicit GuardChecker(ASTContext &Ctx, FindingSink &Sink)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Sink(Sink),
        GuardDefinition(findNoEscape(Ctx)), CGuards(Ctx, Sink) {}

  void check(const NoEscapeAnnotation &A) {
    const CompoundStmt *Body = A.Body;
    SourceLocation Loc =
        A.Function ? A.Function->getLocation() : A.AttrRange.getBegin();
    const char *What = A.Function ? "no_escape function" : "no_escape block";
    std::string Subject = A.Function ? std::string(What) + " '" +
                                           A.Function->getNameAsString() + "'"
                                     : std::string(What);

    // A coroutine suspends in it: bumper-suspend-in-block said so, and a
    // guard would free its caller's memory.
    if (A.Suspends)
      return;

    // C: a checkpoint saved by hand at the start, restored on every way out.
    if (CGuards.check(A))
      return;

    const Expr *GuardBuffer = nullptr;
    if (!Body->body_empty() &&
        isNoEscapeGuard(Body->body_front(), GuardBuffer)) {
      if (refersToSame(A.Buffer, GuardBuffer, SM, LO))
        return;
      std::string Has = GuardBuffer ? "'" + spell(GuardBuffer, SM, LO) + "'"
                                    : "the default buffer";
      std::string Wants =
          A.Buffer ? "'" + A.BufferSpelling + "'" : "the default buffer";
      Finding F{Check::MissingGuard,
                Body->body_front()->getBeginLoc(),
                "the guard of this " + std::string(What) + " resets " + Has +
                    ", but the annotation names " + Wants,
                {},
                {}};
      F.Notes.push_back({A.AttrRange.getBegin(), "annotation here"});
      Sink.report(std::move(F));
      return;
    }

    Finding F{Check::MissingGuard,
              Loc,
              Subject + " has no 'bumper::NoEscape' guard",
              {},
              {}};
    SourceLocation LBrace = Body->getLBracLoc();
    if (LBrace.isMacroID() && SM.isMacroArgExpansion(LBrace) &&
        Body->getRBracLoc().isMacroID()) {
      // Written in the file, but as a macro's argument: the macro may expand
      // it more than once, or not at all, or turn it into a string.
      StringRef Macro =
          Lexer::getImmediateMacroNameForDiagnostics(LBrace, SM, LO);
      F.Message += "; not fixed: the block is an argument of the macro '" +
                   Macro.str() +
                   "', which decides how it is expanded; add "
                   "'bumper::NoEscape' to the block by hand";
      Sink.report(std::move(F));
      return;
    }
    if (LBrace.isMacroID() || Body->getRBracLoc().isMacroID()) {
      F.Message += "; not fixed: the block is written inside a macro, and "
                   "editing the macro would change every expansion of it; "
                   "add 'bumper::NoEscape' to the macro by hand";
      Sink.report(std::move(F));
      return;
    }
    if (!LO.CPlusPlus) {
      F.Message += "; not fixed: C has no destructors to run a guard; save "
                   "a checkpoint with bumper_checkpoint_save() at the start "
                   "of the block and restore it with "
                   "bumper_checkpoint_restore() on every way out";
      Sink.report(std::move(F));
      return;
    }
    if (A.Function && Loc.isMacroID())
      F.Loc = LBrace;
    F.Fixes.push_back(guardInsertion(A));
    if (A.Function)
      F.Notes.push_back({A.AttrRange.getBegin(), "annotated here"});
    if (!GuardDefinition || !SM.isBeforeInTranslationUnit(
                                GuardDefinition->getLocation(),
                                SM.getExpansionLoc(A.Body->getLBracLoc())))
      F.Notes.push_back(
          {Loc, ("'bumper::NoEscape' is declared in " + GuardHeader +
                 " (which <bumper/bumper.hpp> includes); this file does not "
                 "include it " +
                 (GuardDefinition ? "before this block" : "yet"))
                    .str()});
    Sink.report(std::move(F));
  }

private:
  /// The planner of the guards of \p FID, made on its first guard.
  GuardPlanner &plannerFor(FileID FID) {
    std::unique_ptr<GuardPlanner> &P = Planners[FID];
    if (!P)
      P = std::make_unique<GuardPlanner>(SM.getBufferData(FID), LO);
    return *P;
  }

  FixItHint guardInsertion(const NoEscapeAnnotation &A) {
    auto [FID, LB] = SM.getDecomposedLoc(A.Body->getLBracLoc());
    unsigned RB = SM.getFileOffset(A.Body->getRBracLoc());
    GuardPlanner &Planner = plannerFor(FID);

    std::string Guard =
        spelling(RuntimeName::NoEscape).str() + " " + Planner.pickName(LB, RB);
    if (A.Buffer)
      Guard += A.BufferIsCHandle ? "(" + spelling(RuntimeName::FromC).str() +
                                       "(" + A.BufferSpelling + "))"
                                 : "(" + A.BufferSpelling + ")";
    Guard += ";";

    TextInsertion I = Planner.insertion(LB, Guard);
    return FixItHint::CreateInsertion(SM.getComposedLoc(FID, I.Offset), I.Text);
  }

  /// The definition of bumper::NoEscape, if the translation unit has one:
  /// the guard compiles only after it.
  static const NamedDecl *findNoEscape(ASTContext &Ctx) {
    IdentifierInfo &Bumper = Ctx.Idents.get("bumper");
    IdentifierInfo &NoEscape = Ctx.Idents.get("NoEscape");
    for (NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(&Bumper))
      if (auto *NS = dyn_cast<NamespaceDecl>(ND))
        for (NamedDecl *Guard : NS->lookup(&NoEscape)) {
          if (const auto *Tag = dyn_cast<TagDecl>(Guard))
            if (const TagDecl *Definition = Tag->getDefinition())
              return Definition;
          return Guard;
        }
    return nullptr;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  FindingSink &Sink;
  const NamedDecl *GuardDefinition; ///< of bumper::NoEscape, or null
  CheckpointGuardChecker CGuards;   ///< C: the guards written by hand
  llvm::DenseMap<FileID, std::unique_ptr<GuardPlanner>> Planners;
};

} // namespace

void checkGuards(ASTContext &Ctx, const AnnotationIndex &Index,
                 FindingSink &Sink) {
  // Outer blocks first, so that a nested block's guard gets another name.
  std::vector<const NoEscapeAnnotation *> Order;
  for (const NoEscapeAnnotation &A : Index.all())
    Order.push_back(&A);
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::stable_sort(
      Order, [&](const NoEscapeAnnotation *L, const NoEscapeAnnotation *R) {
        return SM.isBeforeInTranslationUnit(L->Body->getLBracLoc(),
                                            R->Body->getLBracLoc());
      });
  GuardChecker Checker(Ctx, Sink);
  for (const NoEscapeAnnotation *A : Order)
    Checker.check(*A);
}

} // namespace bumper
