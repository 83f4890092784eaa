//===- HeapTemporaryRawArray.cpp - `T *p = new T[n]` with its delete[]s ---===//
//
// bumper-heap-temporary's raw array: a local `T *p = new T[n]` (or
// `new T[n]()`) whose `delete[] p;` comes on every way out of its block.
// The delete[]s are what proves it: the array dies where the block is left,
// so no pointer into it is used past the block, and arena memory reset
// when the block (or an enclosing no_escape block) ends lives as long. The
// rules are structural, so that the fix can drop each delete[]: each one is
// a statement of a block followed there by a jump out of p's block, or a
// statement of p's block itself (its end); every return, break, continue or
// goto that leaves the block before that end follows a delete[]. An
// exception leaves without one, as the guard resets the arena then.
// Every other use of p reads it (no reassignment, no reference to it).
//
//===----------------------------------------------------------------------===//

#include "HeapTemporaryCommon.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace bumper {
namespace heaptemp {
namespace {

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// The jumps in \p S that leave the block around it: return, goto, and
/// break (continue) with no loop or switch (loop) between.
void leavingJumps(const Stmt *S, bool InLoop, bool InSwitch,
                  llvm::SmallVectorImpl<const Stmt *> &Out) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt>(S) ||
      (isa<BreakStmt>(S) && !InLoop && !InSwitch) ||
      (isa<ContinueStmt>(S) && !InLoop))
    Out.push_back(S);
  InLoop |= isLoop(S);
  InSwitch |= isa<SwitchStmt>(S);
  for (const Stmt *C : S->children())
    leavingJumps(C, InLoop, InSwitch, Out);
}

/// \p S, the statement `delete[] p;` of \p VD.
bool isDeleteOf(const Stmt *S, const VarDecl *VD) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *D = E ? dyn_cast<CXXDeleteExpr>(E->IgnoreImplicit()) : nullptr;
  if (!D || !D->isArrayForm())
    return false;
  const auto *R =
      dyn_cast<DeclRefExpr>(D->getArgument()->IgnoreParenImpCasts());
  return R && R->getDecl() == VD;
}

/// The statement \p E is, up through what wraps a full expression, and the
/// block it is a statement of (null when it is not one).
const CompoundStmt *statementOf(ParentMap &PM, const Stmt *&E) {
  const Stmt *P = PM.getParent(E);
  while (isa_and_nonnull<ExprWithCleanups>(P)) {
    E = P;
    P = PM.getParent(P);
  }
  return dyn_cast_or_null<CompoundStmt>(P);
}

/// The statement before \p S in \p Block, or null.
const Stmt *before(const CompoundStmt *Block, const Stmt *S) {
  const Stmt *Prev = nullptr;
  for (const Stmt *C : Block->body()) {
    if (C == S)
      return Prev;
    Prev = C;
  }
  return nullptr;
}

void collectRefs(const Stmt *S, const VarDecl *VD,
                 llvm::SmallVectorImpl<const DeclRefExpr *> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == VD)
    Out.push_back(DRE);
  for (const Stmt *C : S->children())
    collectRefs(C, VD, Out);
}

} // namespace

bool rawArrayInit(const VarDecl *VD, Candidate &C) {
  if (!VD->getType()->isPointerType() || !VD->getInit())
    return false;
  const auto *New = dyn_cast<CXXNewExpr>(VD->getInit()->IgnoreParenImpCasts());
  if (!New || !New->isArray() || !New->getArraySize() ||
      New->getNumPlacementArgs() || !New->getOperatorNew() ||
      !New->getOperatorNew()->isReplaceableGlobalAllocationFunction())
    return false;
  const Expr *I = New->getInitializer();
  if (I &&
      !(isa<CXXConstructExpr>(I) &&
        cast<CXXConstructExpr>(I)->getNumArgs() == 0) &&
      !isa<ImplicitValueInitExpr>(I))
    return false;
  // `Base *p = new Derived[n]` is not an array of what p points to.
  QualType Elem = New->getAllocatedType();
  if (Elem.getCanonicalType().getUnqualifiedType() !=
      VD->getType()->getPointeeType().getCanonicalType().getUnqualifiedType())
    return false;
  C.Kind = Shape::RawArray;
  C.Elem = Elem;
  C.New = New;
  C.N = *New->getArraySize();
  C.Zero = New->getInitializationStyle() != CXXNewInitializationStyle::None;
  return true;
}

