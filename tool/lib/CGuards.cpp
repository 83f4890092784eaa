//===- CGuards.cpp - Hand-written checkpoint guards of C blocks -----------===//
//
// The rule (docs/tool.md, "Hand-written guards in C"): a C block is guarded
// when
//  - its first statement declares a local variable initialised by
//    bumper_checkpoint_save(B), B being the annotation's buffer
//    (bumper_default_buffer() for the default buffer);
//  - every way out of it (return, a break or continue whose loop or switch is
//    outside the block, a goto to a label outside it, and reaching its '}')
//    comes right after bumper_checkpoint_restore(B, cp), with nothing but
//    other restores in between and no label in between;
//  - nothing else can break that: no write to cp or to a field of it and
//    no pointer to it but to const (clang's ExprMutationAnalyzer), no case
//    label or goto that jumps into the block past the save, no computed goto,
//    and no return value computed after the restore from a pointer declared in
//    the block.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/CGuards.h"
#include "bumper-tool/RuntimeModel.h"
#include "bumper-tool/SourceText.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace bumper {

namespace {

/// The call of the C API function \p Name that \p S is, parentheses and
/// casts aside (`(void)bumper_checkpoint_restore(...)`), or nullptr.
const CallExpr *callTo(const Stmt *S, RuntimeName Name) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  return E ? asRuntimeCall(E->IgnoreParenCasts(), Name) : nullptr;
}

/// The buffer \p E names, or nullptr for bumper_default_buffer().
const Expr *bufferOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const CallExpr *Call = callTo(E, RuntimeName::CDefaultBuffer))
    if (Call->getNumArgs() == 0)
      return nullptr;
  return E;
}

/// The variable \p E names, parentheses and implicit casts aside.
const VarDecl *varOf(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// \p S without the labels in front of it ("L:", "case 1:", "default:").
const Stmt *unlabelled(const Stmt *S) {
  for (;;) {
    if (const auto *L = dyn_cast<LabelStmt>(S))
      S = L->getSubStmt();
    else if (const auto *C = dyn_cast<SwitchCase>(S))
      S = C->getSubStmt();
    else
      return S;
  }
}

/// The function, block literal or method whose body holds \p S, or nullptr.
const Decl *codeOwner(ASTContext &Ctx, const Stmt *S) {
  DynTypedNode N = DynTypedNode::create(*S);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(N);
    if (Parents.empty())
      return nullptr;
    N = Parents[0];
    if (const auto *D = N.get<Decl>())
      if (D->hasBody())
        return D;
  }
}

} // namespace

/// The CFG of one function (or block literal, or method), and the CFG block
/// of each of its statements; built once for all the guarded blocks in it.
struct FunctionFlow {
  std::unique_ptr<CFG> Graph;
  llvm::DenseMap<const Stmt *, const CFGBlock *> BlockOf;
  /// The CFG splits "int a, b;" into declarations of its own.
  llvm::DenseMap<const Stmt *, const Stmt *> Split;

  /// The statement of the AST that \p S (of the CFG) stands for.
  const Stmt *originalOf(const Stmt *S) const {
    auto It = Split.find(S);
    return It == Split.end() ? S : It->second;
  }

  FunctionFlow(const Decl *Owner, ASTContext &Ctx) {
    CFG::BuildOptions Opts;
    Opts.setAllAlwaysAdd();
    Graph = CFG::buildCFG(Owner, Owner->getBody(), &Ctx, Opts);
    if (!Graph)
      return;
    for (const CFGBlock *B : *Graph)
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
          BlockOf.try_emplace(S->getStmt(), B);
    for (auto [Synthetic, Original] : Graph->synthetic_stmts())
      Split.try_emplace(Synthetic, Original);
  }
};

