//===- EscapeEngine.h - The parts of the escape dataflow --------*- C++ -*-===//
//
// The flow-sensitive analysis of one function (EscapeDataflow.cpp drives it
// over the CFG) is made of parts with one job each:
//
//   EscapeOrigins.cpp    the origin table (what memory a value may come
//                        from, as chains of steps) and the block nest (the
//                        annotated block a statement is in; the storage that
//                        outlives a block);
//   EscapeEvaluator.cpp  what an expression evaluates to: its origins, the
//                        memory it designates, the location it names;
//   EscapeTransfer.cpp   what a statement does to the state: stores, calls,
//                        returns, the end of a block (liveness kills facts);
//   EscapeSummaries.cpp  summaries at calls: which one a call gets, what the
//                        callee keeps; and the summary a summary run records;
//   EscapeReporter.cpp   the bumper-escape findings, with their notes.
//
// The state maps abstract storage locations (local and global variables,
// fields of variables, *this, what a pointer declared outside the block
// points to) to the origins they may hold.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_LIB_ESCAPEENGINE_H
#define BUMPER_TOOL_LIB_ESCAPEENGINE_H

#include "EscapeCommon.h"
#include "clang/AST/StmtVisitor.h"
#include <map>
#include <tuple>

namespace clang {
class AnalysisDeclContext;
class CFGBlock;
class LiveVariables;
} // namespace clang

namespace bumper {
namespace escape {

/// Origin ids, sorted and unique. Sets are small: one or two allocations
/// reach a location in practice.
using OriginSet = llvm::SmallVector<unsigned, 4>;

void addTo(OriginSet &S, unsigned O);
void unionInto(OriginSet &D, const OriginSet &S);

enum class LocKind : uint8_t {
  Var,   ///< a variable (Field: one of its fields, or the whole variable)
  Deref, ///< what a pointer or reference variable points to
  This,  ///< *this (Field: one of its fields)
  Kept,  ///< kept by a callee in storage of its own (Base: the callee)
  /// Storage reached through one or more pointers from a root (Base: the
  /// root variable, or null for *this): `this->impl_->buf`,
  /// `c->stmt->aVar[0].z`. Not told apart below the root.
  Deep,
};

struct LocKey {
  const void *Base = nullptr;
  LocKind Kind = LocKind::Var;
  const clang::FieldDecl *Field = nullptr;
  bool operator<(const LocKey &O) const {
    return std::tie(Base, Kind, Field) < std::tie(O.Base, O.Kind, O.Field);
  }
  bool operator==(const LocKey &O) const {
    return Base == O.Base && Kind == O.Kind && Field == O.Field;
  }
};

/// The dataflow state: what each location may hold. std::map gives the
/// ordered prefix scans ("every field of s") and cheap equality for the
/// fixpoint test.
using State = std::map<LocKey, OriginSet>;

/// Joins \p From into \p Into; returns whether \p Into changed.
bool joinInto(State &Into, const State &From);

enum class Step : uint8_t {
  Alloc,
  Param,
  Store,
  Insert,
  CallKeep,
  Capture,
  LibraryKeep, ///< kept by a standard library function (putenv, setvbuf)
  ConfigKeep,  ///< kept by a function whose Functions entry says Keeps
};

/// One step of the way a value went: the chain of an origin's parents gives
/// the notes of a finding.
struct Origin {
  const clang::Stmt *S = nullptr;
  unsigned Parent = 0;
  Step Kind = Step::Alloc;
  int Block = -1; ///< the block whose reset frees it (-1: none)
  int Param = -1; ///< summaries: the parameter it comes from
  std::string Target, Callee;
};
constexpr unsigned NoParent = ~0u;

/// The storage a store writes: none known, arena memory (whose contents are
/// not tracked), or a location; Strong when the store replaces its value.
struct KeyResult {
  enum Kind { None, Arena, Key } K = None;
  LocKey Loc;
  bool Strong = false;
};

inline KeyResult locationKey(const void *Base, LocKind Kind,
                             const clang::FieldDecl *F, bool Strong) {
  KeyResult R;
  R.K = KeyResult::Key;
  R.Loc = LocKey{Base, Kind, F};
  R.Strong = Strong;
  return R;
}

inline KeyResult arenaKey() {
  KeyResult R;
  R.K = KeyResult::Arena;
  return R;
}

/// What is analysed: a function, with blocks or for a summary.
struct FunctionRun {
  EscapeContext &EC;
  const clang::SourceManager &SM;
  const clang::FunctionDecl *FD;
  const clang::Stmt *Body;
  /// A summary run: the parameters are the origins, and what the function
  /// keeps and returns goes here. Null for a run with blocks.
  Summary *Sum;
  /// Parameters bound to constants (summaryFor): branches they decide are
  /// followed one way only.
  const ConstantArgs *Bound;
};

/// The origins met in one function, made once each (EscapeOrigins.cpp).
class OriginTable {
public:
  const Origin &operator[](unsigned O) const { return Origins[O]; }

