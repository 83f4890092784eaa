//===- EscapeDataflow.cpp - Flow-sensitive escape analysis of a function --===//
//
// A forward worklist dataflow over clang::CFG, in the style of
// lib/Analysis/UninitializedValues.cpp, visiting blocks in reverse
// post-order (clang's ForwardDataflowWorklist). The parts it runs are in
// EscapeEngine.h: the origin table, the expression evaluator, the transfer
// functions, the summaries at calls and the reporter. The fixpoint is
// computed without reporting; one more pass over it reports.
//
// The same engine, run with the parameters as origins and no blocks, computes
// a function's summary: which parameters it stores where they outlive the
// call. Summaries make calls to same-TU functions that keep a parameter sinks.
//
//===----------------------------------------------------------------------===//

#include "EscapeEngine.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace bumper {
namespace escape {
namespace {

class Analysis {
public:
  Analysis(EscapeContext &EC, const FunctionDecl *FD, const Stmt *Body,
           llvm::ArrayRef<BlockInfo> Blocks, Summary *Sum,
           const ConstantArgs *Bound = nullptr)
      : Run{EC, EC.Ctx.getSourceManager(), FD, Body, Sum, Bound},
        Nest(Run.SM, Blocks), Eval(Run, OT, Nest, Facts), Rep(Run, OT, Nest),
        Xfer(Run, OT, Nest, Facts, Eval, Rep) {}

  void run();

private:
  /// The one successor of \p B that the bound constants select, or null.
  const CFGBlock *constantBranch(const CFGBlock &B) const;
  /// Fills Handlers from the try statements of \p G.
  void collectHandlers(const CFG &G);