namespace {

/// Decides, on the CFG of the code that holds it, whether control can reach
/// the '}' of a block once it is in it: that is, leave the block other than
/// by a return, a jump out of it or a call of a noreturn function (each of
/// which is checked on its own). Reachability is the CFG's, as for clang's
/// -Wreturn-type: it prunes the branches of conditions that fold to a
/// constant ('while (1)', 'if (0)'), and knows that a switch with a default
/// whose cases all return has no way past it. One departure, to the safe
/// side: a switch on an enum without a default is taken to reach its end
/// even when its cases name every enumerator, since C lets the value be
/// any other. The search stays inside the block: it costs the block's size,
/// not the function's.
class BlockEndReach {
public:
  /// \p Inside holds the block's statements, \p WaysOut those of them that
  /// leave it (returns, and jumps whose target is outside).
  BlockEndReach(const FunctionFlow *Flow, const CompoundStmt *Block,
                const llvm::DenseSet<const Stmt *> &Inside,
                const llvm::DenseSet<const Stmt *> &WaysOut)
      : Flow(Flow), Block(Block), Inside(Inside), WaysOut(WaysOut) {}

  bool reachesEnd() {
    if (!Flow || !Flow->Graph || Block->body_empty())
      return true; // Cannot tell: ask for the restore.
    auto Entry = Flow->BlockOf.find(Block->body_front());
    if (Entry == Flow->BlockOf.end())
      return true;
    // Every CFG block queued is entered at a statement of the block.
    llvm::SmallVector<const CFGBlock *, 16> Work{Entry->second};
    llvm::DenseSet<const CFGBlock *> Seen{Entry->second};
    while (!Work.empty())
      if (leavesFrom(*Work.pop_back_val(), Work, Seen))
        return true;
    return false;
  }

private:
  bool isInside(const Stmt *S) const {
    return Inside.contains(Flow->originalOf(S));
  }

  /// The successors control can take from \p B. The default edge of a
  /// switch on an enum counts even when the cases cover every enumerator.
  static llvm::SmallVector<const CFGBlock *, 4> successors(const CFGBlock &B) {
    const auto *Switch = dyn_cast_or_null<SwitchStmt>(B.getTerminatorStmt());
    bool EnumCovered = Switch && Switch->isAllEnumCasesCovered();
    llvm::SmallVector<const CFGBlock *, 4> Out;
    for (const CFGBlock::AdjacentBlock &Succ : B.succs())
      if (const CFGBlock *Next = EnumCovered
                                     ? Succ.getPossiblyUnreachableBlock()
                                     : Succ.getReachableBlock())
        Out.push_back(Next);
    return Out;
  }

  /// The statements of \p B in the order control runs through them: its
  /// label, its elements and its terminator.
  static llvm::SmallVector<const Stmt *, 8> items(const CFGBlock &B) {
    llvm::SmallVector<const Stmt *, 8> Out;
    if (const Stmt *Label = B.getLabel())
      Out.push_back(Label);
    for (const CFGElement &E : B)
      if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
        Out.push_back(S->getStmt());
    if (const Stmt *Terminator = B.getTerminatorStmt())
      Out.push_back(Terminator);
    return Out;
  }

  /// Does control go from a statement of the block in \p B to one outside
  /// it (or off the end of the function) other than by a way out? Queues
  /// on \p Work the CFG blocks that control goes on to inside the block.
  bool leavesFrom(const CFGBlock &B,
                  llvm::SmallVectorImpl<const CFGBlock *> &Work,
                  llvm::DenseSet<const CFGBlock *> &Seen) {
    llvm::SmallVector<const Stmt *, 8> Items = items(B);
    bool WasInside = false;
    for (const Stmt *S : Items) {
      bool IsInside = isInside(S);
      if (WasInside && !IsInside)
        return true;
      WasInside = IsInside;
    }
    if (!WasInside || WaysOut.contains(Items.back()) || B.hasNoReturnElement())
      return false;
    // Through the empty blocks (joins, loop back edges) to a statement.
    llvm::SmallVector<const CFGBlock *, 4> Next = successors(B);
    llvm::DenseSet<const CFGBlock *> Passed;
    while (!Next.empty()) {
      const CFGBlock *To = Next.pop_back_val();
      if (To == &Flow->Graph->getExit())
        return true;
      llvm::SmallVector<const Stmt *, 8> ToItems = items(*To);
      if (ToItems.empty()) {
        if (Passed.insert(To).second)
          llvm::append_range(Next, successors(*To));
        continue;
      }
      if (!isInside(ToItems.front()))
        return true;
      if (Seen.insert(To).second)
        Work.push_back(To);
    }
    return false;
  }