  /// The step \p Kind at \p S from \p Parent (made once; a loop reuses the
  /// step it made before, so chains stay finite).
  unsigned derive(const clang::Stmt *S, unsigned Parent, Step Kind,
                  std::string Target = "", std::string Callee = "");
  /// The origin of the memory allocated at \p S for block \p Block (made
  /// once).
  unsigned allocationOrigin(const clang::Stmt *S, int Block);
  /// Summaries: parameter \p I as an origin of its own.
  unsigned paramOrigin(unsigned I);
  /// The first step of \p O's chain.
  unsigned root(unsigned O) const;
  /// Some origin of \p S is memory that a block resets.
  bool isArena(const OriginSet &S) const;
  OriginSet withoutArena(const OriginSet &S) const;

private:
  std::vector<Origin> Origins;
  llvm::DenseMap<std::pair<const void *, uint64_t>, unsigned> Memo;
};

/// The annotated blocks of the function: which one a statement is in, and
/// which storage lives past a block's end (EscapeOrigins.cpp).
class BlockNest {
public:
  BlockNest(const clang::SourceManager &SM, llvm::ArrayRef<BlockInfo> Blocks)
      : SM(SM), Blocks(Blocks) {}

  const BlockInfo &operator[](int B) const { return Blocks[B]; }
  llvm::ArrayRef<BlockInfo> blocks() const { return Blocks; }
  bool contains(int B, clang::SourceLocation L) const;
  /// The innermost block containing \p S, -1 for none, -2 when unknown.
  int nestOf(const clang::Stmt *S);
  /// Block \p B is \p Nest or encloses it.
  bool isActive(int B, int Nest) const;
  /// Does location \p K live past the end of block \p B?
  bool outlives(const LocKey &K, int B) const;

private:
  /// contains() for a location decomposed once (the decomposition is the
  /// costly part, and nestOf asks every block).
  bool contains(int B, std::pair<clang::FileID, unsigned> D) const;

  const clang::SourceManager &SM;
  llvm::ArrayRef<BlockInfo> Blocks;
  llvm::DenseMap<const clang::Stmt *, int> NestCache;
};

/// The state at the point being transferred, and what the analysis learns
/// of references and pointers as it goes (flow-insensitive).
struct FlowFacts {
  State *Cur = nullptr;
  /// A reference is another name for its target location (transferDecl);
  /// AliasStrong: a store through it replaces the target's value.
  llvm::DenseMap<const clang::VarDecl *, LocKey> Alias;
  llvm::DenseMap<const clang::VarDecl *, bool> AliasStrong;
  /// Pointers known to point into a location (transferDecl).
  llvm::DenseMap<const clang::VarDecl *, LocKey> PointsTo;
};

/// Evaluates expressions in the current state (EscapeEvaluator.cpp): the
/// visitor gives the origins of a value; addr() and the *Key functions the
/// memory and the location a glvalue designates.
class Evaluator : public clang::ConstStmtVisitor<Evaluator, OriginSet> {
public:
  Evaluator(const FunctionRun &Run, OriginTable &OT, BlockNest &Nest,
            FlowFacts &Facts)
      : Run(Run), OT(OT), Nest(Nest), Facts(Facts) {}

  /// What the value of \p E may hold (for a glvalue: its object's contents).
  OriginSet val(const clang::Expr *E);
  /// What the storage \p E designates may be part of (arena memory).
  OriginSet addr(const clang::Expr *E);
  /// What an argument (or the object of a member call) gives the result of
  /// a call: its value, and, for a container whose storage is arena memory
  /// (EscapeContext::ArenaVars), that storage (data(), begin(), a span).
  OriginSet argVal(const clang::Expr *A);
  /// The location the glvalue \p E designates.
  KeyResult lvalueKey(const clang::Expr *E);
  /// The location a pointer (or an array of unknown origin) \p P points to.
  KeyResult pointeeKey(const clang::Expr *P, bool Strong);
  /// The storage a pointer loaded from memory points to, named by its root.
  KeyResult deepKey(const clang::Expr *P);
  /// The object a member function is called on.
  KeyResult objectKey(const clang::Expr *Obj);
  /// What \p E is called in a note: its source text, or "*this".
  std::string targetName(const clang::Expr *E) const;
  /// What the locations of \p Base and \p Kind hold, all fields.
  OriginSet readPrefix(const void *Base, LocKind Kind) const;

