//===- EscapeDataflow.cpp - Flow-sensitive escape analysis of a function --===//
//
// A forward worklist dataflow over clang::CFG, in the style of
// lib/Analysis/UninitializedValues.cpp. The state maps abstract storage
// locations (local and global variables, fields of variables, *this, what a
// pointer declared outside the block points to) to the arena "origins" they
// may hold. An origin is a chain of steps: the allocator call, then each
// store, capture or call that moved the value; the chain gives the notes of a
// diagnostic.
//
// Stores into storage that outlives a block are not escapes by themselves:
// the fact is checked when control leaves the block (the first CFG element
// outside it), so a store that is overwritten or cleared before the block ends
// is not reported. Returns and throws from inside a block are reported where
// they happen.
//
// The same engine, run with the parameters as origins and no blocks, computes
// a function's summary: which parameters it stores where they outlive the
// call. Summaries make calls to same-TU functions that keep a parameter sinks.
//
//===----------------------------------------------------------------------===//

#include "EscapeCommon.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include <deque>
#include <map>
#include <optional>
#include <tuple>

using namespace clang;

namespace bumper {
namespace escape {
namespace {

/// Origin ids, sorted and unique. Sets are small: one or two allocations
/// reach a location in practice.
using OriginSet = llvm::SmallVector<unsigned, 4>;

void addTo(OriginSet &S, unsigned O) {
  auto *It = llvm::lower_bound(S, O);
  if (It == S.end() || *It != O)
    S.insert(It, O);
}

void unionInto(OriginSet &D, const OriginSet &S) {
  for (unsigned O : S)
    addTo(D, O);
}

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
  const FieldDecl *Field = nullptr;
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

/// Joins \p From into \p Into; returns whether \p Into changed. One pass
/// over both maps in key order: a state holds every pointer the function
/// has stored so far, and a lookup per key made joins dominate long
/// functions.
bool joinInto(State &Into, const State &From) {
  bool Changed = false;
  auto At = Into.begin();
  for (const auto &[K, V] : From) {
    while (At != Into.end() && At->first < K)
      ++At;
    if (At == Into.end() || K < At->first) {
      At = Into.emplace_hint(At, K, V);
      Changed |= !V.empty();
    } else {
      size_t Before = At->second.size();
      unionInto(At->second, V);
      Changed |= At->second.size() != Before;
    }
    ++At;
  }
  return Changed;
}

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

struct Origin {
  const Stmt *S = nullptr;
  unsigned Parent = 0;
  Step Kind = Step::Alloc;
  int Block = -1; ///< the block whose reset frees it (-1: none)
  int Param = -1; ///< summaries: the parameter it comes from
  std::string Target, Callee;
};
constexpr unsigned NoParent = ~0u;

struct KeyResult {
  enum Kind { None, Arena, Key } K = None;
  LocKey Loc;
  bool Strong = false;
};

bool isInsertionName(llvm::StringRef N) {
  return N == "push_back" || N == "emplace_back" || N == "push_front" ||
         N == "emplace_front" || N == "insert" || N == "emplace" ||
         N == "emplace_hint" || N == "push" || N == "assign" ||
         N == "insert_or_assign" || N == "try_emplace";
}

bool isStdFn(const FunctionDecl *FD,
             std::initializer_list<llvm::StringRef> Names) {
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return false;
  for (llvm::StringRef N : Names)
    if (FD->getName() == N)
      return true;
  return false;
}

/// A class that looks like a container: it has an insertion member.
bool hasInsertionMember(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  for (const auto *M : RD->methods())
    if (M->getIdentifier() && isInsertionName(M->getName()))
      return true;
  for (const Decl *D : RD->decls())
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      if (FT->getIdentifier() && isInsertionName(FT->getName()))
        return true;
  return false;
}

class Analysis {
public:
  Analysis(EscapeContext &EC, const FunctionDecl *FD, const Stmt *Body,
           llvm::ArrayRef<BlockInfo> Blocks, Summary *Sum,
           const ConstantArgs *Bound = nullptr)
      : EC(EC), SM(EC.Ctx.getSourceManager()), FD(FD), Body(Body),
        Blocks(Blocks), Sum(Sum), Bound(Bound) {}

  void run();

private:
  /// The one successor of \p B that the bound constants select, or null.
  const CFGBlock *constantBranch(const CFGBlock &B) const;
  /// Fills Handlers from the try statements of \p G.
  void collectHandlers(const CFG &G);

  // --- origins -----------------------------------------------------------
  unsigned derive(const Stmt *S, unsigned Parent, Step Kind,
                  std::string Target = "", std::string Callee = "") {
    // A loop would otherwise grow the chain forever: reuse the earlier step.
    for (unsigned O = Parent; O != NoParent; O = Origins[O].Parent)
      if (Origins[O].S == S && Origins[O].Kind == Kind)
        return O;
    uint64_t Tag = (uint64_t(Parent + 1) << 3) | uint64_t(Kind);
    auto [It, New] = Memo.try_emplace({S, Tag}, Origins.size());
    if (!New)
      return It->second;
    Origin O;
    O.S = S;
    O.Parent = Parent;
    O.Kind = Kind;
    O.Block = Origins[Parent].Block;
    O.Param = Origins[Parent].Param;
    O.Target = std::move(Target);
    O.Callee = std::move(Callee);
    Origins.push_back(std::move(O));
    return Origins.size() - 1;
  }

  unsigned root(unsigned O) const {
    while (Origins[O].Parent != NoParent)
      O = Origins[O].Parent;
    return O;
  }

  bool isArena(const OriginSet &S) const {
    for (unsigned O : S)
      if (Origins[O].Block >= 0)
        return true;
    return false;
  }

  // --- where statements are ----------------------------------------------
  bool contains(int B, SourceLocation L) const {
    return L.isValid() && contains(B, SM.getDecomposedExpansionLoc(L));
  }

  /// The same for a location decomposed once (the decomposition is the
  /// costly part, and nestOf asks every block).
  bool contains(int B, std::pair<FileID, unsigned> D) const {
    return D.first == Blocks[B].File && D.second >= Blocks[B].Begin &&
           D.second <= Blocks[B].End;
  }

  /// The innermost block containing \p S, -1 for none, -2 when unknown.
  int nestOf(const Stmt *S) {
    auto [It, New] = NestCache.try_emplace(S, -2);
    if (!New)
      return It->second;
    SourceLocation L = S->getBeginLoc();
    int R = -2;
    if (L.isValid()) {
      R = -1;
      std::pair<FileID, unsigned> D = SM.getDecomposedExpansionLoc(L);
      for (unsigned B = 0; B < Blocks.size(); ++B)
        if (contains(B, D))
          R = B; // blocks are in pre-order: the last match is innermost
    }
    NestCache[S] = R;
    return R;
  }

  bool isActive(int B, int Nest) const {
    for (int N = Nest; N >= 0; N = Blocks[N].Parent)
      if (N == B)
        return true;
    return false;
  }

  /// Does location \p K live past the end of block \p B?
  bool outlives(const LocKey &K, int B) const {
    if (K.Kind == LocKind::This || K.Kind == LocKind::Kept || !K.Base)
      return true;
    const auto *VD = static_cast<const VarDecl *>(K.Base);
    if (VD->hasGlobalStorage())
      return true;
    // Below a pointer parameter, or a pointer declared outside the block, is
    // storage that was there before the block.
    if (K.Kind == LocKind::Deep)
      return isa<ParmVarDecl>(VD) || !contains(B, VD->getLocation());
    if (K.Kind == LocKind::Var && isa<ParmVarDecl>(VD) && Blocks[B].IsFunction)
      return false; // a by-value parameter dies with the annotated function
    if (K.Kind == LocKind::Deref && isa<ParmVarDecl>(VD))
      return true;
    // Pointers declared inside the block may point anywhere; only those
    // declared outside are known to reach storage outside.
    return !contains(B, VD->getLocation());
  }

