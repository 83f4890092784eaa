//===- EscapeConstantArgs.cpp - Summaries selected by constant arguments --===//
//
// A same-file helper may copy or keep depending on a flag:
// `saved_.Set(tmp, n, /*copy=*/true)`. Its summary over every path keeps the
// pointer; a call that passes a constant for a parameter that decides a
// branch gets the summary of the paths that constant selects instead: the
// helper analysed again with that parameter bound (the dataflow skips the
// successors of a branch whose condition folds). Bounded: a few variants per
// function, summaryFor nested a few deep; past that, summaryOf.
//
//===----------------------------------------------------------------------===//

#include "EscapeCommon.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace bumper {
namespace escape {
namespace {

/// Beyond these, a call gets the summary of every path.
constexpr unsigned MaxVariantsPerFunction = 8;
constexpr unsigned MaxNesting = 4;

using DecidingCache =
    llvm::DenseMap<const FunctionDecl *, llvm::SmallBitVector>;

llvm::SmallBitVector decidingParams(DecidingCache &Cache,
                                    const FunctionDecl *FD);

/// Finds the parameters of a function that a branch condition tests, or that
/// it passes on to a same-file function that tests them, and that the body
/// never changes (every use is a read).
class DecidingScan {
public:
  DecidingScan(DecidingCache &Cache, const FunctionDecl *FD)
      : Cache(Cache), FD(FD), Tested(FD->getNumParams()),
        Changed(FD->getNumParams()) {}

  llvm::SmallBitVector run() {
    scan(FD->getBody(), false);
    llvm::SmallBitVector R = Tested;
    R.reset(Changed);
    return R;
  }

private:
  int paramIndex(const DeclRefExpr *DRE) const {
    const auto *PD = dyn_cast<ParmVarDecl>(DRE->getDecl());
    if (!PD || PD->getDeclContext() != FD)
      return -1;
    return PD->getFunctionScopeIndex();
  }

  void scan(const Stmt *S, bool InCond) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(S);
        ICE && ICE->getCastKind() == CK_LValueToRValue)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(ICE->getSubExpr()->IgnoreParens())) {
        int I = paramIndex(DRE);
        if (I >= 0 && InCond)
          Tested.set(I);
        return; // a read
      }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      int I = paramIndex(DRE);
      if (I >= 0)
        Changed.set(I); // written, its address taken, bound to a reference
      return;
    }
    const Expr *Cond = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(S))
      Cond = If->getCond();
    else if (const auto *W = dyn_cast<WhileStmt>(S))
      Cond = W->getCond();
    else if (const auto *D = dyn_cast<DoStmt>(S))
      Cond = D->getCond();
    else if (const auto *F = dyn_cast<ForStmt>(S))
      Cond = F->getCond();
    else if (const auto *CO = dyn_cast<ConditionalOperator>(S))
      Cond = CO->getCond();
    bool Logical = false;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      Logical = BO->isLogicalOp();
    if (const auto *Call = dyn_cast<CallExpr>(S))
      passedOn(Call);
    for (const Stmt *C : S->children())
      scan(C, InCond || Logical || (Cond && C == Cond));
  }

  /// A parameter passed as it is to a helper that tests it decides a
  /// branch of the helper: setNameVia(p, m) { setName(p, m); }.
  void passedOn(const CallExpr *Call) {
    const FunctionDecl *Def = nullptr;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->hasBody(Def) || !Def || Def == FD ||
        Def->isDependentContext())
      return;
    unsigned First = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Def);
    llvm::SmallBitVector Inner;
    for (unsigned A = First; A < Call->getNumArgs(); ++A) {
      const auto *DRE =
          dyn_cast<DeclRefExpr>(Call->getArg(A)->IgnoreParenImpCasts());
      int I = DRE ? paramIndex(DRE) : -1;
      if (I < 0)
        continue;
      if (Inner.empty())
        Inner = decidingParams(Cache, Def);
      if (A - First < Inner.size() && Inner.test(A - First))
        Tested.set(I);
    }
  }

  DecidingCache &Cache;
  const FunctionDecl *FD;
  llvm::SmallBitVector Tested, Changed;
};

llvm::SmallBitVector decidingParams(DecidingCache &Cache,
                                    const FunctionDecl *FD) {
  auto It = Cache.find(FD);
  if (It != Cache.end())
    return It->second;
  // A recursive call sees no deciding parameter while this is computed.
  Cache[FD] = llvm::SmallBitVector(FD->getNumParams());
  llvm::SmallBitVector R = DecidingScan(Cache, FD).run();
  Cache[FD] = R;
  return R;
}