std::string rawArrayProblem(ASTContext &Ctx, ParentMap &PM, Candidate &C,
                            SourceLocation &At) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto AtLine = [&](SourceLocation L) {
    At = L;
    return " at line " + std::to_string(SM.getExpansionLineNumber(L));
  };
  const VarDecl *VD = C.VD;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(PM.getParent(C.DS));
  if (!Block)
    return "it is not declared directly in a block";
  if (C.Zero && !isRepeatable(C.N))
    return "its size '" +
           Lexer::getSourceText(
               CharSourceRange::getTokenRange(C.N->getSourceRange()), SM,
               Ctx.getLangOpts())
               .str() +
           "' is not simple enough to be evaluated twice (the allocation and "
           "the fill; a variable, or + and - of those)";
  if (C.Zero && VD->getType()->getPointeeType().isConstQualified())
    return "it points to const elements, which the fill would write";

  // Every use reads p; the delete[]s are collected.
  llvm::SmallVector<const DeclRefExpr *, 8> Refs;
  collectRefs(C.FD->getBody(), VD, Refs);
  llvm::stable_sort(Refs, [&](const DeclRefExpr *A, const DeclRefExpr *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  for (const DeclRefExpr *Ref : Refs) {
    const Stmt *P = PM.getParent(Ref);
    while (isa_and_nonnull<ParenExpr>(P))
      P = PM.getParent(P);
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(P);
        Cast && Cast->getCastKind() == CK_LValueToRValue) {
      const Stmt *Up = PM.getParent(Cast);
      while (isa_and_nonnull<ParenExpr>(Up))
        Up = PM.getParent(Up);
      if (const auto *Del = dyn_cast_or_null<CXXDeleteExpr>(Up)) {
        if (!Del->isArrayForm())
          return "deleted with 'delete', not 'delete[]'" +
                 AtLine(Ref->getLocation());
        C.Deletes.push_back(Del);
      }
      continue;
    }
    if (isa_and_nonnull<UnaryExprOrTypeTraitExpr>(P))
      continue;
    const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    if ((UO && UO->isIncrementDecrementOp()) ||
        (BO && BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Ref))
      return "reassigned" + AtLine(Ref->getLocation());
    if (UO && UO->getOpcode() == UO_AddrOf)
      return "its address is taken" + AtLine(Ref->getLocation());
    return "used as a variable, not its value (bound to a reference)" +
           AtLine(Ref->getLocation());
  }

  // Each delete[] is a way out's or the block's end.
  const Stmt *End = nullptr;
  for (const Expr *Del : C.Deletes) {
    const Stmt *S = Del;
    const CompoundStmt *In = statementOf(PM, S);
    if (In == Block && !End) {
      End = S;
      continue;
    }
    bool Exit = false;
    if (In) {
      const Stmt *Next = nullptr;
      for (auto It = In->body_begin(); It != In->body_end(); ++It)
        if (*It == S && It + 1 != In->body_end())
          Next = *(It + 1);
      llvm::SmallVector<const Stmt *, 2> Jumps;
      leavingJumps(Next, false, false, Jumps);
      Exit = !Jumps.empty() && Jumps.front() == Next;
    }
    if (!Exit)
      return "deleted conditionally" + AtLine(Del->getBeginLoc());
  }

  // Every way out before the end follows a delete[].
  bool After = false;
  for (const Stmt *S : Block->body()) {
    if (S == End)
      break;
    if (!After) {
      After = S == C.DS;
      continue;
    }
    llvm::SmallVector<const Stmt *, 4> Jumps;
    leavingJumps(S, false, false, Jumps);
    for (const Stmt *J : Jumps) {
      const Stmt *JS = J;
      const CompoundStmt *In = statementOf(PM, JS);
      if (!In || !isDeleteOf(before(In, JS), VD))
        return "a way out of its block misses the delete[]" +
               AtLine(J->getBeginLoc());
    }
  }
  if (!End)
    return "a way out of its block misses the delete[]" +
           AtLine(Block->getRBracLoc());
  return "";
}

} // namespace heaptemp
} // namespace bumper