  // --- reading the state -------------------------------------------------
  OriginSet readPrefix(const void *Base, LocKind Kind) const {
    OriginSet R;
    for (auto It = Cur->lower_bound(LocKey{Base, Kind, nullptr});
         It != Cur->end() && It->first.Base == Base && It->first.Kind == Kind;
         ++It)
      unionInto(R, It->second);
    return R;
  }

  OriginSet readExact(const LocKey &K) const {
    auto It = Cur->find(K);
    return It == Cur->end() ? OriginSet() : It->second;
  }

  OriginSet readField(const void *Base, LocKind Kind, const FieldDecl *F) {
    OriginSet R = readExact(LocKey{Base, Kind, F});
    unionInto(R, readExact(LocKey{Base, Kind, nullptr}));
    return R;
  }

  OriginSet readKey(const LocKey &K) {
    return K.Field ? readField(K.Base, K.Kind, K.Field)
                   : readPrefix(K.Base, K.Kind);
  }

  OriginSet readDecl(const ValueDecl *D) {
    if (const auto *BD = dyn_cast<BindingDecl>(D)) {
      OriginSet R;
      if (const auto *Holder = BD->getHoldingVar())
        R = readDecl(Holder);
      if (const auto *Dec = BD->getDecomposedDecl())
        unionInto(R, readDecl(Dec));
      return R;
    }
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      return {};
    auto It = Alias.find(VD);
    if (It != Alias.end())
      return readKey(It->second);
    return readPrefix(VD, LocKind::Var);
  }

  /// The contents of *P.
  OriginSet readDeref(const Expr *P) {
    if (isArena(val(P)))
      return {}; // what the arena holds is not tracked
    KeyResult K = pointeeKey(P, false);
    return K.K == KeyResult::Key ? readKey(K.Loc) : OriginSet();
  }

  // --- values ------------------------------------------------------------
  /// What the value of \p E may hold (for a glvalue: its object's contents).
  OriginSet val(const Expr *E) {
    if (!E)
      return {};
    E = E->IgnoreParens();
    OriginSet R = valImpl(E);
    if (!R.empty() && !E->getType()->isVoidType() &&
        !EC.canHoldPointer(E->getType()))
      R.clear();
    return R;
  }

  OriginSet valImpl(const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return readDecl(DRE->getDecl());
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return memberVal(ME);
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      switch (UO->getOpcode()) {
      case UO_Deref:
        return readDeref(UO->getSubExpr());
      case UO_AddrOf:
        return addr(UO->getSubExpr());
      case UO_PreInc:
      case UO_PreDec:
      case UO_PostInc:
      case UO_PostDec:
      case UO_Extension:
        return val(UO->getSubExpr());
      default:
        return {};
      }
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      if (const Expr *Arr = decayedArray(AS->getBase()))
        return val(Arr);
      return readDeref(AS->getBase());
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      switch (BO->getOpcode()) {
      case BO_Assign:
        return val(BO->getRHS());
      case BO_Comma:
        return val(BO->getRHS());
      case BO_Add:
      case BO_Sub: {
        OriginSet R = val(BO->getLHS());
        unionInto(R, val(BO->getRHS()));
        return R;
      }
      case BO_AddAssign:
      case BO_SubAssign:
        return val(BO->getLHS());
      default:
        return {};
      }
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
      if (std::optional<int64_t> C = boundCondition(CO))
        return val(*C ? CO->getTrueExpr() : CO->getFalseExpr());
      OriginSet R = val(CO->getTrueExpr());
      unionInto(R, val(CO->getFalseExpr()));
      return R;
    }
    if (const auto *CE = dyn_cast<CastExpr>(E)) {
      if (CE->getCastKind() == CK_ArrayToPointerDecay)
        return addr(CE->getSubExpr());
      if (CE->getCastKind() == CK_FunctionToPointerDecay)
        return {};
      return val(CE->getSubExpr());
    }
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return callVal(Call);
    if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
      // The standard exceptions copy their message; a class that owns what
      // it points to, built by a constructor with no body here (a Status
      // from a message), holds its own copy.
      const CXXConstructorDecl *Ctor = CC->getConstructor();
      if (const FunctionModel *M = EC.configuredModel(Ctor)) {
        if (M->Copies || M->Reads)
          return {};
        if (M->ReturnsView)
          return *M->ReturnsView < CC->getNumArgs()
                     ? val(CC->getArg(*M->ReturnsView))
                     : OriginSet();
      }
      if (Ctor && (EC.isStdException(Ctor->getParent()) ||
                   (!Ctor->hasBody() && !Ctor->isCopyOrMoveConstructor() &&
                    EC.ownsPointees(CC->getType()))))
        return {};
      OriginSet R;
      for (const Expr *A : CC->arguments())
        unionInto(R, argVal(A));
      return R;
    }
    if (const auto *IL = dyn_cast<InitListExpr>(E)) {
      OriginSet R;
      for (const Expr *I : IL->inits())
        unionInto(R, val(I));
      return R;
    }
    if (const auto *PL = dyn_cast<CXXParenListInitExpr>(E)) {
      OriginSet R;
      for (const Expr *I : PL->getInitExprs())
        unionInto(R, val(I));
      return R;
    }
    if (const auto *LE = dyn_cast<LambdaExpr>(E)) {
      OriginSet R;
      for (const Expr *I : LE->capture_inits())
        for (unsigned O : val(I))
          addTo(R, derive(LE, O, Step::Capture));
      return R;
    }
    if (const auto *NE = dyn_cast<CXXNewExpr>(E)) {
      // A heap object built from the value holds it; so does its pointer.
      if (const Expr *Init = NE->getInitializer())
        return val(Init);
      return {};
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      return val(MT->getSubExpr());
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      return val(BT->getSubExpr());
    if (const auto *FE = dyn_cast<FullExpr>(E))
      return val(FE->getSubExpr());
    if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E))
      return val(DA->getExpr());
    if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
      return val(DI->getExpr());
    if (const auto *SI = dyn_cast<CXXStdInitializerListExpr>(E))
      return val(SI->getSubExpr());
    if (const auto *OV = dyn_cast<OpaqueValueExpr>(E))
      return val(OV->getSourceExpr());
    if (const auto *ST = dyn_cast<SubstNonTypeTemplateParmExpr>(E))
      return val(ST->getReplacement());
    return {};
  }

