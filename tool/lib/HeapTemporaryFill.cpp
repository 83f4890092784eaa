//===- HeapTemporaryFill.cpp - fills a conversion can leave out -----------===//
//
// `std::vector<T> v(n)` zero-fills its elements, and the conversion keeps
// that fill. When the statement right after the declaration is a loop that
// writes every element before anything reads one, as scratch code usually
// is, the fill is dead and the conversion leaves it out: a vector cannot,
// arena memory can.
//
//===----------------------------------------------------------------------===//

#include "HeapTemporaryCommon.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

using namespace clang;

namespace bumper {
namespace heaptemp {
namespace {

const Expr *bare(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParenImpCasts() : nullptr;
}

const VarDecl *refVar(const Expr *E) {
  if (const auto *R = dyn_cast_or_null<DeclRefExpr>(bare(E)))
    return dyn_cast<VarDecl>(R->getDecl());
  return nullptr;
}

/// \p E is `V[I]`, V an array, a pointer, a vector or a unique_ptr<T[]>.
bool isElement(const Expr *E, const VarDecl *V, const VarDecl *I) {
  E = bare(E);
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return refVar(A->getBase()) == V && refVar(A->getIdx()) == I;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
           refVar(Op->getArg(0)) == V && refVar(Op->getArg(1)) == I;
  return false;
}

bool isZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  return E && !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
         R.Val.getInt().isZero();
}

/// \p Bound is the element count: the variable the count was, or V.size().
bool isCount(const Expr *Bound, const Candidate &C) {
  Bound = bare(Bound);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Bound)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    return M && M->getIdentifier() && M->getName() == "size" &&
           Call->getNumArgs() == 0 &&
           refVar(Call->getImplicitObjectArgument()) == C.VD;
  }
  const VarDecl *Count = refVar(C.N);
  return Count && Count == refVar(Bound);
}

/// A jump that may leave the loop before it has written every element
/// (conservatively: a break of an inner loop counts too).
bool mayLeave(const Stmt *S) {
  if (!S)
    return false;
  if (isa<BreakStmt, GotoStmt, IndirectGotoStmt, ReturnStmt, CoreturnStmt>(S))
    return true;
  return llvm::any_of(S->children(), mayLeave);
}

bool mayContinue(const Stmt *S) {
  return S &&
         (isa<ContinueStmt>(S) || llvm::any_of(S->children(), mayContinue));
}

/// The statement of a block that \p E is (under its cleanups or casts).
const Stmt *statementOf(ParentMap &PM, const Stmt *E) {
  for (const Stmt *P = PM.getParent(E); P && !isa<CompoundStmt>(P);
       P = PM.getParent(P))
    E = P;
  return E;
}

} // namespace

const ForStmt *overwritingLoop(ASTContext &Ctx, ParentMap &PM,
                               const Candidate &C) {
  if (!C.Zero || !C.N)
    return nullptr;
  const Stmt *Anchor =
      C.Kind == Shape::Resized ? statementOf(PM, C.Sizing) : C.DS;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(PM.getParent(Anchor));
  if (!Block)
    return nullptr;
  // The first statement after it that names V is the loop; none before it
  // changes the count, which the loop's bound must still be.
  const SourceManager &SM = Ctx.getSourceManager();
  const VarDecl *Count = refVar(C.N);
  const auto *At = llvm::find(Block->body(), Anchor);
  if (At == Block->body_end())
    return nullptr;
  const ForStmt *For = nullptr;
  for (const Stmt *S : llvm::make_range(std::next(At), Block->body_end())) {
    if (!refsTo(SM, S, C.VD).empty()) {
      For = dyn_cast<ForStmt>(S);
      break;
    }
    if (Count && ExprMutationAnalyzer(*S, Ctx).isMutated(Count))
      return nullptr;
  }
  if (!For)
    return nullptr;

  // for (I = 0; I < count; ++I), I and the count unchanged in the loop.
  const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit());
  const auto *I = Init && Init->isSingleDecl()
                      ? dyn_cast<VarDecl>(Init->getSingleDecl())
                      : nullptr;
  if (!I || !I->getType()->isIntegerType() || !isZero(I->getInit(), Ctx))
    return nullptr;
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(bare(For->getCond()));
  if (!Cond || (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE) ||
      refVar(Cond->getLHS()) != I || !isCount(Cond->getRHS(), C))
    return nullptr;
  const auto *Inc = dyn_cast_or_null<UnaryOperator>(bare(For->getInc()));
  if (!Inc || !Inc->isIncrementOp() || refVar(Inc->getSubExpr()) != I)
    return nullptr;

  // The first statement of the body that names V writes V[I] from values
  // that are not V's, and before it nothing skips to the next iteration; the
  // loop does not end early.
  const Stmt *Body = For->getBody();
  const Stmt *First = Body;
  if (const auto *CS = dyn_cast<CompoundStmt>(Body)) {
    First = nullptr;
    for (const Stmt *S : CS->body()) {
      if (!refsTo(SM, S, C.VD).empty()) {
        First = S;
        break;
      }
      if (mayContinue(S))
        return nullptr;
    }
  }
  const auto *Assign =
      dyn_cast_or_null<BinaryOperator>(bare(dyn_cast_or_null<Expr>(First)));
  if (!Assign || Assign->getOpcode() != BO_Assign ||
      !isElement(Assign->getLHS(), C.VD, I) ||
      !refsTo(SM, Assign->getRHS(), C.VD).empty() || mayLeave(Body))
    return nullptr;
  // After that write the body may use V[I], the element just written, and
  // no other (V[I + 1] is not written yet).
  for (const DeclRefExpr *Ref : refsTo(SM, Body, C.VD)) {
    const Stmt *Use = PM.getParent(Ref);
    while (Use && isa<ImplicitCastExpr, ParenExpr>(Use))
      Use = PM.getParent(Use);
    const auto *E = dyn_cast_or_null<Expr>(Use);
    if (!E || !isElement(E, C.VD, I))
      return nullptr;
  }
  ExprMutationAnalyzer Mutation(*Body, Ctx);
  if (Mutation.isMutated(I))
    return nullptr;
  if (Count && Mutation.isMutated(Count))
    return nullptr;
  return For;
}

} // namespace heaptemp
} // namespace bumper
