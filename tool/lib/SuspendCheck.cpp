//===- SuspendCheck.cpp - bumper-suspend-in-block -------------------------===//
//
// For each annotation: the suspension points (co_await, co_yield) written in
// its block, outside the lambdas it holds (a lambda is a function of its own,
// and its own blocks are annotations of their own). A block reports them
// when it resets a buffer the coroutine does not own: the default buffer, a
// parameter, a global, a static local, a reference, a captured variable. An
// annotated coroutine reports them whatever it resets.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/SuspendCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace bumper {
namespace {

/// The co_await and co_yield expressions of \p S, outside lambdas.
void collectSuspensions(const Stmt *S,
                        llvm::SmallVectorImpl<const Expr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (isa<CoroutineSuspendExpr, DependentCoawaitExpr>(S)) {
    Out.push_back(cast<Expr>(S));
    return;
  }
  for (const Stmt *Child : S->children())
    collectSuspensions(Child, Out);
}

/// True if \p Buffer names a variable of the function it is written in,
/// neither static nor a reference: a buffer the coroutine owns.
bool isOwnedBuffer(const Expr *Buffer) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(Buffer->IgnoreParenImpCasts());
  if (!Ref || Ref->refersToEnclosingVariableOrCapture())
    return false;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  return Var && Var->isLocalVarDecl() && !Var->isStaticLocal() &&
         !Var->getType()->isReferenceType() && !Var->getType()->isPointerType();
}

StringRef keyword(const Expr *E) {
  return isa<CoyieldExpr>(E) ? "co_yield" : "co_await";
}

} // namespace

void checkSuspensions(ASTContext &, AnnotationIndex &Index, FindingSink &Sink) {
  std::vector<SourceLocation> Suspending;
  for (const NoEscapeAnnotation &A : Index.all()) {
    bool Coroutine =
        A.Function && isa_and_nonnull<CoroutineBodyStmt>(A.Function->getBody());
    if (!Coroutine && A.Buffer && isOwnedBuffer(A.Buffer))
      continue;
    llvm::SmallVector<const Expr *, 4> Points;
    collectSuspensions(A.Body, Points);
    if (Points.empty())
      continue;
    Suspending.push_back(A.Body->getLBracLoc());
    std::string Resets =
        A.Buffer ? "'" + A.BufferSpelling + "'" : "the thread's default buffer";
    for (const Expr *P : Points) {
      std::string Message =
          Coroutine
              ? "'" + keyword(P).str() + "' suspends the coroutine '" +
                    A.Function->getNameAsString() +
                    "', which is annotated 'bumper::no_escape': its guard "
                    "keeps a checkpoint of " +
                    Resets +
                    " across the suspension, and frees what the caller "
                    "allocates from it in the meantime"
              : "'" + keyword(P).str() +
                    "' suspends the coroutine inside a no_escape block "
                    "that resets " +
                    Resets +
                    (A.Buffer ? ", which the coroutine does not own" : "") +
                    ": what the caller allocates from it while the "
                    "coroutine is suspended is freed when the block ends";
      Finding F{
          Check::SuspendInBlock, P->getBeginLoc(), std::move(Message), {}, {}};
      F.Notes.push_back(
          {A.AttrRange.getBegin(),
           Coroutine ? "coroutine annotated here" : "no_escape block here"});
      F.Notes.push_back(
          {A.AttrRange.getBegin(),
           "give the coroutine a buffer of its own: declare one in it "
           "('bumper::AllocBuffer buf(bytes);') and annotate a block "
           "'[[bumper::no_escape(buf)]]'"});
      Sink.report(std::move(F));
    }
  }
  for (SourceLocation LBrace : Suspending)
    Index.markSuspending(LBrace);
}

} // namespace bumper