  /// If \p Base is an array decayed to a pointer, the array.
  static const Expr *decayedArray(const Expr *Base) {
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Base->IgnoreParens()))
      if (ICE->getCastKind() == CK_ArrayToPointerDecay)
        return ICE->getSubExpr();
    return nullptr;
  }

  OriginSet memberVal(const MemberExpr *ME) {
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return readDecl(VD); // a static data member
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return {};
    const Expr *Base = ME->getBase();
    if (ME->isArrow()) {
      const Expr *B = Base->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(B))
        return readField(nullptr, LocKind::This, F);
      if (isArena(val(Base)))
        return {};
      KeyResult K = pointeeKey(Base, false);
      if (K.K != KeyResult::Key)
        return {};
      return K.Loc.Field ? readKey(K.Loc)
                         : readField(K.Loc.Base, K.Loc.Kind, F);
    }
    KeyResult K = lvalueKey(Base);
    if (K.K == KeyResult::Arena)
      return {};
    if (K.K == KeyResult::Key)
      return K.Loc.Field ? readKey(K.Loc)
                         : readField(K.Loc.Base, K.Loc.Kind, F);
    return val(Base);
  }

  OriginSet callVal(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (EC.isAllocator(Callee))
      return allocOrigin(Call);
    if (isStdFn(Callee, {"move", "forward", "as_const", "move_if_noexcept",
                         "forward_like"}) &&
        Call->getNumArgs() > 0)
      return val(Call->getArg(0));
    // .bumper.yaml's Functions says what the result is; an entry with only
    // Keeps leaves the result to the rules below.
    if (const FunctionModel *M = EC.configuredModel(Callee)) {
      if (M->Copies || M->Reads)
        return {};
      if (M->ReturnsView) {
        llvm::ArrayRef<const Expr *> Args = callArguments(Call);
        return *M->ReturnsView < Args.size() ? val(Args[*M->ReturnsView])
                                             : OriginSet();
      }
    }
    switch (EC.libraryEffect(Callee)) {
    case LibraryEffect::Copies:
    case LibraryEffect::Reads:
      return {};
    case LibraryEffect::ReturnsFirst:
      return Call->getNumArgs() ? val(Call->getArg(0)) : OriginSet();
    case LibraryEffect::Unknown:
      break;
    }
    // A function of this translation unit, or of the summaries index: its
    // summary says from which parameters its result is derived.
    const FunctionDecl *Def = nullptr;
    const Summary *S =
        Callee ? calleeSummary(Callee, callArguments(Call), Def) : nullptr;
    if (!S && Callee && !Callee->hasBody() &&
        EC.ownsPointees(Call->getType())) {
      // No body anywhere here, and a result that owns what it points to (a
      // Status): the callee made it, it is not a view of the arguments.
      return {};
    }
    // Unknown calls: the result may be derived from any argument (data(),
    // subspan(), begin(), make_pair, a getter...). The type filter in val()
    // drops results that cannot hold a pointer (size(), a copied string).
    OriginSet R;
    const Expr *Obj = objectArgument(Call);
    if (Obj) {
      if (isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
        R = readPrefix(nullptr, LocKind::This);
      else if (Call->isGLValue() && EC.isView(Obj->getType()))
        // An element reached through a view (span[i], *it, sv.front()): its
        // value is what the viewed memory holds. Arena memory's contents are
        // not tracked, so copying an element out is copying contents, not an
        // escape; only the view's non-arena origins carry over.
        R = withoutArena(val(Obj));
      else
        R = argVal(Obj);
    }
    // A standard container's member returns what the container holds, or
    // an iterator or reference into it, whatever its arguments: the
    // iterator of find(scratch_key) is not scratch (optional's value_or
    // may return its argument).
    if (Obj && isa_and_nonnull<CXXMethodDecl>(Callee) &&
        !(Callee->getIdentifier() && Callee->getName() == "value_or")) {
      QualType ObjTy = Obj->getType();
      if (ObjTy->isPointerType())
        ObjTy = ObjTy->getPointeeType();
      if (EC.isOwningContainer(ObjTy))
        return R;
    }
    unsigned First = Obj && isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
    for (unsigned I = First; I < Call->getNumArgs(); ++I) {
      unsigned P = I - First;
      if (S && P < S->Returns.size() && !S->Returns.test(P))
        continue;
      unionInto(R, argVal(Call->getArg(I)));
    }
    return R;
  }

  /// The condition of \p CO when the bound constants decide it.
  std::optional<int64_t> boundCondition(const AbstractConditionalOperator *CO) {
    if (!Bound || !isa<ConditionalOperator>(CO))
      return std::nullopt;
    return foldWithConstants(EC.Ctx, CO->getCond(), FD, Bound);
  }

  /// The summary of a call to \p Callee with arguments \p Args, of its body
  /// here or from the summaries index (EscapeContext::calleeSummary, which
  /// sets \p Def to the function summarised); for a body here, the paths
  /// that its constant arguments select, if any decides a branch.
  const Summary *calleeSummary(const FunctionDecl *Callee,
                               llvm::ArrayRef<const Expr *> Args,
                               const FunctionDecl *&Def) {
    const Summary *S = EC.calleeSummary(Callee, Def);
    if (!S || !Def || !Def->hasBody())
      return S;
    ConstantArgs C = EC.constantArguments(Def, Args, FD, Bound);
    if (C.empty())
      return S;
    // A variant still being computed (a recursive call with the same
    // constants) is partial: the whole function's summary stands in.
    const Summary *Variant = EC.summaryFor(Def, C);
    return Variant->InProgress ? S : Variant;
  }

  /// The arguments of \p Call, without the object of a member operator
  /// call (a member call's object is not among them).
  static llvm::ArrayRef<const Expr *> callArguments(const CallExpr *Call) {
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) &&
        isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()) &&
        !Args.empty())
      Args = Args.drop_front();
    return Args;
  }

  /// What an argument (or the object of a member call) gives the result of
  /// a call: its value, and, for a container whose storage is arena memory
  /// (EscapeContext::ArenaVars), that storage (data(), begin(), a span).
  OriginSet argVal(const Expr *A) {
    OriginSet R = val(A);
    if (!EC.ArenaVars.empty() &&
        (EC.isOwningContainer(A->getType()) || isArenaVar(A)))
      unionInto(R, addr(A));
    return R;
  }

  /// \p E names a variable of EscapeContext::ArenaVars (a std::unique_ptr<T[]>
  /// whose array is taken as arena memory: get() and [] point into it).
  bool isArenaVar(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && EC.ArenaVars.count(VD);
  }

  /// The storage of a variable of EscapeContext::ArenaVars: an allocation of
  /// the innermost block around it.
  OriginSet arenaVarOrigin(const VarDecl *VD) {
    const Stmt *S = VD->getInit();
    int Nest = S ? nestOf(S) : -1;
    if (Nest < 0)
      return {};
    return {allocationOrigin(S, Nest)};
  }

  /// The origin of the memory allocated at \p S for block \p Block (made
  /// once).
  unsigned allocationOrigin(const Stmt *S, int Block) {
    auto [It, New] = Memo.try_emplace({S, 0}, Origins.size());
    if (New) {
      Origin O;
      O.S = S;
      O.Parent = NoParent;
      O.Kind = Step::Alloc;
      O.Block = Block;
      Origins.push_back(std::move(O));
    }
    return It->second;
  }

  /// The object a member call or member operator call is made on.
  static const Expr *objectArgument(const CallExpr *Call) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      return MC->getImplicitObjectArgument();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
      if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()) &&
          OC->getNumArgs() > 0)
        return OC->getArg(0);
    return nullptr;
  }

  OriginSet withoutArena(const OriginSet &S) const {
    OriginSet R;
    for (unsigned O : S)
      if (Origins[O].Block < 0)
        addTo(R, O);
    return R;
  }

  OriginSet allocOrigin(const CallExpr *Call) {
    int Nest = nestOf(Call);
    if (Nest < 0)
      return {};
    const Expr *Buf = EC.bufferArgument(Call);
    std::string Spelling =
        Buf ? EscapeContext::normalizeBuffer(EC.sourceText(Buf)) : "";
    // The allocation belongs to the innermost active block that resets its
    // buffer; a buffer no active block resets is never reset here.
    for (int B = Nest; B >= 0; B = Blocks[B].Parent)
      if (Blocks[B].Buffer == Spelling)
        return {allocationOrigin(Call, B)};
    return {};
  }

  /// What the storage \p E designates may be part of (arena memory).
  OriginSet addr(const Expr *E) {
    if (!E)
      return {};
    E = E->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *D = DRE->getDecl();
      if (const auto *BD = dyn_cast<BindingDecl>(D)) {
        const auto *Dec = BD->getDecomposedDecl();
        if (Dec && Dec->getType()->isReferenceType())
          return readDecl(Dec);
        return {};
      }
      const auto *VD = dyn_cast<VarDecl>(D);
      if (VD && VD->getType()->isReferenceType() && !Alias.count(VD))
        return readPrefix(VD, LocKind::Var);
      if (VD && EC.ArenaVars.count(VD))
        return arenaVarOrigin(VD);
      return {};
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (!isa<FieldDecl>(ME->getMemberDecl()))
        return {};
      if (ME->isArrow())
        return isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())
                   ? OriginSet()
                   : val(ME->getBase());
      return addr(ME->getBase());
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return UO->getOpcode() == UO_Deref ? val(UO->getSubExpr()) : OriginSet();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      if (const Expr *Arr = decayedArray(AS->getBase()))
        return addr(Arr);
      return val(AS->getBase());
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // A reference returned by a call points into an argument: into the
      // object itself for owning containers, else where the argument (a
      // span, a pointer, an iterator) points.
      OriginSet R;
      auto Add = [&](const Expr *A) {
        if (isa<CXXThisExpr>(A->IgnoreParenImpCasts()))
          return;
        if (EC.isOwningContainer(A->getType()) || isArenaVar(A))
          unionInto(R, addr(A));
        else
          unionInto(R, val(A));
      };
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (const Expr *Obj = MC->getImplicitObjectArgument())
          Add(Obj);
      for (const Expr *A : Call->arguments())
        Add(A);
      return R;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
      if (std::optional<int64_t> C = boundCondition(CO))
        return addr(*C ? CO->getTrueExpr() : CO->getFalseExpr());
      OriginSet R = addr(CO->getTrueExpr());
      unionInto(R, addr(CO->getFalseExpr()));
      return R;
    }
    if (const auto *CE = dyn_cast<CastExpr>(E))
      return CE->isGLValue() ? addr(CE->getSubExpr()) : OriginSet();
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Comma)
        return addr(BO->getRHS());
      if (BO->isAssignmentOp())
        return addr(BO->getLHS());
      return {};
    }
    if (const auto *FE = dyn_cast<FullExpr>(E))
      return addr(FE->getSubExpr());
    if (const auto *OV = dyn_cast<OpaqueValueExpr>(E))
      return addr(OV->getSourceExpr());
    if (const auto *ST = dyn_cast<SubstNonTypeTemplateParmExpr>(E))
      return addr(ST->getReplacement());
    return {};
  }

  // --- storage written by a store ----------------------------------------
  KeyResult key(const void *Base, LocKind Kind, const FieldDecl *F,
                bool Strong) {
    KeyResult R;
    R.K = KeyResult::Key;
    R.Loc = LocKey{Base, Kind, F};
    R.Strong = Strong;
    return R;
  }

  KeyResult arena() {
    KeyResult R;
    R.K = KeyResult::Arena;
    return R;
  }

  /// The location the glvalue \p E designates.
  KeyResult lvalueKey(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl())) {
        if (const auto *Dec = BD->getDecomposedDecl())
          return key(Dec, LocKind::Var, nullptr, false);
        return {};
      }
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        return {};
      if (EC.ArenaVars.count(VD))
        return arena();
      if (VD->getType()->isReferenceType()) {
        auto It = Alias.find(VD);
        if (It != Alias.end())
          return key(It->second.Base, It->second.Kind, It->second.Field,
                     AliasStrong.lookup(VD));
        if (isArena(readPrefix(VD, LocKind::Var)))
          return arena();
        return key(VD, LocKind::Deref, nullptr, true);
      }
      return key(VD, LocKind::Var, nullptr, !VD->getType()->isArrayType());
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
        return key(VD, LocKind::Var, nullptr, true);
      const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!F)
        return {};
      if (ME->isArrow()) {
        const Expr *B = ME->getBase()->IgnoreParenImpCasts();
        if (isa<CXXThisExpr>(B))
          return key(nullptr, LocKind::This, F, true);
        if (isArena(val(ME->getBase())))
          return arena();
        KeyResult K = pointeeKey(ME->getBase(), true);
        if (K.K != KeyResult::Key)
          return K;
        if (K.Loc.Field) // deeper member chains: the first field stands for all
          return key(K.Loc.Base, K.Loc.Kind, K.Loc.Field, false);
        return key(K.Loc.Base, K.Loc.Kind, F, K.Strong);
      }
      KeyResult K = lvalueKey(ME->getBase());
      if (K.K != KeyResult::Key)
        return K;
      if (K.Loc.Field) // deeper member chains: the first field stands for all
        return key(K.Loc.Base, K.Loc.Kind, K.Loc.Field, false);
      return key(K.Loc.Base, K.Loc.Kind, F, K.Strong);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref)
        return {};
      return pointeeKey(UO->getSubExpr(), true);
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      if (const Expr *Arr = decayedArray(AS->getBase())) {
        KeyResult K = lvalueKey(Arr);
        K.Strong = false;
        return K;
      }
      return pointeeKey(AS->getBase(), false);
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // v[i], m[k], v.front(), *it, opt.value(), std::get<0>(t): an element
      // of the object. Writing into a view's element writes arena memory.
      if (isArena(addr(Call)))
        return arena();
      const Expr *Obj = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        Obj = MC->getImplicitObjectArgument();
      else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0)
        Obj = Call->getArg(0);
      else if (Call->getNumArgs() > 0)
        Obj = Call->getArg(0);
      if (!Obj)
        return {};
      KeyResult K = objectKey(Obj);
      K.Strong = false;
      return K;
    }
    return {};
  }

  /// The location a pointer (or an array of unknown origin) \p P points to.
  KeyResult pointeeKey(const Expr *P, bool Strong) {
    if (isArena(val(P)))
      return arena();
    const Expr *S = P->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if (UO->getOpcode() == UO_AddrOf)
        return lvalueKey(UO->getSubExpr());
    if (isa<CXXThisExpr>(S))
      return key(nullptr, LocKind::This, nullptr, false);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        // A pointer declared in the block that was made to point to outer
        // storage: a store through it is a store into that storage.
        auto It = PointsTo.find(VD);
        if (It != PointsTo.end())
          return key(It->second.Base, It->second.Kind, It->second.Field, false);
        return key(VD, LocKind::Deref, nullptr, Strong);
      }
    return deepKey(S);
  }

  /// The storage a pointer loaded from memory points to, named by the root
  /// the load starts from: `this->impl_` and `owned_.get()` are below *this,
  /// `c->stmt->aVar` below what c points to. None for a pointer that is not
  /// loaded from a variable's storage (a call's result, a new object).
  KeyResult deepKey(const Expr *P) {
    const Expr *E = P->IgnoreParenCasts();
    while (true) {
      if (const auto *ME = dyn_cast<MemberExpr>(E)) {
        if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
          return key(VD, LocKind::Deep, nullptr, false); // a static member
        E = ME->getBase()->IgnoreParenCasts();
      } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
        E = AS->getBase()->IgnoreParenCasts();
      } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
        if (UO->getOpcode() != UO_Deref && UO->getOpcode() != UO_AddrOf)
          return {};
        E = UO->getSubExpr()->IgnoreParenCasts();
      } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
        // operator->, operator*, operator[] and getters (get(), a member
        // call without arguments) of an object reach into that object.
        const Expr *Obj = objectArgument(Call);
        if (!Obj || (!isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs()))
          return {};
        E = Obj->IgnoreParenCasts();
      } else {
        break;
      }
      if (isArena(val(E)))
        return arena(); // what arena memory holds is not tracked
    }
    if (isa<CXXThisExpr>(E))
      return key(nullptr, LocKind::Deep, nullptr, false);
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD)
      return {};
    auto It = PointsTo.find(VD);
    if (It != PointsTo.end()) {
      const LocKey &T = It->second;
      if (T.Kind == LocKind::This)
        return key(nullptr, LocKind::Deep, nullptr, false);
      return key(T.Base, LocKind::Deep, nullptr, false);
    }
    if (VD->getType()->isReferenceType()) {
      auto A = Alias.find(VD);
      if (A != Alias.end())
        return key(A->second.Kind == LocKind::This ? nullptr : A->second.Base,
                   LocKind::Deep, nullptr, false);
    }
    return key(VD, LocKind::Deep, nullptr, false);
  }

  /// The object a member function is called on.
  KeyResult objectKey(const Expr *Obj) {
    if (Obj->getType()->isPointerType())
      return pointeeKey(Obj, false);
    return lvalueKey(Obj);
  }

  // --- transfer ----------------------------------------------------------
  void store(KeyResult K, const OriginSet &Vals, const Stmt *S, Step Kind,
             std::string Target, std::string Callee = "") {
    if (K.K != KeyResult::Key)
      return;
    OriginSet New;
    for (unsigned O : Vals)
      addTo(New, derive(S, O, Kind, Target, Callee));
    State &St = *Cur;
    if (K.Strong) {
      if (!K.Loc.Field) {
        // The whole object is replaced: so are its fields.
        auto It = St.lower_bound(LocKey{K.Loc.Base, K.Loc.Kind, nullptr});
        while (It != St.end() && It->first.Base == K.Loc.Base &&
               It->first.Kind == K.Loc.Kind)
          It = St.erase(It);
      }
      if (New.empty())
        St.erase(K.Loc);
      else
        St[K.Loc] = std::move(New);
      return;
    }
    if (!New.empty())
      unionInto(St[K.Loc], New);
  }

  std::string targetName(const Expr *E) {
    const Expr *S = E->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(S))
      return "*this";
    return EC.sourceText(E);
  }

  void transferDecl(const DeclStmt *DS) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      const Expr *Init = VD->getInit();
      // Compiler-made variables (a range-for's __begin) make no useful note.
      std::string Name = VD->isImplicit() ? "" : VD->getNameAsString();
      if (VD->getType()->isReferenceType() && Init) {
        KeyResult K = lvalueKey(Init);
        if (K.K == KeyResult::Key && !VD->hasGlobalStorage()) {
          // A reference is another name for its target: stores through it
          // are stores into the target.
          Alias[VD] = K.Loc;
          AliasStrong[VD] = K.Strong;
          continue;
        }
        OriginSet O = addr(Init);
        unionInto(O, val(Init));
        store(key(VD, LocKind::Var, nullptr, true), O, DS, Step::Store, Name);
        continue;
      }
      // A pointer made to point to storage outside the block (`&r->f[i]`,
      // `&g`, a pointer loaded from below a parameter) is followed.
      if (Init && VD->getType()->isPointerType() && !VD->hasGlobalStorage() &&
          !isArena(val(Init))) {
        const Expr *I = Init->IgnoreParenCasts();
        KeyResult T;
        if (const auto *UO = dyn_cast<UnaryOperator>(I);
            UO && UO->getOpcode() == UO_AddrOf)
          T = lvalueKey(UO->getSubExpr());
        else if (!isa<DeclRefExpr>(I))
          T = deepKey(I);
        if (T.K == KeyResult::Key)
          PointsTo[VD] = T.Loc;
      }
      // Statics are initialised once; their initial value still outlives
      // every block.
      store(key(VD, LocKind::Var, nullptr, true),
            Init ? val(Init) : OriginSet(), DS, Step::Store, Name);
    }
  }

  void transferCall(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || EC.isAllocator(Callee))
      return;
    const Expr *Obj = nullptr;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      Obj = MC->getImplicitObjectArgument();
    } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
               !Args.empty()) {
      Obj = Args.front();
      Args = Args.drop_front();
    }
    std::string Name = Callee->getNameAsString();
    if (const FunctionModel *M = EC.configuredModel(Callee);
        M && !EC.isConfiguredKeeper(Callee)) {
      // Described by .bumper.yaml's Functions: it keeps what Keeps names
      // and nothing else, whatever its body or the general rules would say.
      std::string Keeper = Callee->getQualifiedNameAsString();
      for (unsigned I = 0; I < Args.size(); ++I)
        if (M->KeepsAll || llvm::is_contained(M->Keeps, I))
          store(key(Callee->getCanonicalDecl(), LocKind::Kept, nullptr, false),
                val(Args[I]), Call, Step::ConfigKeep, "", Keeper);
      return;
    }
    if (Obj && isa<CXXMethodDecl>(Callee) && Callee->getIdentifier()) {
      QualType ObjTy = Obj->getType();
      if (ObjTy->isPointerType())
        ObjTy = ObjTy->getPointeeType();
      if (isInsertionName(Name)) {
        if (!EC.canHoldPointer(ObjTy))
          return;
        OriginSet Vals;
        for (const Expr *A : Args)
          unionInto(Vals, val(A));
        std::string ObjName = targetName(Obj);
        // An insertion adds to what the container holds: a clean insert
        // after a tainted one does not take the taint out.
        KeyResult K = objectKey(Obj);
        K.Strong = false;
        store(K, Vals, Call, Step::Insert, ObjName, ObjName + "." + Name);
        return;
      }
      if (Name == "clear" || (Name == "reset" && Args.empty())) {
        KeyResult K = objectKey(Obj);
        if (K.K == KeyResult::Key) {
          K.Strong = true;
          K.Loc.Field = K.Loc.Kind == LocKind::This ? K.Loc.Field : nullptr;
          store(K, {}, Call, Step::Store, "");
        }
        return;
      }
    }
    if (EC.isConfiguredKeeper(Callee)) {
      // Named in .bumper.yaml's KeepsArgument: every argument is kept past
      // the call, as if the callee stored it into a global.
      std::string Keeper = Callee->getQualifiedNameAsString();
      for (const Expr *A : Args) {
        OriginSet Vals = val(A);
        if (Vals.empty())
          continue;
        store(key(Callee->getCanonicalDecl(), LocKind::Kept, nullptr, false),
              Vals, Call, Step::CallKeep, "", Keeper);
      }
      return;
    }
    int Kept = EC.libraryKeeps(Callee);
    if (Kept >= 0) {
      // The library model: putenv, setvbuf... keep an argument.
      if (unsigned(Kept) < Args.size())
        store(key(Callee->getCanonicalDecl(), LocKind::Kept, nullptr, false),
              val(Args[Kept]), Call, Step::LibraryKeep, "", Name);
      return;
    }
    if (EC.libraryEffect(Callee) != LibraryEffect::Unknown)
      return;
    const FunctionDecl *Def = nullptr;
    if (const Summary *S = calleeSummary(Callee, Args, Def)) {
      if (!S->keepsAnything())
        return;
      // Name a member call by its object, as written: 'g_cache.put'.
      if (Obj && !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
        Name = targetName(Obj) +
               (Obj->getType()->isPointerType() ? "->" : ".") + Name;
      unsigned N = std::min<unsigned>(Def->getNumParams(), Args.size());
      for (unsigned I = 0; I < N; ++I) {
        const ParamEffect &E = S->Params[I];
        if (!E.keeps())
          continue;
        OriginSet Vals = val(Args[I]);
        if (Def->getParamDecl(I)->getType()->isReferenceType())
          unionInto(Vals, addr(Args[I]));
        if (Vals.empty())
          continue;
        if (E.Global)
          store(key(Def, LocKind::Kept, nullptr, false), Vals, Call,
                Step::CallKeep, E.Where, Name);
        if (E.This && Obj)
          store(objectKey(Obj), Vals, Call, Step::CallKeep, targetName(Obj),
                Name);
        for (unsigned J : E.Through)
          if (J < N) {
            bool Ref = Def->getParamDecl(J)->getType()->isReferenceType();
            KeyResult K = Ref ? lvalueKey(Args[J]) : pointeeKey(Args[J], false);
            K.Strong = false;
            std::string T = targetName(Args[J]);
            store(K, Vals, Call, Step::CallKeep, Ref ? T : "*" + T, Name);
          }
      }
      return;
    }
    if (Sum && !Callee->hasBody() &&
        !SM.isInSystemHeader(Callee->getLocation()))
      recordForwards(Callee, Args);
    if (isStdFn(Callee, {"move", "forward", "as_const", "move_if_noexcept"}))
      return;
    // An unknown callee is assumed to only use its arguments, unless it
    // takes a container by non-const reference: then it may insert them.
    unsigned N = std::min<unsigned>(Callee->getNumParams(), Args.size());
    for (unsigned J = 0; J < N; ++J) {
      QualType PT = Callee->getParamDecl(J)->getType();
      if (!PT->isLValueReferenceType() ||
          PT.getNonReferenceType().isConstQualified() ||
          !hasInsertionMember(PT) || !EC.canHoldPointer(PT))
        continue;
      OriginSet Vals;
      for (unsigned I = 0; I < Args.size(); ++I)
        if (I != J)
          unionInto(Vals, val(Args[I]));
      if (Vals.empty())
        continue;
      KeyResult K = lvalueKey(Args[J]);
      K.Strong = false;
      store(K, Vals, Call, Step::Insert, targetName(Args[J]), Name);
    }
    if (SM.isInSystemHeader(Callee->getLocation()))
      return;
    // The scratch-buffer idiom: an unknown callee given a mutable buffer
    // (a non-const pointer) and an out-parameter (a non-const pointer or
    // reference to a class that can hold a pointer) may point the
    // out-parameter into the buffer: leveldb's Read(n, &result, scratch),
    // git's strbuf_attach(&sb, buf, ...).
    for (unsigned J = 0; J < N; ++J) {
      QualType PT = Callee->getParamDecl(J)->getType();
      QualType Out = PT->isPointerType()           ? PT->getPointeeType()
                     : PT->isLValueReferenceType() ? PT.getNonReferenceType()
                                                   : QualType();
      if (Out.isNull() || Out.isConstQualified() || !Out->isRecordType() ||
          hasInsertionMember(Out) || !EC.canHoldPointer(Out) ||
          EC.ownsPointees(Out))
        continue;
      OriginSet Vals;
      for (unsigned I = 0; I < N; ++I) {
        QualType IT = Callee->getParamDecl(I)->getType();
        if (I != J && IT->isPointerType() &&
            !IT->getPointeeType().isConstQualified() &&
            !IT->getPointeeType()->isRecordType())
          unionInto(Vals, val(Args[I]));
      }
      if (Vals.empty())
        continue;
      KeyResult K =
          PT->isPointerType() ? pointeeKey(Args[J], false) : lvalueKey(Args[J]);
      K.Strong = false;
      std::string T = targetName(Args[J]);
      store(K, Vals, Call, Step::CallKeep, PT->isPointerType() ? "*" + T : T,
            Name);
    }
  }

  /// A function the user wrote with a body here: its summary, not the
  /// assignment rule, says what an operator= does (Eigen's `dest = Map(p)`
  /// copies the elements).
  bool hasUserBody(const FunctionDecl *F) const {
    const FunctionDecl *Def = nullptr;
    return F && F->isUserProvided() && F->hasBody(Def) && Def &&
           !SM.isInSystemHeader(Def->getLocation()) &&
           !Def->isDependentContext();
  }

  void transferStmt(const Stmt *S, int Nest, bool Report) {
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      transferDecl(DS);
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->getOpcode() == BO_Assign)
        store(lvalueKey(BO->getLHS()), val(BO->getRHS()), BO, Step::Store,
              targetName(BO->getLHS()));
      return;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
          !hasUserBody(OC->getDirectCallee())) {
        // An object that cannot hold a pointer (a std::string) copies what
        // it is assigned.
        const Expr *L = OC->getArg(0);
        store(lvalueKey(L),
              EC.canHoldPointer(L->getType()) ? val(OC->getArg(1))
                                              : OriginSet(),
              OC, Step::Store, targetName(L));
        return;
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      transferCall(Call);
      return;
    }
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      const Expr *E = RS->getRetValue();
      if (!E || !Report)
        return;
      OriginSet O = val(E);
      if (FD->getReturnType()->isReferenceType())
        unionInto(O, addr(E));
      if (Sum) {
        for (unsigned X : O) {
          int P = Origins[root(X)].Param;
          if (P >= 0 && unsigned(P) < Sum->Returns.size())
            Sum->Returns.set(P);
        }
        return;
      }
      for (unsigned X : O)
        if (Nest >= 0 && Origins[X].Block >= 0 &&
            isActive(Origins[X].Block, Nest))
          reportEscape(X, RS,
                       Blocks[Origins[X].Block].IsFunction
                           ? "is returned from the no_escape function"
                           : "is returned from the no_escape block",
                       Fix::Return);
      return;
    }
    if (const auto *TE = dyn_cast<CXXThrowExpr>(S)) {
      if (!Report || Sum || !TE->getSubExpr())
        return;
      for (unsigned X : val(TE->getSubExpr()))
        if (Nest >= 0 && Origins[X].Block >= 0 &&
            isActive(Origins[X].Block, Nest))
          reportEscape(X, TE, "is thrown", Fix::Throw);
    }
  }

  // --- liveness ------------------------------------------------------------
  /// Sorts the uses of local variables once per function: DefRefs are the
  /// left-hand sides of plain assignments (a write, not a read); a variable
  /// used other than by being read, written or incremented (its address
  /// taken, bound to a reference, captured by reference, a member called on
  /// it) is Escaped, and its liveness is not trusted.
  void collectUses(const Stmt *S, llvm::DenseSet<const DeclRefExpr *> &Plain) {
    if (!S)
      return;
    auto Ref = [](const Expr *E) {
      return dyn_cast<DeclRefExpr>(E->IgnoreParens());
    };
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(S)) {
      if (ICE->getCastKind() == CK_LValueToRValue)
        if (const DeclRefExpr *D = Ref(ICE->getSubExpr()))
          Plain.insert(D);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        if (const DeclRefExpr *D = Ref(BO->getLHS())) {
          Plain.insert(D);
          if (BO->getOpcode() == BO_Assign)
            DefRefs.insert(D);
        }
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp())
        if (const DeclRefExpr *D = Ref(UO->getSubExpr()))
          Plain.insert(D);
    } else if (const auto *D = dyn_cast<DeclRefExpr>(S)) {
      if (!Plain.count(D))
        if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
          Escaped.insert(VD);
    }
    for (const Stmt *C : S->children())
      collectUses(C, Plain);
  }

  /// The local variable of \p K is dead at element \p Idx of \p Blk (null:
  /// the function's end): no path from there reads it before writing it.
  bool isDeadLocal(const LocKey &K, const CFGBlock *Blk, unsigned Idx) {
    if (K.Kind != LocKind::Var || !K.Base || !ADC)
      return false;
    const auto *VD = static_cast<const VarDecl *>(K.Base);
    if (!VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
        VD->getType()->isArrayType())
      return false;
    // A destructor that runs after the block may read it (not in the CFG).
    if (const auto *RD = VD->getType()->getAsCXXRecordDecl())
      if (RD->hasDefinition() && !RD->hasTrivialDestructor())
        return false;
    if (!UsesCollected) {
      llvm::DenseSet<const DeclRefExpr *> Plain;
      collectUses(Body, Plain);
      UsesCollected = true;
    }
    if (Escaped.count(VD))
      return false;
    if (!Blk)
      return true;
    // The rest of this CFG block, then clang's LiveVariables at its end.
    for (unsigned I = Idx; I < Blk->size(); ++I) {
      std::optional<CFGStmt> CS = (*Blk)[I].getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      if (const auto *D = dyn_cast<DeclRefExpr>(S)) {
        if (D->getDecl() == VD && !DefRefs.count(D))
          return false; // read
      } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->getOpcode() == BO_Assign)
          if (const auto *D =
                  dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
            if (D->getDecl() == VD)
              return true; // overwritten before any read
      }
    }
    if (!Live)
      Live = ADC->getAnalysis<LiveVariables>();
    return Live && !Live->isLive(Blk, VD);
  }

  /// Control is at a point inside block \p Nest (-1: outside every block):
  /// the facts of blocks that are no longer active are checked and dropped.
  /// \p Blk and \p Idx say where (Blk null: the function's end), for the
  /// liveness of the locals that hold those facts.
  void checkExits(int Nest, bool Report, const CFGBlock *Blk, unsigned Idx) {
    if (Sum)
      return;
    State &St = *Cur;
    for (auto It = St.begin(); It != St.end();) {
      OriginSet Keep;
      for (unsigned O : It->second) {
        int B = Origins[O].Block;
        if (B < 0 || isActive(B, Nest)) {
          Keep.push_back(O);
          continue;
        }
        if (Report && outlives(It->first, B) &&
            !isDeadLocal(It->first, Blk, Idx))
          reportStore(O);
      }
      if (Keep.empty()) {
        It = St.erase(It);
      } else {
        It->second = std::move(Keep);
        ++It;
      }
    }
  }

  void recordSummary() {
    for (const auto &[K, Set] : *Cur) {
      bool Global = false, This = false;
      int Through = -1;
      std::string Where;
      if (K.Kind == LocKind::This || (K.Kind == LocKind::Deep && !K.Base)) {
        This = true;
      } else if (K.Kind == LocKind::Kept) {
        Global = true;
      } else {
        const auto *VD = static_cast<const VarDecl *>(K.Base);
        if (VD->hasGlobalStorage()) {
          Global = true;
          Where = VD->getNameAsString();
        } else if (K.Kind == LocKind::Deref || K.Kind == LocKind::Deep) {
          if (const auto *PD = dyn_cast<ParmVarDecl>(VD))
            if (PD->getDeclContext() == FD)
              Through = PD->getFunctionScopeIndex();
        }
      }
      if (!Global && !This && Through < 0)
        continue;
      for (unsigned O : Set) {
        int P = Origins[root(O)].Param;
        if (P < 0 || unsigned(P) >= Sum->Params.size())
          continue;
        ParamEffect &E = Sum->Params[P];
        E.Global |= Global;
        E.This |= This;
        if (Through >= 0)
          E.addThrough(Through);
        if (E.Where.empty())
          E.Where = Where.empty() ? Origins[O].Target : Where;
        if (E.At.empty())
          E.At = EC.placeOf(Origins[O].S);
      }
    }
  }

  /// Summaries: the parameters passed to \p Callee, whose body is in another
  /// unit (SummaryIndex resolves them).
  void recordForwards(const FunctionDecl *Callee,
                      llvm::ArrayRef<const Expr *> Args) {
    std::string USR = EscapeContext::usrOf(Callee);
    if (USR.empty())
      return;
    for (unsigned J = 0; J < Args.size() && J < Callee->getNumParams(); ++J)
      for (unsigned O : val(Args[J]))
        if (int P = Origins[root(O)].Param; P >= 0)
          Sum->addForward(P, USR, J);
  }

  void transferBlock(const CFGBlock &B, bool Report) {
    for (unsigned I = 0; I < B.size(); ++I) {
      std::optional<CFGStmt> CS = B[I].getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      int Nest = nestOf(S);
      if (Nest != -2)
        checkExits(Nest, Report, &B, I);
      transferStmt(S, Nest, Report);
      // In a try body, a call (or a throw) may leave for the handlers with
      // what has been stored so far.
      if (ThrowAcc && (isa<CallExpr>(S) || isa<CXXConstructExpr>(S) ||
                       isa<CXXNewExpr>(S) || isa<CXXThrowExpr>(S)))
        joinInto(*ThrowAcc, *Cur);
    }
    // Loops jump back into a block through their terminator, which is
    // outside the block: the back edge ends the block.
    if (const Stmt *T = B.getTerminatorStmt()) {
      int Nest = nestOf(T);
      if (Nest != -2)
        checkExits(Nest, Report, &B, B.size());
    }
    if (B.getBlockID() == ExitID) {
      checkExits(-1, Report, nullptr, 0);
      if (Report && Sum)
        recordSummary();
    }
  }

  // --- diagnostics -------------------------------------------------------
  static constexpr const char *Subject =
      "pointer into arena memory allocated in this no_escape block ";

  void chainNotes(Finding &F, unsigned Last, bool IncludeLast, bool &Captured) {
    llvm::SmallVector<unsigned, 8> Chain;
    for (unsigned O = Last; O != NoParent; O = Origins[O].Parent)
      Chain.push_back(O);
    std::reverse(Chain.begin(), Chain.end());
    if (!IncludeLast)
      Chain.pop_back();
    unsigned LastLine = 0;
    for (unsigned O : Chain) {
      const Origin &Or = Origins[O];
      SourceLocation L = Or.S ? Or.S->getBeginLoc() : SourceLocation();
      if (L.isInvalid())
        continue;
      unsigned Line = SM.getExpansionLineNumber(L);
      switch (Or.Kind) {
      case Step::Alloc:
        EC.addNote(F, L, "allocated here");
        break;
      case Step::Capture:
        Captured = true;
        EC.addNote(F, L, "captured by the lambda here");
        break;
      case Step::Store:
      case Step::Insert:
      case Step::CallKeep:
      case Step::LibraryKeep:
      case Step::ConfigKeep:
        if (Line != LastLine && !Or.Target.empty())
          EC.addNote(F, L,
                     "derived value stored into '" + Or.Target + "' here");
        break;
      case Step::Param:
        break;
      }
      LastLine = Line;
    }
  }

  /// How a finding is fixed, by the way the value leaves.
  enum class Fix { Store, Insert, Call, Return, Throw };

  static const char *fixText(Fix K, bool Captured) {
    if (Captured)
      return "to fix: capture copies of the values, not the pointer, or call "
             "the lambda only inside the block";
    switch (K) {
    case Fix::Store:
      return "to fix: copy the data out before the block ends, or allocate it "
             "outside the block";
    case Fix::Insert:
      return "to fix: keep values, not pointers, in the container, or clear "
             "it before the block ends";
    case Fix::Call:
      return "to fix: pass a copy that the callee may keep, or allocate the "
             "data outside the block";
    case Fix::Return:
      return "to fix: return the data by value (a copy), or move the block to "
             "the caller";
    case Fix::Throw:
      return "to fix: throw a value that owns a copy of the data";
    }
    return "";
  }

  void finish(Finding F, unsigned O, SourceLocation At, std::string How,
              bool Captured, Fix K) {
    int B = Origins[O].Block;
    F.Message = Subject;
    if (Captured)
      F.Message += "is captured by a lambda that escapes: the lambda ";
    F.Message += How;
    EC.addNote(F, Blocks[B].Body->getRBracLoc(),
               "block ends here; its memory is reset");
    // The last note says how to fix it, at the reported statement.
    F.Notes.push_back(
        {EC.Ctx.getSourceManager().getExpansionLoc(At), fixText(K, Captured)});
    EC.emit(std::move(F), At);
  }

  void reportStore(unsigned O) {
    const Origin &Or = Origins[O];
    Finding F{Check::Escape, SourceLocation(), "", {}, {}};
    bool Captured = false;
    for (unsigned X = Or.Parent; X != NoParent; X = Origins[X].Parent)
      Captured |= Origins[X].Kind == Step::Capture;
    chainNotes(F, O, false, Captured);
    std::string How;
    switch (Or.Kind) {
    case Step::Insert:
      How = "is kept by '" + Or.Callee + "', and '" + Or.Target +
            "' outlives the block";
      break;
    case Step::LibraryKeep:
      How = "is passed to '" + Or.Callee +
            "', which keeps it past the call (the library model)";
      break;
    case Step::ConfigKeep:
      How = "is passed to '" + Or.Callee +
            "', which keeps it past the call (Functions in the configuration)";
      break;
    case Step::CallKeep:
      How = Or.Target.empty()
                ? "is passed to '" + Or.Callee +
                      "', which keeps its arguments (KeepsArgument in the "
                      "configuration)"
                : "is passed to '" + Or.Callee + "', which stores it into '" +
                      Or.Target + "', which outlives the block";
      break;
    default:
      How = "is stored into '" + Or.Target + "', which outlives the block";
      break;
    }
    Fix K = Or.Kind == Step::Insert ? Fix::Insert
            : Or.Kind == Step::CallKeep || Or.Kind == Step::LibraryKeep ||
                    Or.Kind == Step::ConfigKeep
                ? Fix::Call
                : Fix::Store;
    if (Or.Kind == Step::CallKeep)
      EC.addExternalNote(F, Or.S, Or.Target);
    finish(std::move(F), O, Or.S->getBeginLoc(), How, Captured, K);
  }

  /// The iteration cap of run() was reached. A summary then says that the
  /// result may come from every parameter; a function with blocks gets one
  /// finding that names it, in place of the findings of its blocks.
  void reportNotConverged() {
    if (Sum) {
      Sum->Returns.set();
      return;
    }
    std::string Name = FD->getNameAsString();
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
        M && M->getParent()->isLambda())
      Name = "lambda";
    Finding F{Check::Escape, SourceLocation(), "", {}, {}};
    F.Message = "escape analysis of '" + Name +
                "' stopped at its iteration cap before reaching a fixpoint; "
                "its no_escape blocks are not checked";
    EC.addNote(F, FD->getLocation(), "function '" + Name + "' is here");
    F.Notes.push_back(
        {EC.Ctx.getSourceManager().getExpansionLoc(
             Blocks[0].Body->getLBracLoc()),
         "to fix: split the function so that each part has fewer paths "
         "between its variables"});
    EC.emit(std::move(F), Blocks[0].Body->getLBracLoc());
  }

  void reportEscape(unsigned O, const Stmt *At, const char *How, Fix K) {
    Finding F{Check::Escape, SourceLocation(), "", {}, {}};
    bool Captured = false;
    chainNotes(F, O, true, Captured);
    finish(std::move(F), O, At->getBeginLoc(), How, Captured, K);
  }

  EscapeContext &EC;
  const SourceManager &SM;
  const FunctionDecl *FD;
  const Stmt *Body;
  llvm::ArrayRef<BlockInfo> Blocks;
  Summary *Sum;
  /// Parameters bound to constants (summaryFor): branches they decide are
  /// followed one way only.
  const ConstantArgs *Bound;

  std::vector<Origin> Origins;
  llvm::DenseMap<std::pair<const void *, uint64_t>, unsigned> Memo;
  llvm::DenseMap<const Stmt *, int> NestCache;
  llvm::DenseMap<const VarDecl *, LocKey> Alias;
  llvm::DenseMap<const VarDecl *, bool> AliasStrong;
  /// Liveness (isDeadLocal): the CFG's context, its LiveVariables (computed
  /// when first needed), and the uses of the function's variables.
  AnalysisDeclContext *ADC = nullptr;
  LiveVariables *Live = nullptr;
  bool UsesCollected = false;
  llvm::DenseSet<const DeclRefExpr *> DefRefs;
  llvm::DenseSet<const VarDecl *> Escaped;
  /// Pointers known to point into a location (transferDecl).
  llvm::DenseMap<const VarDecl *, LocKey> PointsTo;
  State *Cur = nullptr;
  unsigned ExitID = 0;
  /// The try-dispatch blocks (whose successors are the catch handlers) that
  /// each block of a try body may throw to, by block ID.
  llvm::DenseMap<unsigned, llvm::SmallVector<const CFGBlock *, 1>> Handlers;
  /// While a block of a try body is transferred: the join of the states
  /// after each of its statements that may throw.
  State *ThrowAcc = nullptr;
};