  /// The summary of a call to \p Callee with arguments \p Args; \p Def is
  /// set to the function summarised (EscapeSummaries.cpp).
  const Summary *calleeSummary(const clang::FunctionDecl *Callee,
                               llvm::ArrayRef<const clang::Expr *> Args,
                               const clang::FunctionDecl *&Def);

  /// The arguments of \p Call, without the object of a member operator
  /// call (a member call's object is not among them).
  static llvm::ArrayRef<const clang::Expr *>
  callArguments(const clang::CallExpr *Call);
  /// The object a member call or member operator call is made on.
  static const clang::Expr *objectArgument(const clang::CallExpr *Call);

  // The visitor: the origins of each kind of expression (val() strips
  // parentheses and drops what cannot hold a pointer).
  OriginSet VisitStmt(const clang::Stmt *) { return {}; }
  OriginSet VisitDeclRefExpr(const clang::DeclRefExpr *E);
  OriginSet VisitMemberExpr(const clang::MemberExpr *ME);
  OriginSet VisitUnaryOperator(const clang::UnaryOperator *UO);
  OriginSet VisitArraySubscriptExpr(const clang::ArraySubscriptExpr *AS);
  OriginSet VisitBinaryOperator(const clang::BinaryOperator *BO);
  OriginSet
  VisitAbstractConditionalOperator(const clang::AbstractConditionalOperator *);
  OriginSet VisitCastExpr(const clang::CastExpr *CE);
  OriginSet VisitCallExpr(const clang::CallExpr *Call);
  OriginSet VisitCXXConstructExpr(const clang::CXXConstructExpr *CC);
  OriginSet VisitInitListExpr(const clang::InitListExpr *IL);
  OriginSet VisitCXXParenListInitExpr(const clang::CXXParenListInitExpr *PL);
  OriginSet VisitLambdaExpr(const clang::LambdaExpr *LE);
  OriginSet VisitCXXNewExpr(const clang::CXXNewExpr *NE);
  OriginSet
  VisitMaterializeTemporaryExpr(const clang::MaterializeTemporaryExpr *MT);
  OriginSet VisitCXXBindTemporaryExpr(const clang::CXXBindTemporaryExpr *BT);
  OriginSet VisitFullExpr(const clang::FullExpr *FE);
  OriginSet VisitCXXDefaultArgExpr(const clang::CXXDefaultArgExpr *DA);
  OriginSet VisitCXXDefaultInitExpr(const clang::CXXDefaultInitExpr *DI);
  OriginSet
  VisitCXXStdInitializerListExpr(const clang::CXXStdInitializerListExpr *SI);
  OriginSet VisitOpaqueValueExpr(const clang::OpaqueValueExpr *OV);
  OriginSet VisitSubstNonTypeTemplateParmExpr(
      const clang::SubstNonTypeTemplateParmExpr *ST);

private:
  OriginSet readExact(const LocKey &K) const;
  OriginSet readField(const void *Base, LocKind Kind,
                      const clang::FieldDecl *F) const;
  OriginSet readKey(const LocKey &K) const;
  OriginSet readDecl(const clang::ValueDecl *D);
  /// The contents of *P.
  OriginSet readDeref(const clang::Expr *P);
  /// The condition of \p CO when the bound constants decide it.
  std::optional<int64_t>
  boundCondition(const clang::AbstractConditionalOperator *CO) const;
  /// \p E names a variable of EscapeContext::ArenaVars.
  bool isArenaVar(const clang::Expr *E) const;
  /// The storage of a variable of EscapeContext::ArenaVars.
  OriginSet arenaVarOrigin(const clang::VarDecl *VD);
  /// The allocation an allocator call makes, if an active block resets it.
  OriginSet allocOrigin(const clang::CallExpr *Call);

  const FunctionRun &Run;
  OriginTable &OT;
  BlockNest &Nest;
  FlowFacts &Facts;
};

/// How a finding is fixed, by the way the value leaves.
enum class Fix { Store, Insert, Call, Return, Throw };

/// The bumper-escape findings of a run with blocks (EscapeReporter.cpp).
class Reporter {
public:
  Reporter(const FunctionRun &Run, const OriginTable &OT, const BlockNest &Nest)
      : Run(Run), OT(OT), Nest(Nest) {}