  const FunctionFlow *Flow;
  const CompoundStmt *Block;
  const llvm::DenseSet<const Stmt *> &Inside;
  const llvm::DenseSet<const Stmt *> &WaysOut;
};

/// Can a value of type \p T hold a pointer (a pointer, or an array or a
/// struct or union with one)?
bool holdsPointer(QualType T) {
  T = T.getCanonicalType();
  if (T->isPointerType())
    return true;
  if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    return holdsPointer(AT->getElementType());
  if (const auto *RT = T->getAs<RecordType>())
    for (const FieldDecl *F : RT->getDecl()->fields())
      if (holdsPointer(F->getType()))
        return true;
  return false;
}

/// The restore calls right before a statement, in order, with no label
/// among them or on the statement.
using RestoreRun = llvm::SmallVector<const CallExpr *, 2>;

/// A way out of a guarded block, and the restores right before it.
struct WayOut {
  SourceLocation Loc;
  StringRef What;    ///< "'return'", "'break'", ...; "" for reaching the '}'
  RestoreRun Before; ///< the restores right before it
  const Expr *Value; ///< the value returned, if any
};

/// What one walk over a guarded block finds: its ways out, with the restores
/// before each, and what could get around the save (case labels of a switch
/// outside, computed gotos). Nothing is checked here.
struct BlockExits {
  llvm::SmallVector<WayOut, 8> WaysOut; ///< in source order, the '}' last
  llvm::SmallVector<const SwitchCase *, 2> CasesInto;
  llvm::SmallVector<const IndirectGotoStmt *, 1> ComputedGotos;
  llvm::SmallVector<const DeclRefExpr *, 8> UsesOfCheckpoint;
  llvm::DenseSet<const LabelDecl *> Labels;
  llvm::DenseSet<const VarDecl *> Locals;
  llvm::DenseSet<const GotoStmt *> GotosInside;
};

/// Finds the BlockExits of a block whose checkpoint is \p CP.
class ExitCollector {
public:
  ExitCollector(const FunctionFlow *Flow, const VarDecl *CP)
      : Flow(Flow), CP(CP) {}

  BlockExits collect(const CompoundStmt *Body) {
    // The labels first: a goto to a label further down stays in the block.
    this->Body = Body;
    collectDecls(Body);
    visit(Body, {}, 0, 0);
    return std::move(Out);
  }

private:
  /// The statements, the labels and the variables declared in the block.
  void collectDecls(const Stmt *S) {
    if (!S || isa<BlockExpr>(S))
      return;
    Inside.insert(S);
    if (const auto *L = dyn_cast<LabelStmt>(S))
      Out.Labels.insert(L->getDecl());
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          Out.Locals.insert(VD);
    for (const Stmt *Child : S->children())
      collectDecls(Child);
  }

  void addWayOut(const Stmt *S, SourceLocation Loc, StringRef What,
                 const RestoreRun &Before, const Expr *Value) {
    WayOutStmts.insert(S);
    Out.WaysOut.push_back({Loc, What, Before, Value});
  }

