//===- EscapeTransfer.cpp - Transfer functions of the escape analysis -----===//
//
// What each CFG element does to the state: a declaration or an assignment
// stores its value (replacing it: a strong update, where the location is one
// object), a call stores what the callee keeps, a return or a throw from a
// block is reported where it happens. Stores into storage that outlives a
// block are not escapes by themselves: the fact is checked when control
// leaves the block (the first CFG element outside it), so a store that is
// overwritten or cleared before the block ends, or held by a local that is
// never read again, is not reported.
//
//===----------------------------------------------------------------------===//

#include "EscapeEngine.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace bumper {
namespace escape {

// --- liveness --------------------------------------------------------------

void LocalLiveness::collectUses(const Stmt *S,
                                llvm::DenseSet<const DeclRefExpr *> &Plain) {
  // DefRefs are the left-hand sides of plain assignments (a write, not a
  // read); a variable used other than by being read, written or incremented
  // (its address taken, bound to a reference, captured by reference, a
  // member called on it) is Escaped, and its liveness is not trusted.
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

bool LocalLiveness::isDeadLocal(const LocKey &K, const CFGBlock *Blk,
                                unsigned Idx) {
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
        if (const auto *D = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
          if (D->getDecl() == VD)
            return true; // overwritten before any read
    }
  }
  if (!Live)
    Live = ADC->getAnalysis<LiveVariables>();
  return Live && !Live->isLive(Blk, VD);
}

// --- stores ----------------------------------------------------------------

void Transfer::store(KeyResult K, const OriginSet &Vals, const Stmt *S,
                     Step Kind, std::string Target, std::string Callee) {
  if (K.K != KeyResult::Key)
    return;
  OriginSet New;
  for (unsigned O : Vals)
    addTo(New, OT.derive(S, O, Kind, Target, Callee));
  State &St = *Facts.Cur;
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

void Transfer::transferDecl(const DeclStmt *DS) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      continue;
    const Expr *Init = VD->getInit();
    // Compiler-made variables (a range-for's __begin) make no useful note.
    std::string Name = VD->isImplicit() ? "" : VD->getNameAsString();
    if (VD->getType()->isReferenceType() && Init) {
      KeyResult K = Eval.lvalueKey(Init);
      if (K.K == KeyResult::Key && !VD->hasGlobalStorage()) {
        // A reference is another name for its target: stores through it
        // are stores into the target.
        Facts.Alias[VD] = K.Loc;
        Facts.AliasStrong[VD] = K.Strong;
        continue;
      }
      OriginSet O = Eval.addr(Init);
      unionInto(O, Eval.val(Init));
      store(locationKey(VD, LocKind::Var, nullptr, true), O, DS, Step::Store,
            Name);
      continue;
    }
    // A pointer made to point to storage outside the block (`&r->f[i]`,
    // `&g`, a pointer loaded from below a parameter) is followed.
    if (Init && VD->getType()->isPointerType() && !VD->hasGlobalStorage() &&
        !OT.isArena(Eval.val(Init))) {
      const Expr *I = Init->IgnoreParenCasts();
      KeyResult T;
      if (const auto *UO = dyn_cast<UnaryOperator>(I);
          UO && UO->getOpcode() == UO_AddrOf)
        T = Eval.lvalueKey(UO->getSubExpr());
      else if (!isa<DeclRefExpr>(I))
        T = Eval.deepKey(I);
      if (T.K == KeyResult::Key)
        Facts.PointsTo[VD] = T.Loc;
    }
    // Statics are initialised once; their initial value still outlives
    // every block.
    store(locationKey(VD, LocKind::Var, nullptr, true),
          Init ? Eval.val(Init) : OriginSet(), DS, Step::Store, Name);
  }
}