  /// \p O, the last step of its chain, is in storage that outlives its
  /// block at the block's end.
  void reportStore(unsigned O);
  /// \p O leaves its block at \p At (a return or a throw).
  void reportEscape(unsigned O, const clang::Stmt *At, const char *How, Fix K);
  /// The dataflow stopped at its iteration cap: one finding names the
  /// function, in place of the findings of its blocks.
  void reportNotConverged();

private:
  void chainNotes(Finding &F, unsigned Last, bool IncludeLast,
                  bool &Captured) const;
  void finish(Finding F, unsigned O, clang::SourceLocation At, std::string How,
              bool Captured, Fix K) const;

  const FunctionRun &Run;
  const OriginTable &OT;
  const BlockNest &Nest;
};

/// Whether a local variable that holds a fact may still be read: a fact
/// in a dead local cannot escape (EscapeTransfer.cpp).
class LocalLiveness {
public:
  explicit LocalLiveness(const clang::Stmt *Body) : Body(Body) {}

  /// The CFG's context, when LiveVariables may run on it (null: every local
  /// is taken to be live at the end of a CFG block).
  clang::AnalysisDeclContext *ADC = nullptr;

  /// The local variable of \p K is dead at element \p Idx of \p Blk (null:
  /// the function's end): no path from there reads it before writing it.
  bool isDeadLocal(const LocKey &K, const clang::CFGBlock *Blk, unsigned Idx);

private:
  void collectUses(const clang::Stmt *S,
                   llvm::DenseSet<const clang::DeclRefExpr *> &Plain);

  const clang::Stmt *Body;
  clang::LiveVariables *Live = nullptr;
  bool UsesCollected = false;
  llvm::DenseSet<const clang::DeclRefExpr *> DefRefs;
  llvm::DenseSet<const clang::VarDecl *> Escaped;
};

/// The transfer functions: what each CFG element does to the state
/// (EscapeTransfer.cpp; the summaries of callees, EscapeSummaries.cpp).
class Transfer {
public:
  Transfer(const FunctionRun &Run, OriginTable &OT, BlockNest &Nest,
           FlowFacts &Facts, Evaluator &Eval, Reporter &Rep)
      : Liveness(Run.Body), Run(Run), OT(OT), Nest(Nest), Facts(Facts),
        Eval(Eval), Rep(Rep) {}

  /// Transfers the elements of \p B into the current state; \p Report on
  /// the pass over the fixpoint, which reports and records the summary.
  void transferBlock(const clang::CFGBlock &B, bool Report);

  /// The exit block's ID (set by the driver).
  unsigned ExitID = 0;
  /// While a block of a try body is transferred: the join of the states
  /// after each of its statements that may throw.
  State *ThrowAcc = nullptr;
  LocalLiveness Liveness;

private:
  void store(KeyResult K, const OriginSet &Vals, const clang::Stmt *S,
             Step Kind, std::string Target, std::string Callee = "");
  void transferDecl(const clang::DeclStmt *DS);
  void transferCall(const clang::CallExpr *Call);
  void transferStmt(const clang::Stmt *S, int Nest, bool Report);
  /// Control is at a point inside block \p Nest (-1: outside every block):
  /// the facts of blocks that are no longer active are checked and dropped.
  void checkExits(int Nest, bool Report, const clang::CFGBlock *Blk,
                  unsigned Idx);
  bool hasUserBody(const clang::FunctionDecl *F) const;

  // EscapeSummaries.cpp.
  /// A call to a callee with a summary: stores what the summary says the
  /// callee keeps. False when there is no summary.
  bool applySummary(const clang::CallExpr *Call,
                    const clang::FunctionDecl *Callee, const clang::Expr *Obj,
                    llvm::ArrayRef<const clang::Expr *> Args, std::string Name);
  /// At the function's end: what the state keeps of each parameter.
  void recordSummary();
  /// The parameters passed to \p Callee, whose body is in another unit.
  void recordForwards(const clang::FunctionDecl *Callee,
                      llvm::ArrayRef<const clang::Expr *> Args);

  const FunctionRun &Run;
  OriginTable &OT;
  BlockNest &Nest;
  FlowFacts &Facts;
  Evaluator &Eval;
  Reporter &Rep;
};

/// A class that looks like a container: it has an insertion member.
bool hasInsertionMember(clang::QualType T);
/// push_back, insert, emplace... : a member that adds to a container.
bool isInsertionName(llvm::StringRef N);
/// \p FD is one of \p Names in namespace std.
bool isStdFn(const clang::FunctionDecl *FD,
             std::initializer_list<llvm::StringRef> Names);

} // namespace escape
} // namespace bumper

#endif // BUMPER_TOOL_LIB_ESCAPEENGINE_H