void Analysis::collectHandlers(const CFG &G) {
  // The CFG is built without exception edges (they would split every block
  // at every call), so a catch handler has no predecessor: each block of a
  // try body reaches its handlers with the state after each of its calls.
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
  if (!Bound || B.succ_size() != 2 ||
      isa_and_nonnull<SwitchStmt>(B.getTerminatorStmt()))
    return nullptr;
  const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  if (!Cond)
    return nullptr;
  std::optional<int64_t> V = foldWithConstants(EC.Ctx, Cond, FD, Bound);
  if (!V)
    return nullptr;
  return *(B.succ_begin() + (*V ? 0 : 1));
}

void Analysis::run() {
  // The CFG comes from an AnalysisDeclContext so that LiveVariables runs on
  // the same one (its block pointers answer isDeadLocal).
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  AnalysisDeclContextManager Mgr(EC.Ctx);
  Mgr.getCFGBuildOptions() = Opts;
  AnalysisDeclContext *Ctx = Mgr.getContext(FD);
  CFG *G = nullptr;
  std::unique_ptr<CFG> Own;
  if (Ctx->getBody() == Body) {
    G = Ctx->getCFG();
    if (!Sum)
      ADC = Ctx;
  } else {
    Own = CFG::buildCFG(FD, const_cast<Stmt *>(Body), &EC.Ctx, Opts);
    G = Own.get();
  }
  if (!G)
    return;
  ExitID = G->getExit().getBlockID();
  std::vector<std::optional<State>> In(G->getNumBlockIDs());
  State Init;
  if (Sum) {
    // Summaries: each parameter is an origin of its own.
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      Origin O;
      O.Parent = NoParent;
      O.Kind = Step::Param;
      O.Param = I;
      Origins.push_back(O);
      Init[LocKey{FD->getParamDecl(I), LocKind::Var, nullptr}] = {
          unsigned(Origins.size() - 1)};
    }
  }
  collectHandlers(*G);
  const CFGBlock &Entry = G->getEntry();
  In[Entry.getBlockID()] = std::move(Init);
  std::deque<const CFGBlock *> Work{&Entry};
  llvm::BitVector Queued(G->getNumBlockIDs());
  Queued.set(Entry.getBlockID());
  // Strong updates and unions over finite origin chains converge; the cap is
  // a guard against pathological inputs, not part of the semantics.
  unsigned Budget = 40 * G->getNumBlockIDs() + 100;
  while (!Work.empty() && Budget-- > 0) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    Queued.reset(B->getBlockID());
    State St = *In[B->getBlockID()];
    Cur = &St;
    // A block of a try body: the states after its calls reach the handlers.
    auto H = Handlers.find(B->getBlockID());
    State Thrown;
    ThrowAcc = H != Handlers.end() ? &Thrown : nullptr;
    transferBlock(*B, false);
    ThrowAcc = nullptr;
    if (H != Handlers.end())
      for (const CFGBlock *Dispatch : H->second) {
        std::optional<State> &DIn = In[Dispatch->getBlockID()];
        bool Changed = true;
        if (!DIn)
          DIn = Thrown;
        else
          Changed = joinInto(*DIn, Thrown);
        if (Changed && !Queued.test(Dispatch->getBlockID())) {
          Queued.set(Dispatch->getBlockID());
          Work.push_back(Dispatch);
        }
      }
    llvm::SmallVector<const CFGBlock *, 2> Succs;
    for (const CFGBlock *Succ : B->succs())
      if (Succ)
        Succs.push_back(Succ);
    if (const CFGBlock *Taken = constantBranch(*B))
      Succs.assign(1, Taken);
    for (size_t I = 0; I < Succs.size(); ++I) {
      const CFGBlock *Succ = Succs[I];
      std::optional<State> &SIn = In[Succ->getBlockID()];
      bool Changed = true;
      if (!SIn) // The block's state is not needed after its last successor.
        SIn = I + 1 == Succs.size() ? std::move(St) : St;
      else
        Changed = joinInto(*SIn, St);
      if (Changed && !Queued.test(Succ->getBlockID())) {
        Queued.set(Succ->getBlockID());
        Work.push_back(Succ);
      }
    }
  }
  if (!Work.empty()) {
    // The cap was reached: the state is not a fixpoint, and reporting from
    // it could both miss escapes and report false ones. Say so instead.
    reportNotConverged();
    return;
  }
  // Report from the fixpoint only: a pass over every reachable block.
  for (const CFGBlock *B : *G) {
    if (!B || !In[B->getBlockID()])
      continue;
    State St = std::move(*In[B->getBlockID()]);
    Cur = &St;
    transferBlock(*B, true);
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