std::optional<int64_t> fold(ASTContext &Ctx, const Expr *E,
                            const FunctionDecl *FD, const ConstantArgs *Bound) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *PD = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      if (!Bound || PD->getDeclContext() != FD)
        return std::nullopt;
      for (const auto &[I, V] : *Bound)
        if (I == PD->getFunctionScopeIndex())
          return V;
      return std::nullopt;
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    std::optional<int64_t> V = fold(Ctx, UO->getSubExpr(), FD, Bound);
    if (!V)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_LNot:
      return int64_t(!*V);
    case UO_Minus:
      return -*V;
    case UO_Not:
      return ~*V;
    case UO_Plus:
      return *V;
    default:
      return std::nullopt;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    std::optional<int64_t> L = fold(Ctx, BO->getLHS(), FD, Bound);
    // && and || decide on their left operand alone when it says so.
    if (BO->getOpcode() == BO_LAnd && L && !*L)
      return 0;
    if (BO->getOpcode() == BO_LOr && L && *L)
      return 1;
    std::optional<int64_t> R = fold(Ctx, BO->getRHS(), FD, Bound);
    if (BO->getOpcode() == BO_LAnd && R && !*R)
      return 0;
    if (BO->getOpcode() == BO_LOr && R && *R)
      return 1;
    if (!L || !R)
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_LAnd:
    case BO_LOr:
      return int64_t(BO->getOpcode() == BO_LAnd ? (*L && *R) : (*L || *R));
    case BO_EQ:
      return int64_t(*L == *R);
    case BO_NE:
      return int64_t(*L != *R);
    case BO_LT:
      return int64_t(*L < *R);
    case BO_GT:
      return int64_t(*L > *R);
    case BO_LE:
      return int64_t(*L <= *R);
    case BO_GE:
      return int64_t(*L >= *R);
    case BO_And:
      return *L & *R;
    case BO_Or:
      return *L | *R;
    case BO_Xor:
      return *L ^ *R;
    default:
      return std::nullopt;
    }
  }
  // Literals, enumerators, constexpr values.
  if (E->isValueDependent() || !E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx) || !R.Val.isInt() ||
      R.Val.getInt().getSignificantBits() > 64)
    return std::nullopt;
  return R.Val.getInt().getExtValue();
}

} // namespace

std::optional<int64_t> foldWithConstants(ASTContext &Ctx, const Expr *E,
                                         const FunctionDecl *FD,
                                         const ConstantArgs *Bound) {
  return fold(Ctx, E, FD, Bound);
}

ConstantArgs EscapeContext::constantArguments(const FunctionDecl *Def,
                                              llvm::ArrayRef<const Expr *> Args,
                                              const FunctionDecl *Caller,
                                              const ConstantArgs *CallerBound) {
  ConstantArgs R;
  if (!Def || !Def->getBody())
    return R;
  llvm::SmallBitVector Deciding = decidingParams(DecidingParams, Def);
  if (Deciding.none())
    return R;
  unsigned N = std::min<unsigned>(Def->getNumParams(), Args.size());
  for (unsigned I = 0; I < N; ++I) {
    if (!Deciding.test(I))
      continue;
    QualType T = Def->getParamDecl(I)->getType();
    if (T->isReferenceType() || !T->isIntegralOrEnumerationType())
      continue;
    if (std::optional<int64_t> V = fold(Ctx, Args[I], Caller, CallerBound)) {
      // The parameter holds the argument converted to its type.
      if (T->isBooleanType())
        *V = *V != 0;
      R.push_back({I, *V});
    }
  }
  return R;
}

const Summary *EscapeContext::summaryFor(const FunctionDecl *FD,
                                         const ConstantArgs &Args) {
  auto Key = std::make_pair(
      FD, std::vector<std::pair<unsigned, int64_t>>(Args.begin(), Args.end()));
  auto It = ConstantSummaries.find(Key);
  if (It != ConstantSummaries.end())
    return It->second.get();
  unsigned &Variants = ConstantVariants[FD];
  if (Variants >= MaxVariantsPerFunction || ConstantDepth >= MaxNesting)
    return summaryOf(FD);
  ++Variants;
  auto S = std::make_unique<Summary>();
  S->Params.resize(FD->getNumParams());
  S->Returns.resize(FD->getNumParams());
  S->InProgress = true;
  Summary *Raw = S.get();
  // Inserted first, as summaryOf does: a recursive call with the same
  // constants sees it in progress.
  ConstantSummaries[Key] = std::move(S);
  ++ConstantDepth;
  runSummaryAnalysis(*this, FD, Raw, &Args);
  --ConstantDepth;
  Raw->InProgress = false;
  return Raw;
}

} // namespace escape
} // namespace bumper
