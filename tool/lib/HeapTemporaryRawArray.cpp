//===- HeapTemporaryRawArray.cpp - `T *p = new T[n]` with its delete[]s ---===//
//
// bumper-heap-temporary's raw array: a local `T *p = new T[n]` (or
// `new T[n]()`, or a cast `malloc(n * sizeof(T))` or `calloc(n,
// sizeof(T))`) whose `delete[] p;` (`free(p);`) comes on every way out of
// its block.
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

/// \p S is one of C.Deletes: `delete[] p;` or `free(p);`.
bool isRelease(const Stmt *S, const Candidate &C) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  return E && llvm::is_contained(C.Deletes, E->IgnoreImplicit());
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

} // namespace

bool plainArrayNew(const CXXNewExpr *New, Candidate &C) {
  if (!New->isArray() || !New->getArraySize() || New->getNumPlacementArgs() ||
      !New->getOperatorNew() ||
      !New->getOperatorNew()->isReplaceableGlobalAllocationFunction())
    return false;
  const Expr *I = New->getInitializer();
  if (I &&
      !(isa<CXXConstructExpr>(I) &&
        cast<CXXConstructExpr>(I)->getNumArgs() == 0) &&
      !(isa<InitListExpr>(I) && cast<InitListExpr>(I)->getNumInits() == 0) &&
      !isa<ImplicitValueInitExpr>(I))
    return false;
  C.Zero = New->getInitializationStyle() != CXXNewInitializationStyle::None;
  C.N = *New->getArraySize();
  return true;
}

namespace {

bool sameType(QualType A, QualType B) {
  return A.getCanonicalType().getUnqualifiedType() ==
         B.getCanonicalType().getUnqualifiedType();
}

/// \p Call calls the C library's \p Name (`::malloc` or `std::malloc`).
bool isLibc(const CallExpr *Call, llvm::StringRef Name) {
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  return F && F->getIdentifier() && F->getName() == Name &&
         (F->isExternC() || F->isInStdNamespace());
}

/// \p E is `sizeof(T)` or `sizeof e` with e of type T.
bool isSizeOf(const Expr *E, QualType T) {
  const auto *S = dyn_cast<UnaryExprOrTypeTraitExpr>(E->IgnoreParenImpCasts());
  return S && S->getKind() == UETT_SizeOf &&
         sameType(S->getTypeOfArgument(), T);
}

/// The element count of \p Bytes, a size in bytes for elements of \p T:
/// n of `n * sizeof(T)` or `sizeof(T) * n`; the bytes themselves for a
/// character type or std::byte. Null for any other size, which the check
/// refuses rather than divide (a size that is not a multiple would be
/// rounded down).
const Expr *countOf(ASTContext &Ctx, const Expr *Bytes, QualType T) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Bytes->IgnoreParenImpCasts());
      BO && BO->getOpcode() == BO_Mul) {
    if (isSizeOf(BO->getRHS(), T))
      return BO->getLHS();
    if (isSizeOf(BO->getLHS(), T))
      return BO->getRHS();
  }
  if ((T->isCharType() ||
       (T->isEnumeralType() && isStd(T->getAsTagDecl(), "byte"))) &&
      Ctx.getTypeSize(T) == Ctx.getCharWidth())
    return Bytes;
  return nullptr;
}

} // namespace

bool rawArrayInit(ASTContext &Ctx, const VarDecl *VD, Candidate &C) {
  if (!VD->getType()->isPointerType() || !VD->getInit())
    return false;
  QualType Pointee = VD->getType()->getPointeeType();
  C.Kind = Shape::RawArray;
  if (const auto *New =
          dyn_cast<CXXNewExpr>(VD->getInit()->IgnoreParenImpCasts())) {
    // `Base *p = new Derived[n]` is not an array of what p points to.
    C.Elem = New->getAllocatedType();
    C.Alloc = New;
    return sameType(C.Elem, Pointee) && plainArrayNew(New, C);
  }
  // C++ needs a cast from malloc's void *.
  const auto *Cast =
      dyn_cast<ExplicitCastExpr>(VD->getInit()->IgnoreParenImpCasts());
  const auto *Call =
      Cast ? dyn_cast<CallExpr>(Cast->getSubExpr()->IgnoreParenImpCasts())
           : nullptr;
  if (!Call || Pointee->isVoidType() || Pointee->isIncompleteType())
    return false;
  C.Elem = Pointee.getUnqualifiedType();
  C.Alloc = Cast;
  C.Malloc = true;
  if (isLibc(Call, "malloc") && Call->getNumArgs() == 1) {
    C.N = countOf(Ctx, Call->getArg(0), C.Elem);
    return true;
  }
  if (isLibc(Call, "calloc") && Call->getNumArgs() == 2) {
    C.Zero = true;
    if (isSizeOf(Call->getArg(1), C.Elem))
      C.N = Call->getArg(0);
    else if (isSizeOf(Call->getArg(0), C.Elem))
      C.N = Call->getArg(1);
    return true;
  }
  return false;
}

std::string rawArrayProblem(ASTContext &Ctx, ParentMap &PM, Candidate &C,
                            SourceLocation &At) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto AtLine = [&](SourceLocation L) {
    At = L;
    return " at line " + std::to_string(SM.getExpansionLineNumber(L));
  };
  const VarDecl *VD = C.VD;
  std::string Release = C.Malloc ? "free" : "delete[]";
  const auto *Block = dyn_cast_or_null<CompoundStmt>(PM.getParent(C.DS));
  if (!Block)
    return "it is not declared directly in a block";
  PrintingPolicy PP(Ctx.getLangOpts());
  PP.SuppressTagKeyword = true;
  if (!C.N)
    return "its size in bytes is not written as a count times 'sizeof(" +
           C.Elem.getAsString(PP) + ")'";
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
  for (const DeclRefExpr *Ref : refsTo(SM, C.FD->getBody(), VD)) {
    const Stmt *P = PM.getParent(Ref);
    while (isa_and_nonnull<ParenExpr>(P))
      P = PM.getParent(P);
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(P);
        Cast && Cast->getCastKind() == CK_LValueToRValue) {
      const Stmt *Up = PM.getParent(Cast);
      while (isa_and_nonnull<ParenExpr>(Up))
        Up = PM.getParent(Up);
      while (isa_and_nonnull<ImplicitCastExpr, ExplicitCastExpr>(Up))
        Up = PM.getParent(Up);
      if (const auto *Del = dyn_cast_or_null<CXXDeleteExpr>(Up)) {
        if (C.Malloc)
          return "deleted, not freed with 'free'" + AtLine(Ref->getLocation());
        if (!Del->isArrayForm())
          return "deleted with 'delete', not 'delete[]'" +
                 AtLine(Ref->getLocation());
        C.Deletes.push_back(Del);
      }
      const auto *Call = dyn_cast_or_null<CallExpr>(Up);
      if (isLibc(Call, "realloc"))
        return "realloc'd" + AtLine(Ref->getLocation());
      if (isLibc(Call, "free")) {
        if (!C.Malloc)
          return "freed with 'free', not 'delete[]'" +
                 AtLine(Ref->getLocation());
        C.Deletes.push_back(Call);
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
      if (!In || !isRelease(before(In, JS), C))
        return "a way out of its block misses the " + Release +
               AtLine(J->getBeginLoc());
    }
  }
  if (!End)
    return "a way out of its block misses the " + Release +
           AtLine(Block->getRBracLoc());
  return "";
}

} // namespace heaptemp
} // namespace bumper