  /// Visits \p S, reached after the restores \p Before; \p Loops and
  /// \p Switches count the loops and switches around it inside the block.
  void visit(const Stmt *S, const RestoreRun &Before, unsigned Loops,
             unsigned Switches) {
    if (!S || isa<BlockExpr>(S))
      return; // A block literal is a function of its own.
    if (const auto *SC = dyn_cast<SwitchCase>(S)) {
      if (Switches == 0)
        Out.CasesInto.push_back(SC);
      visit(SC->getSubStmt(), {}, Loops, Switches);
      return;
    }
    if (const auto *L = dyn_cast<LabelStmt>(S)) {
      visit(L->getSubStmt(), {}, Loops, Switches);
      return;
    }
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      addWayOut(R, R->getReturnLoc(), "'return'", Before, R->getRetValue());
      visit(R->getRetValue(), {}, Loops, Switches);
      return;
    }
    if (const auto *B = dyn_cast<BreakStmt>(S)) {
      if (Loops == 0 && Switches == 0)
        addWayOut(B, B->getBreakLoc(), "'break'", Before, nullptr);
      return;
    }
    if (const auto *C = dyn_cast<ContinueStmt>(S)) {
      if (Loops == 0)
        addWayOut(C, C->getContinueLoc(), "'continue'", Before, nullptr);
      return;
    }
    if (const auto *G = dyn_cast<GotoStmt>(S)) {
      Out.GotosInside.insert(G);
      if (!Out.Labels.contains(G->getLabel()))
        addWayOut(G, G->getGotoLoc(), "'goto'", Before, nullptr);
      return;
    }
    if (const auto *G = dyn_cast<IndirectGotoStmt>(S)) {
      WayOutStmts.insert(G);
      Out.ComputedGotos.push_back(G);
      return;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      RestoreRun Run;
      for (const Stmt *Child : CS->body()) {
        visit(Child, Run, Loops, Switches);
        if (isa<LabelStmt, SwitchCase>(Child))
          Run.clear(); // A jump to the label skips what comes before it.
        const CallExpr *Call =
            callTo(unlabelled(Child), RuntimeName::CCheckpointRestore);
        if (Call && Call->getNumArgs() == 2)
          Run.push_back(Call);
        else
          Run.clear();
      }
      // Every other way out is known by now.
      if (CS == Body &&
          BlockEndReach(Flow, CS, Inside, WayOutStmts).reachesEnd())
        Out.WaysOut.push_back({CS->getRBracLoc(), "", Run, nullptr});
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() == CP)
        Out.UsesOfCheckpoint.push_back(DRE);
    if (isa<ForStmt, WhileStmt, DoStmt>(S))
      ++Loops;
    else if (isa<SwitchStmt>(S))
      ++Switches;
    for (const Stmt *Child : S->children())
      visit(Child, {}, Loops, Switches);
  }

  const FunctionFlow *Flow;
  const VarDecl *CP;
  const CompoundStmt *Body = nullptr;
  BlockExits Out;
  llvm::DenseSet<const Stmt *> Inside;      ///< the block's statements
  llvm::DenseSet<const Stmt *> WayOutStmts; ///< returns, jumps out of it
};

/// Checks a block's ways out, and what could get around its save, against
/// its hand-written guard.
class ExitChecker {
public:
  ExitChecker(ASTContext &Ctx, const NoEscapeAnnotation &A, const Decl *Owner,
              const DeclStmt *Save, const VarDecl *CP, const Expr *Buffer,
              const Expr *BufferArg, FindingSink &Sink)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), A(A),
        Owner(Owner), Save(Save), CP(CP), Buffer(Buffer), Sink(Sink) {
    Subject = A.Function
                  ? "no_escape function '" + A.Function->getNameAsString() + "'"
                  : std::string("the no_escape block");
    Restore = spelling(RuntimeName::CCheckpointRestore).str() + "(" +
              spell(BufferArg, SM, LO) + ", " + CP->getNameAsString() + ")";
  }

  void check(const BlockExits &Exits) {
    for (const SwitchCase *SC : Exits.CasesInto)
      report(SC->getKeywordLoc(),
             std::string(isa<CaseStmt>(SC) ? "'case'" : "'default'") +
                 " label jumps into " + Subject +
                 " past the save of checkpoint '" + name() + "'");
    for (const IndirectGotoStmt *G : Exits.ComputedGotos)
      report(G->getGotoLoc(), "computed 'goto' may leave " + Subject +
                                  "; the tool cannot check that checkpoint '" +
                                  name() + "' is restored on that way out");
    for (const WayOut &W : Exits.WaysOut)
      checkWayOut(W, Exits.Locals);
    checkChanges(Exits.UsesOfCheckpoint);
    if (!Exits.Labels.empty() && !A.Function && Owner)
      findJumpsIn(Owner->getBody(), Exits);
  }

