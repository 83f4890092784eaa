//===- SuspendCheck.cpp - bumper-suspend-in-block -------------------------===//
//
// For each annotation: the suspension points (co_await, co_yield) written in
// its block, outside the lambdas it holds (a lambda is a function of its own,
// and its own blocks are annotations of their own). A block reports them
// when it resets a buffer the coroutine does not own: the default buffer, a
// parameter, a global, a static local, a reference, a captured variable. An
// annotated coroutine reports them whatever it resets.
//
// Outside blocks: arena memory a coroutine allocates from a buffer it does
// not own, held in a local that is used after a suspension point, may have
// been reset by the caller before the coroutine resumed.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/SuspendCheck.h"
#include "bumper-tool/RuntimeModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

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

/// The function's local variables initialised from an allocation of arena
/// memory from a buffer the coroutine does not own, outside the annotated
/// blocks, with the allocation.
struct HeldAllocation {
  const VarDecl *Var;
  const CallExpr *Alloc;
};

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// Looks at one coroutine: which locals hold arena memory of a buffer it does
/// not own, where it suspends, and where the locals are used.
class CoroutineScan : public RecursiveASTVisitor<CoroutineScan> {
public:
  CoroutineScan(const SourceManager &SM,
                llvm::ArrayRef<const CompoundStmt *> Blocks)
      : SM(SM), Blocks(Blocks) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; } // its own function
  bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *E) {
    Suspensions.push_back(E);
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (!V->isLocalVarDecl() || V->isStaticLocal() || !V->getInit() ||
        inBlock(V->getLocation()))
      return true;
    if (const CallExpr *Alloc = unownedAllocation(V->getInit()))
      Held.push_back({V, Alloc});
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *V = dyn_cast<VarDecl>(E->getDecl()))
      Uses[V].push_back(E);
    return true;
  }
  bool TraverseStmt(Stmt *S) {
    if (S && isLoop(S))
      Loops.push_back(S);
    return RecursiveASTVisitor::TraverseStmt(S);
  }

  llvm::SmallVector<const CoroutineSuspendExpr *, 4> Suspensions;
  llvm::SmallVector<HeldAllocation, 4> Held;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      Uses;
  llvm::SmallVector<const Stmt *, 4> Loops;

  bool before(SourceLocation A, SourceLocation B) const {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A),
                                        SM.getExpansionLoc(B));
  }
  bool contains(SourceRange R, SourceLocation L) const {
    L = SM.getExpansionLoc(L);
    return !before(L, R.getBegin()) && !before(R.getEnd(), L);
  }

private:
  bool inBlock(SourceLocation L) const {
    for (const CompoundStmt *B : Blocks)
      if (contains(B->getSourceRange(), L))
        return true;
    return false;
  }
  /// The allocator call \p Init takes its value from (through `.data()`, a
  /// cast or a copy), if it allocates from a buffer the coroutine does not
  /// own.
  const CallExpr *unownedAllocation(const Expr *Init) const {
    const Expr *E = Init->IgnoreParenImpCasts();
    while (true) {
      if (const auto *C = dyn_cast<CXXConstructExpr>(E);
          C && C->getNumArgs() == 1)
        E = C->getArg(0)->IgnoreParenImpCasts();
      else if (const auto *M = dyn_cast<CXXMemberCallExpr>(E);
               M && !hasAllocatorAnnotation(M->getMethodDecl()))
        E = M->getImplicitObjectArgument()->IgnoreParenImpCasts();
      else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
        E = B->getSubExpr()->IgnoreParenImpCasts();
      else if (const auto *T = dyn_cast<MaterializeTemporaryExpr>(E))
        E = T->getSubExpr()->IgnoreParenImpCasts();
      else if (const auto *X = dyn_cast<ExplicitCastExpr>(E))
        E = X->getSubExpr()->IgnoreParenImpCasts();
      else
        break;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || !Call->getDirectCallee() ||
        !hasAllocatorAnnotation(Call->getDirectCallee()))
      return nullptr;
    const Expr *Buffer = allocationBuffer(Call);
    return Buffer && isOwnedBuffer(Buffer) ? nullptr : Call;
  }

  const SourceManager &SM;
  llvm::ArrayRef<const CompoundStmt *> Blocks;
};