  FunctionRun Run;
  OriginTable OT;
  BlockNest Nest;
  FlowFacts Facts;
  Evaluator Eval;
  Reporter Rep;
  Transfer Xfer;
  /// The try-dispatch blocks (whose successors are the catch handlers) that
  /// each block of a try body may throw to, by block ID.
  llvm::DenseMap<unsigned, llvm::SmallVector<const CFGBlock *, 1>> Handlers;
};

void Analysis::collectHandlers(const CFG &G) {
  // The CFG is built without exception edges (they would split every block
  // at every call), so a catch handler has no predecessor: each block of a
  // try body reaches its handlers with the state after each of its calls.
  const SourceManager &SM = Run.SM;
  for (auto It = G.try_blocks_begin(); It != G.try_blocks_end(); ++It) {
    const CFGBlock *Dispatch = *It;
    const auto *Try =
        dyn_cast_or_null<CXXTryStmt>(Dispatch->getTerminatorStmt());
    if (!Try)
      continue;
    auto Begin =
        SM.getDecomposedExpansionLoc(Try->getTryBlock()->getBeginLoc());
    auto End = SM.getDecomposedExpansionLoc(Try->getTryBlock()->getEndLoc());
    for (const CFGBlock *B : G) {
      if (!B || B == Dispatch)
        continue;
      for (const CFGElement &E : *B) {
        std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
        if (!CS)
          continue;
        auto L = SM.getDecomposedExpansionLoc(CS->getStmt()->getBeginLoc());
        // Statements before the try share its first block: any statement
        // inside the try body puts the block there.
        if (L.first == Begin.first && L.second >= Begin.second &&
            L.second <= End.second) {
          Handlers[B->getBlockID()].push_back(Dispatch);
          break;
        }
      }
    }
  }
}

const CFGBlock *Analysis::constantBranch(const CFGBlock &B) const {
  // Two successors: the condition's true branch, then its false one (if,
  // loops, ?:, && and ||; a switch has its own order and is left alone).
  if (!Run.Bound || B.succ_size() != 2 ||
      isa_and_nonnull<SwitchStmt>(B.getTerminatorStmt()))
    return nullptr;
  const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  if (!Cond)
    return nullptr;
  std::optional<int64_t> V =
      foldWithConstants(Run.EC.Ctx, Cond, Run.FD, Run.Bound);
  if (!V)
    return nullptr;
  return *(B.succ_begin() + (*V ? 0 : 1));
}

void Analysis::run() {
  // The CFG comes from an AnalysisDeclContext so that LiveVariables runs on
  // the same one (its block pointers answer isDeadLocal).
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  AnalysisDeclContextManager Mgr(Run.EC.Ctx);
  Mgr.getCFGBuildOptions() = Opts;
  AnalysisDeclContext *Ctx = Mgr.getContext(Run.FD);
  CFG *G = nullptr;
  std::unique_ptr<CFG> Own;
  if (Ctx->getBody() == Run.Body) {
    G = Ctx->getCFG();
    if (!Run.Sum)
      Xfer.Liveness.ADC = Ctx;
  } else {
    Own =
        CFG::buildCFG(Run.FD, const_cast<Stmt *>(Run.Body), &Run.EC.Ctx, Opts);
    G = Own.get();
  }
  if (!G)
    return;
  Xfer.ExitID = G->getExit().getBlockID();
  std::vector<std::optional<State>> In(G->getNumBlockIDs());
  State Init;
  if (Run.Sum) {
    // Summaries: each parameter is an origin of its own.
    for (unsigned I = 0; I < Run.FD->getNumParams(); ++I)
      Init[LocKey{Run.FD->getParamDecl(I), LocKind::Var, nullptr}] = {
          OT.paramOrigin(I)};
  }
  collectHandlers(*G);
  const CFGBlock &Entry = G->getEntry();
  In[Entry.getBlockID()] = std::move(Init);
  // Rounds over the blocks in reverse post-order (each block after its
  // predecessors, but for back edges), each visiting the blocks whose entry
  // state changed, until a round changes none. The catch handlers, which no
  // CFG edge reaches, come last in each round. Rounds, not a priority
  // worklist: a block after a loop is first visited with the state of the
  // loop's first iteration, as in the breadth-first order this replaced; the
  // reference aliases of transferDecl depend on that first visit.
  PostOrderCFGView Order(G);
  std::vector<const CFGBlock *> Blocks(Order.begin(), Order.end());
  llvm::BitVector Ordered(G->getNumBlockIDs());
  for (const CFGBlock *B : Blocks)
    Ordered.set(B->getBlockID());
  for (const CFGBlock *B : *G)
    if (B && !Ordered.test(B->getBlockID()))
      Blocks.push_back(B);
  llvm::BitVector Dirty(G->getNumBlockIDs());
  Dirty.set(Entry.getBlockID());
  // Strong updates and unions over finite origin chains converge; the cap is
  // a guard against pathological inputs, not part of the semantics.
  unsigned Budget = 40 * G->getNumBlockIDs() + 100;
  bool Capped = false;
  // Joins \p From into the entry state of \p To; a change marks \p To.
  auto Flow = [&](const CFGBlock *To, State &From, bool Last) {
    std::optional<State> &ToIn = In[To->getBlockID()];
    if (!ToIn) // The state is not needed after its last successor.
      ToIn = Last ? std::move(From) : From;
    else if (!joinInto(*ToIn, From))
      return;
    Dirty.set(To->getBlockID());
  };
  while (Dirty.any() && !Capped) {
    for (const CFGBlock *B : Blocks) {
      if (!Dirty.test(B->getBlockID()))
        continue;
      if (Budget == 0) {
        Capped = true;
        break;
      }
      --Budget;
      Dirty.reset(B->getBlockID());
      State St = *In[B->getBlockID()];
      Facts.Cur = &St;
      // A block of a try body: the states after its calls reach the
      // handlers.
      auto H = Handlers.find(B->getBlockID());
      State Thrown;
      Xfer.ThrowAcc = H != Handlers.end() ? &Thrown : nullptr;
      Xfer.transferBlock(*B, false);
      Xfer.ThrowAcc = nullptr;
      if (H != Handlers.end())
        for (const CFGBlock *Dispatch : H->second)
          Flow(Dispatch, Thrown, false);
      llvm::SmallVector<const CFGBlock *, 2> Succs;
      for (const CFGBlock *Succ : B->succs())
        if (Succ)
          Succs.push_back(Succ);
      if (const CFGBlock *Taken = constantBranch(*B))
        Succs.assign(1, Taken);
      for (size_t I = 0; I < Succs.size(); ++I)
        Flow(Succs[I], St, I + 1 == Succs.size());
    }
  }
  if (Capped) {
    // The state is not a fixpoint: a summary's result may come from every
    // parameter; a function with blocks gets one finding that names it.
    if (Run.Sum)
      Run.Sum->Returns.set();
    else
      Rep.reportNotConverged();
    return;
  }
  // Report from the fixpoint only: a pass over every reachable block.
  for (const CFGBlock *B : *G) {
    if (!B || !In[B->getBlockID()])
      continue;
    State St = std::move(*In[B->getBlockID()]);
    Facts.Cur = &St;
    Xfer.transferBlock(*B, true);
  }
}

} // namespace

void runSummaryAnalysis(EscapeContext &EC, const FunctionDecl *FD,
                        Summary &Sum) {
  if (const Stmt *Body = FD->getBody())
    Analysis(EC, FD, Body, {}, &Sum).run();
}

void runSummaryAnalysis(EscapeContext &EC, const FunctionDecl *FD, Summary *S,
                        const ConstantArgs *Bound) {
  if (const Stmt *Body = FD->getBody())
    Analysis(EC, FD, Body, {}, S, Bound).run();
}

void runBlockAnalysis(EscapeContext &EC, const FunctionDecl *FD,
                      const Stmt *Body, llvm::ArrayRef<BlockInfo> Blocks) {
  Analysis(EC, FD, Body, Blocks, nullptr).run();
}

} // namespace escape
} // namespace bumper