private:
  /// A way out must come right after the restore of the checkpoint, on the
  /// buffer it was saved from, and with no value computed after it from the
  /// memory the restore frees.
  void checkWayOut(const WayOut &W,
                   const llvm::DenseSet<const VarDecl *> &Locals) {
    const RestoreRun &Run = W.Before;
    const CallExpr *Mine = nullptr;
    size_t At = 0;
    for (; At < Run.size(); ++At)
      if (varOf(Run[At]->getArg(1)) == CP) {
        Mine = Run[At];
        break;
      }
    if (!Mine) {
      std::string Msg =
          W.What.empty() ? "control reaches the end of " + Subject +
                               " without restoring checkpoint '" + name() + "'"
                         : W.What.str() + " leaves " + Subject +
                               " without restoring checkpoint '" + name() + "'";
      if (!Run.empty())
        Msg += " (the restore before it is of '" +
               spell(Run.back()->getArg(1), SM, LO) + "')";
      Msg += W.What.empty() ? "; end the block with '" + Restore + ";'"
                            : "; call '" + Restore + "' right before it";
      report(W.Loc, Msg);
      return;
    }
    const Expr *RestoredBuffer = bufferOf(Mine->getArg(0));
    if (!refersToSame(RestoredBuffer, Buffer, SM, LO))
      report(Mine->getBeginLoc(),
             "checkpoint '" + name() + "' is restored on " +
                 bufferName(RestoredBuffer) + ", but it was saved from " +
                 bufferName(Buffer));
    // A checkpoint saved after ours, on the same buffer, restored after ours
    // would rewind the buffer forward again (the runtime rejects it).
    for (size_t I = At + 1; I < Run.size(); ++I) {
      const VarDecl *Inner = varOf(Run[I]->getArg(1));
      if (Inner && Inner != CP && Locals.contains(Inner) &&
          refersToSame(bufferOf(Run[I]->getArg(0)), Buffer, SM, LO))
        report(Run[I]->getBeginLoc(),
               "checkpoint '" + Inner->getNameAsString() +
                   "' is restored after checkpoint '" + name() +
                   "', which was saved before it from the same buffer; "
                   "restore '" +
                   Inner->getNameAsString() + "' first");
    }
    if (W.Value)
      if (const DeclRefExpr *Read = readOfLocalPointer(W.Value, Locals))
        report(Read->getLocation(),
               "the value of this 'return' is computed after checkpoint '" +
                   name() + "' is restored, and reads '" +
                   Read->getDecl()->getNameAsString() + "', declared in " +
                   Subject +
                   ", which may point into the memory just reset; compute "
                   "the value before the restore");
  }

  /// Reports each write to the checkpoint, or to a field of it, and each
  /// taking of its address but as a pointer to const: clang's
  /// ExprMutationAnalyzer decides, as for clang-tidy's const checks.
  void checkChanges(llvm::ArrayRef<const DeclRefExpr *> Uses) {
    if (Uses.empty())
      return;
    ExprMutationAnalyzer Mutations(*A.Body, Ctx);
    llvm::DenseSet<const Stmt *> Reported;
    for (const DeclRefExpr *Use : Uses) {
      const Stmt *Change = Mutations.findMutation(Use);
      if (!Change || !Reported.insert(Change).second)
        continue;
      SourceLocation Loc = Change->getBeginLoc();
      if (const auto *BO = dyn_cast<BinaryOperator>(Change))
        Loc = BO->getOperatorLoc();
      else if (const auto *UO = dyn_cast<UnaryOperator>(Change))
        Loc = UO->getOperatorLoc();
      report(Loc, "checkpoint '" + name() +
                      "' may be changed here; the restores of " + Subject +
                      " must rewind to the position saved at its start");
    }
  }

  /// A use, in the returned value \p Value, of a variable of the block that
  /// can hold a pointer; returning such a variable itself is left to the
  /// escape analysis (it is not a read of the memory).
  const DeclRefExpr *
  readOfLocalPointer(const Expr *Value,
                     const llvm::DenseSet<const VarDecl *> &Locals) const {
    if (isa<DeclRefExpr>(Value->IgnoreParenCasts()))
      return nullptr;
    return findLocalPointer(Value, Locals);
  }

  const DeclRefExpr *
  findLocalPointer(const Stmt *S,
                   const llvm::DenseSet<const VarDecl *> &Locals) const {
    if (!S || isa<BlockExpr>(S))
      return nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD != CP && Locals.contains(VD) && holdsPointer(VD->getType()))
          return DRE;
    for (const Stmt *Child : S->children())
      if (const DeclRefExpr *Found = findLocalPointer(Child, Locals))
        return Found;
    return nullptr;
  }

  /// Reports the gotos outside the block that jump to a label inside it.
  void findJumpsIn(const Stmt *S, const BlockExits &Exits) {
    if (!S || S == A.Body)
      return;
    if (const auto *G = dyn_cast<GotoStmt>(S))
      if (Exits.Labels.contains(G->getLabel()) &&
          !Exits.GotosInside.contains(G))
        report(G->getGotoLoc(), "'goto' jumps into " + Subject +
                                    " past the save of checkpoint '" + name() +
                                    "'");
    for (const Stmt *Child : S->children())
      findJumpsIn(Child, Exits);
  }

  void report(SourceLocation Loc, std::string Message) {
    Finding F{Check::MissingGuard, Loc, std::move(Message), {}, {}};
    F.Notes.push_back(
        {Save->getBeginLoc(), "checkpoint '" + name() + "' saved here"});
    Sink.report(std::move(F));
  }

  std::string name() const { return CP->getNameAsString(); }

  std::string bufferName(const Expr *E) const {
    return E ? "'" + spell(E, SM, LO) + "'" : "the default buffer";
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const NoEscapeAnnotation &A;
  const Decl *Owner; ///< the function (or block literal) around the block
  const DeclStmt *Save;
  const VarDecl *CP;
  const Expr *Buffer;
  FindingSink &Sink;
  std::string Subject; ///< "the no_escape block", "no_escape function 'f'"
  std::string Restore; ///< the restore call to suggest
};

} // namespace