/// The first use of \p Held that runs after the suspension \p S: written
/// after it, or inside a loop around \p S that does not hold the allocation
/// (the next iteration runs it after \p S).
const DeclRefExpr *useAfter(const CoroutineScan &Scan,
                            const HeldAllocation &Held,
                            const CoroutineSuspendExpr *S) {
  auto It = Scan.Uses.find(Held.Var);
  if (It == Scan.Uses.end())
    return nullptr;
  for (const DeclRefExpr *U : It->second)
    if (Scan.before(S->getEndLoc(), U->getLocation()))
      return U;
  for (const Stmt *Loop : Scan.Loops)
    if (Scan.contains(Loop->getSourceRange(), S->getBeginLoc()) &&
        !Scan.contains(Loop->getSourceRange(), Held.Alloc->getBeginLoc()))
      for (const DeclRefExpr *U : It->second)
        if (Scan.contains(Loop->getSourceRange(), U->getLocation()))
          return U;
  return nullptr;
}

void checkHeldAcrossSuspension(ASTContext &Ctx, const FunctionDecl *FD,
                               const AnnotationIndex &Index,
                               FindingSink &Sink) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
  if (!Body)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<const CompoundStmt *, 4> Blocks;
  for (const NoEscapeAnnotation &A : Index.all())
    if (A.Body && !A.Function)
      Blocks.push_back(A.Body);
  CoroutineScan Scan(SM, Blocks);
  Scan.TraverseStmt(Body->getBody());
  for (const HeldAllocation &Held : Scan.Held)
    for (const CoroutineSuspendExpr *S : Scan.Suspensions) {
      if (!Scan.before(Held.Alloc->getEndLoc(), S->getBeginLoc()) &&
          !llvm::any_of(Scan.Loops, [&](const Stmt *Loop) {
            return Scan.contains(Loop->getSourceRange(), S->getBeginLoc()) &&
                   Scan.contains(Loop->getSourceRange(),
                                 Held.Alloc->getBeginLoc());
          }))
        continue;
      const DeclRefExpr *Use = useAfter(Scan, Held, S);
      if (!Use)
        continue;
      const Expr *Buffer = allocationBuffer(Held.Alloc);
      std::string Name = Held.Var->getNameAsString();
      Finding F{Check::SuspendInBlock,
                S->getKeywordLoc(),
                "'" + keyword(S).str() + "' suspends the coroutine while '" +
                    Name + "' holds arena memory of " +
                    (Buffer ? "a buffer the coroutine does not own"
                            : "the thread's default buffer") +
                    ", and '" + Name +
                    "' is used after it: the caller may reset that memory "
                    "before the coroutine resumes",
                {},
                {}};
      F.Notes.push_back({Held.Alloc->getBeginLoc(), "allocated here"});
      F.Notes.push_back({Use->getLocation(),
                         "'" + Name + "' used here after the suspension"});
      F.Notes.push_back(
          {Held.Alloc->getBeginLoc(),
           "give the coroutine a buffer of its own: declare one in it "
           "('bumper::AllocBuffer buf(bytes);') and allocate from it"});
      Sink.report(std::move(F));
      break; // one finding per variable: its first suspension
    }
}

/// Every coroutine of the translation unit outside system headers, template
/// instantiations included (a dependent pattern is not checked).
class CoroutineFinder : public RecursiveASTVisitor<CoroutineFinder> {
public:
  CoroutineFinder(ASTContext &Ctx, const AnnotationIndex &Index,
                  FindingSink &Sink)
      : Ctx(Ctx), Index(Index), Sink(Sink) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaExpressions() const { return true; }
  bool TraverseDecl(Decl *D) {
    // What system headers declare is not the user's code: not walked at all.
    if (D && !isa<TranslationUnitDecl>(D) &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->isDependentContext() || !FD->doesThisDeclarationHaveABody())
      return true;
    checkHeldAcrossSuspension(Ctx, FD, Index, Sink);
    return true;
  }

private:
  ASTContext &Ctx;
  const AnnotationIndex &Index;
  FindingSink &Sink;
};

} // namespace

void checkSuspensions(ASTContext &Ctx, AnnotationIndex &Index,
                      FindingSink &Sink) {
  CoroutineFinder(Ctx, Index, Sink).TraverseDecl(Ctx.getTranslationUnitDecl());
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