void Transfer::transferCall(const CallExpr *Call) {
  EscapeContext &EC = Run.EC;
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
  KeyResult Kept =
      locationKey(Callee->getCanonicalDecl(), LocKind::Kept, nullptr, false);
  if (const FunctionModel *M = EC.configuredModel(Callee);
      M && !EC.isConfiguredKeeper(Callee)) {
    // Described by .bumper.yaml's Functions: it keeps what Keeps names and
    // nothing else, whatever its body or the general rules would say.
    std::string Keeper = Callee->getQualifiedNameAsString();
    for (unsigned I = 0; I < Args.size(); ++I)
      if (M->KeepsAll || llvm::is_contained(M->Keeps, I))
        store(Kept, Eval.val(Args[I]), Call, Step::ConfigKeep, "", Keeper);
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
        unionInto(Vals, Eval.val(A));
      std::string ObjName = Eval.targetName(Obj);
      // An insertion adds to what the container holds: a clean insert after
      // a tainted one does not take the taint out.
      KeyResult K = Eval.objectKey(Obj);
      K.Strong = false;
      store(K, Vals, Call, Step::Insert, ObjName, ObjName + "." + Name);
      return;
    }
    if (Name == "clear" || (Name == "reset" && Args.empty())) {
      KeyResult K = Eval.objectKey(Obj);
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
      OriginSet Vals = Eval.val(A);
      if (!Vals.empty())
        store(Kept, Vals, Call, Step::CallKeep, "", Keeper);
    }
    return;
  }
  int KeptArg = EC.libraryKeeps(Callee);
  if (KeptArg >= 0) {
    // The library model: putenv, setvbuf... keep an argument.
    if (unsigned(KeptArg) < Args.size())
      store(Kept, Eval.val(Args[KeptArg]), Call, Step::LibraryKeep, "", Name);
    return;
  }
  if (EC.libraryEffect(Callee) != LibraryEffect::Unknown)
    return;
  if (applySummary(Call, Callee, Obj, Args, Name))
    return;
  if (Run.Sum && !Callee->hasBody() &&
      !Run.SM.isInSystemHeader(Callee->getLocation()))
    recordForwards(Callee, Args);
  if (isStdFn(Callee, {"move", "forward", "as_const", "move_if_noexcept"}))
    return;
  // An unknown callee is assumed to only use its arguments, unless it takes
  // a container by non-const reference: then it may insert them.
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
        unionInto(Vals, Eval.val(Args[I]));
    if (Vals.empty())
      continue;
    KeyResult K = Eval.lvalueKey(Args[J]);
    K.Strong = false;
    store(K, Vals, Call, Step::Insert, Eval.targetName(Args[J]), Name);
  }
  if (Run.SM.isInSystemHeader(Callee->getLocation()))
    return;
  // The scratch-buffer idiom: an unknown callee given a mutable buffer (a
  // non-const pointer) and an out-parameter (a non-const pointer or
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
        unionInto(Vals, Eval.val(Args[I]));
    }
    if (Vals.empty())
      continue;
    KeyResult K = PT->isPointerType() ? Eval.pointeeKey(Args[J], false)
                                      : Eval.lvalueKey(Args[J]);
    K.Strong = false;
    std::string T = Eval.targetName(Args[J]);
    store(K, Vals, Call, Step::CallKeep, PT->isPointerType() ? "*" + T : T,
          Name);
  }
}

bool Transfer::hasUserBody(const FunctionDecl *F) const {
  // A function the user wrote with a body here: its summary, not the
  // assignment rule, says what an operator= does (Eigen's `dest = Map(p)`
  // copies the elements).
  const FunctionDecl *Def = nullptr;
  return F && F->isUserProvided() && F->hasBody(Def) && Def &&
         !Run.SM.isInSystemHeader(Def->getLocation()) &&
         !Def->isDependentContext();
}