CheckpointGuardChecker::CheckpointGuardChecker(ASTContext &Ctx,
                                               FindingSink &Sink)
    : Ctx(Ctx), Sink(Sink) {}

CheckpointGuardChecker::~CheckpointGuardChecker() = default;

bool CheckpointGuardChecker::check(const NoEscapeAnnotation &A) {
  if (Ctx.getLangOpts().CPlusPlus || A.Body->body_empty())
    return false;
  const auto *DS = dyn_cast<DeclStmt>(A.Body->body_front());
  if (!DS || !DS->isSingleDecl())
    return false;
  const auto *CP = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!CP || !CP->hasLocalStorage() || !CP->getInit())
    return false;
  const CallExpr *SaveCall =
      callTo(CP->getInit(), RuntimeName::CCheckpointSave);
  if (!SaveCall || SaveCall->getNumArgs() != 1)
    return false;

  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const Expr *Buffer = bufferOf(SaveCall->getArg(0));
  if (!refersToSame(bufferOf(A.Buffer), Buffer, SM, LO)) {
    std::string Has =
        Buffer ? "'" + spell(Buffer, SM, LO) + "'" : "the default buffer";
    std::string Wants =
        A.Buffer ? "'" + A.BufferSpelling + "'" : "the default buffer";
    Finding F{
        Check::MissingGuard,
        DS->getBeginLoc(),
        "the guard of this " +
            std::string(A.Function ? "no_escape function" : "no_escape block") +
            " resets " + Has + ", but the annotation names " + Wants,
        {},
        {}};
    F.Notes.push_back({A.AttrRange.getBegin(), "annotation here"});
    Sink.report(std::move(F));
    return true;
  }
  const Decl *Owner = codeOwner(Ctx, A.Body);
  std::unique_ptr<FunctionFlow> &Flow = Flows[Owner];
  if (Owner && !Flow)
    Flow = std::make_unique<FunctionFlow>(Owner, Ctx);
  BlockExits Exits = ExitCollector(Flow.get(), CP).collect(A.Body);
  ExitChecker(Ctx, A, Owner, DS, CP, Buffer, SaveCall->getArg(0), Sink)
      .check(Exits);
  return true;
}

} // namespace bumper