void Transfer::transferStmt(const Stmt *S, int At, bool Report) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    transferDecl(DS);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      store(Eval.lvalueKey(BO->getLHS()), Eval.val(BO->getRHS()), BO,
            Step::Store, Eval.targetName(BO->getLHS()));
    return;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
        !hasUserBody(OC->getDirectCallee())) {
      // An object that cannot hold a pointer (a std::string) copies what it
      // is assigned.
      const Expr *L = OC->getArg(0);
      store(Eval.lvalueKey(L),
            Run.EC.canHoldPointer(L->getType()) ? Eval.val(OC->getArg(1))
                                                : OriginSet(),
            OC, Step::Store, Eval.targetName(L));
      return;
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    transferCall(Call);
    return;
  }
  // Returns and throws from a block are reported where they happen (on the
  // pass over the fixpoint).
  auto Leaves = [&](unsigned X) {
    return At >= 0 && OT[X].Block >= 0 && Nest.isActive(OT[X].Block, At);
  };
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    const Expr *E = RS->getRetValue();
    if (!E || !Report)
      return;
    OriginSet O = Eval.val(E);
    if (Run.FD->getReturnType()->isReferenceType())
      unionInto(O, Eval.addr(E));
    if (Run.Sum) {
      for (unsigned X : O) {
        int P = OT[OT.root(X)].Param;
        if (P >= 0 && unsigned(P) < Run.Sum->Returns.size())
          Run.Sum->Returns.set(P);
      }
      return;
    }
    for (unsigned X : O)
      if (Leaves(X))
        Rep.reportEscape(X, RS,
                         Nest[OT[X].Block].IsFunction
                             ? "is returned from the no_escape function"
                             : "is returned from the no_escape block",
                         Fix::Return);
    return;
  }
  if (const auto *TE = dyn_cast<CXXThrowExpr>(S)) {
    if (!Report || Run.Sum || !TE->getSubExpr())
      return;
    for (unsigned X : Eval.val(TE->getSubExpr()))
      if (Leaves(X))
        Rep.reportEscape(X, TE, "is thrown", Fix::Throw);
  }
}

void Transfer::checkExits(int At, bool Report, const CFGBlock *Blk,
                          unsigned Idx) {
  // Blk and Idx say where (Blk null: the function's end), for the liveness
  // of the locals that hold the facts.
  if (Run.Sum)
    return;
  State &St = *Facts.Cur;
  for (auto It = St.begin(); It != St.end();) {
    OriginSet Keep;
    for (unsigned O : It->second) {
      int B = OT[O].Block;
      if (B < 0 || Nest.isActive(B, At)) {
        Keep.push_back(O);
        continue;
      }
      if (Report && Nest.outlives(It->first, B) &&
          !Liveness.isDeadLocal(It->first, Blk, Idx))
        Rep.reportStore(O);
    }
    if (Keep.empty()) {
      It = St.erase(It);
    } else {
      It->second = std::move(Keep);
      ++It;
    }
  }
}

void Transfer::transferBlock(const CFGBlock &B, bool Report) {
  for (unsigned I = 0; I < B.size(); ++I) {
    std::optional<CFGStmt> CS = B[I].getAs<CFGStmt>();
    if (!CS)
      continue;
    const Stmt *S = CS->getStmt();
    int At = Nest.nestOf(S);
    if (At != -2)
      checkExits(At, Report, &B, I);
    transferStmt(S, At, Report);
    // In a try body, a call (or a throw) may leave for the handlers with
    // what has been stored so far.
    if (ThrowAcc && (isa<CallExpr>(S) || isa<CXXConstructExpr>(S) ||
                     isa<CXXNewExpr>(S) || isa<CXXThrowExpr>(S)))
      joinInto(*ThrowAcc, *Facts.Cur);
  }
  // Loops jump back into a block through their terminator, which is outside
  // the block: the back edge ends the block.
  if (const Stmt *T = B.getTerminatorStmt()) {
    int At = Nest.nestOf(T);
    if (At != -2)
      checkExits(At, Report, &B, B.size());
  }
  if (B.getBlockID() == ExitID) {
    checkExits(-1, Report, nullptr, 0);
    if (Report && Run.Sum)
      recordSummary();
  }
}

} // namespace escape
} // namespace bumper
