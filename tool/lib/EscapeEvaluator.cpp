//===- EscapeEvaluator.cpp - Expressions in the escape analysis -----------===//
//
// What an expression evaluates to in the current state: the origins its
// value may hold (the visitor, one case per kind of expression), the arena
// memory its storage may be part of (addr), and the location it names, which
// a store writes (lvalueKey and the keys below it). Calls are evaluated by
// the library model, the configuration, the callee's summary, or else as
// derived from every argument.
//
//===----------------------------------------------------------------------===//

#include "EscapeEngine.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace bumper {
namespace escape {

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

/// If \p Base is an array decayed to a pointer, the array.
static const Expr *decayedArray(const Expr *Base) {
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Base->IgnoreParens()))
    if (ICE->getCastKind() == CK_ArrayToPointerDecay)
      return ICE->getSubExpr();
  return nullptr;
}

// --- reading the state ---------------------------------------------------

OriginSet Evaluator::readPrefix(const void *Base, LocKind Kind) const {
  OriginSet R;
  for (auto It = Facts.Cur->lower_bound(LocKey{Base, Kind, nullptr});
       It != Facts.Cur->end() && It->first.Base == Base &&
       It->first.Kind == Kind;
       ++It)
    unionInto(R, It->second);
  return R;
}

OriginSet Evaluator::readExact(const LocKey &K) const {
  auto It = Facts.Cur->find(K);
  return It == Facts.Cur->end() ? OriginSet() : It->second;
}

OriginSet Evaluator::readField(const void *Base, LocKind Kind,
                               const FieldDecl *F) const {
  OriginSet R = readExact(LocKey{Base, Kind, F});
  unionInto(R, readExact(LocKey{Base, Kind, nullptr}));
  return R;
}

OriginSet Evaluator::readKey(const LocKey &K) const {
  return K.Field ? readField(K.Base, K.Kind, K.Field)
                 : readPrefix(K.Base, K.Kind);
}

OriginSet Evaluator::readDecl(const ValueDecl *D) {
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
  auto It = Facts.Alias.find(VD);
  if (It != Facts.Alias.end())
    return readKey(It->second);
  return readPrefix(VD, LocKind::Var);
}

OriginSet Evaluator::readDeref(const Expr *P) {
  if (OT.isArena(val(P)))
    return {}; // what the arena holds is not tracked
  KeyResult K = pointeeKey(P, false);
  return K.K == KeyResult::Key ? readKey(K.Loc) : OriginSet();
}

// --- values --------------------------------------------------------------

OriginSet Evaluator::val(const Expr *E) {
  if (!E)
    return {};
  E = E->IgnoreParens();
  OriginSet R = Visit(E);
  if (!R.empty() && !E->getType()->isVoidType() &&
      !Run.EC.canHoldPointer(E->getType()))
    R.clear();
  return R;
}

OriginSet Evaluator::VisitDeclRefExpr(const DeclRefExpr *E) {
  return readDecl(E->getDecl());
}

OriginSet Evaluator::VisitMemberExpr(const MemberExpr *ME) {
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
    if (OT.isArena(val(Base)))
      return {};
    KeyResult K = pointeeKey(Base, false);
    if (K.K != KeyResult::Key)
      return {};
    return K.Loc.Field ? readKey(K.Loc) : readField(K.Loc.Base, K.Loc.Kind, F);
  }
  KeyResult K = lvalueKey(Base);
  if (K.K == KeyResult::Arena)
    return {};
  if (K.K == KeyResult::Key)
    return K.Loc.Field ? readKey(K.Loc) : readField(K.Loc.Base, K.Loc.Kind, F);
  return val(Base);
}

OriginSet Evaluator::VisitUnaryOperator(const UnaryOperator *UO) {
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

OriginSet Evaluator::VisitArraySubscriptExpr(const ArraySubscriptExpr *AS) {
  if (const Expr *Arr = decayedArray(AS->getBase()))
    return val(Arr);
  return readDeref(AS->getBase());
}

OriginSet Evaluator::VisitBinaryOperator(const BinaryOperator *BO) {
  switch (BO->getOpcode()) {
  case BO_Assign:
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

OriginSet Evaluator::VisitAbstractConditionalOperator(
    const AbstractConditionalOperator *CO) {
  if (std::optional<int64_t> C = boundCondition(CO))
    return val(*C ? CO->getTrueExpr() : CO->getFalseExpr());
  OriginSet R = val(CO->getTrueExpr());
  unionInto(R, val(CO->getFalseExpr()));
  return R;
}

OriginSet Evaluator::VisitCastExpr(const CastExpr *CE) {
  if (CE->getCastKind() == CK_ArrayToPointerDecay)
    return addr(CE->getSubExpr());
  if (CE->getCastKind() == CK_FunctionToPointerDecay)
    return {};
  return val(CE->getSubExpr());
}

OriginSet Evaluator::VisitCXXConstructExpr(const CXXConstructExpr *CC) {
  // The standard exceptions copy their message; a class that owns what it
  // points to, built by a constructor with no body here (a Status from a
  // message), holds its own copy.
  EscapeContext &EC = Run.EC;
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

/// An aggregate holds what each of its initialisers holds.
static OriginSet valOfEach(Evaluator &Eval, llvm::ArrayRef<Expr *> Inits) {
  OriginSet R;
  for (const Expr *I : Inits)
    unionInto(R, Eval.val(I));
  return R;
}

OriginSet Evaluator::VisitInitListExpr(const InitListExpr *IL) {
  return valOfEach(*this, IL->inits());
}

OriginSet Evaluator::VisitCXXParenListInitExpr(const CXXParenListInitExpr *PL) {
  return valOfEach(*this, PL->getInitExprs());
}

OriginSet Evaluator::VisitLambdaExpr(const LambdaExpr *LE) {
  OriginSet R;
  for (const Expr *I : LE->capture_inits())
    for (unsigned O : val(I))
      addTo(R, OT.derive(LE, O, Step::Capture));
  return R;
}

OriginSet Evaluator::VisitCXXNewExpr(const CXXNewExpr *NE) {
  // A heap object built from the value holds it; so does its pointer.
  if (const Expr *Init = NE->getInitializer())
    return val(Init);
  return {};
}

OriginSet
Evaluator::VisitMaterializeTemporaryExpr(const MaterializeTemporaryExpr *MT) {
  return val(MT->getSubExpr());
}

OriginSet Evaluator::VisitCXXBindTemporaryExpr(const CXXBindTemporaryExpr *BT) {
  return val(BT->getSubExpr());
}

OriginSet Evaluator::VisitFullExpr(const FullExpr *FE) {
  return val(FE->getSubExpr());
}

OriginSet Evaluator::VisitCXXDefaultArgExpr(const CXXDefaultArgExpr *DA) {
  return val(DA->getExpr());
}

OriginSet Evaluator::VisitCXXDefaultInitExpr(const CXXDefaultInitExpr *DI) {
  return val(DI->getExpr());
}

OriginSet
Evaluator::VisitCXXStdInitializerListExpr(const CXXStdInitializerListExpr *SI) {
  return val(SI->getSubExpr());
}

OriginSet Evaluator::VisitOpaqueValueExpr(const OpaqueValueExpr *OV) {
  return val(OV->getSourceExpr());
}

OriginSet Evaluator::VisitSubstNonTypeTemplateParmExpr(
    const SubstNonTypeTemplateParmExpr *ST) {
  return val(ST->getReplacement());
}

OriginSet Evaluator::VisitCallExpr(const CallExpr *Call) {
  EscapeContext &EC = Run.EC;
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
  if (!S && Callee && !Callee->hasBody() && EC.ownsPointees(Call->getType())) {
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
      R = OT.withoutArena(val(Obj));
    else
      R = argVal(Obj);
  }
  // A standard container's member returns what the container holds, or an
  // iterator or reference into it, whatever its arguments: the iterator of
  // find(scratch_key) is not scratch (optional's value_or may return its
  // argument).
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

std::optional<int64_t>
Evaluator::boundCondition(const AbstractConditionalOperator *CO) const {
  if (!Run.Bound || !isa<ConditionalOperator>(CO))
    return std::nullopt;
  return foldWithConstants(Run.EC.Ctx, CO->getCond(), Run.FD, Run.Bound);
}

llvm::ArrayRef<const Expr *> Evaluator::callArguments(const CallExpr *Call) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()) && !Args.empty())
    Args = Args.drop_front();
  return Args;
}

const Expr *Evaluator::objectArgument(const CallExpr *Call) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    return MC->getImplicitObjectArgument();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
    if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()) &&
        OC->getNumArgs() > 0)
      return OC->getArg(0);
  return nullptr;
}

OriginSet Evaluator::argVal(const Expr *A) {
  OriginSet R = val(A);
  if (!Run.EC.ArenaVars.empty() &&
      (Run.EC.isOwningContainer(A->getType()) || isArenaVar(A)))
    unionInto(R, addr(A));
  return R;
}

bool Evaluator::isArenaVar(const Expr *E) const {
  // A std::unique_ptr<T[]> (or a container) whose array is taken as arena
  // memory: get() and [] point into it.
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && Run.EC.ArenaVars.count(VD);
}

OriginSet Evaluator::arenaVarOrigin(const VarDecl *VD) {
  // An allocation of the innermost block around the variable.
  const Stmt *S = VD->getInit();
  int B = S ? Nest.nestOf(S) : -1;
  if (B < 0)
    return {};
  return {OT.allocationOrigin(S, B)};
}

OriginSet Evaluator::allocOrigin(const CallExpr *Call) {
  int B = Nest.nestOf(Call);
  if (B < 0)
    return {};
  const Expr *Buf = Run.EC.bufferArgument(Call);
  std::string Spelling =
      Buf ? EscapeContext::normalizeBuffer(Run.EC.sourceText(Buf)) : "";
  // The allocation belongs to the innermost active block that resets its
  // buffer; a buffer no active block resets is never reset here.
  for (; B >= 0; B = Nest[B].Parent)
    if (Nest[B].Buffer == Spelling)
      return {OT.allocationOrigin(Call, B)};
  return {};
}

OriginSet Evaluator::addr(const Expr *E) {
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
    if (VD && VD->getType()->isReferenceType() && !Facts.Alias.count(VD))
      return readPrefix(VD, LocKind::Var);
    if (VD && Run.EC.ArenaVars.count(VD))
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
    // object itself for owning containers, else where the argument (a span,
    // a pointer, an iterator) points.
    OriginSet R;
    auto Add = [&](const Expr *A) {
      if (isa<CXXThisExpr>(A->IgnoreParenImpCasts()))
        return;
      if (Run.EC.isOwningContainer(A->getType()) || isArenaVar(A))
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

// --- locations -----------------------------------------------------------

KeyResult Evaluator::lvalueKey(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl())) {
      if (const auto *Dec = BD->getDecomposedDecl())
        return locationKey(Dec, LocKind::Var, nullptr, false);
      return {};
    }
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return {};
    if (Run.EC.ArenaVars.count(VD))
      return arenaKey();
    if (VD->getType()->isReferenceType()) {
      auto It = Facts.Alias.find(VD);
      if (It != Facts.Alias.end())
        return locationKey(It->second.Base, It->second.Kind, It->second.Field,
                           Facts.AliasStrong.lookup(VD));
      if (OT.isArena(readPrefix(VD, LocKind::Var)))
        return arenaKey();
      return locationKey(VD, LocKind::Deref, nullptr, true);
    }
    return locationKey(VD, LocKind::Var, nullptr,
                       !VD->getType()->isArrayType());
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return locationKey(VD, LocKind::Var, nullptr, true);
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return {};
    KeyResult K;
    if (ME->isArrow()) {
      const Expr *B = ME->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(B))
        return locationKey(nullptr, LocKind::This, F, true);
      if (OT.isArena(val(ME->getBase())))
        return arenaKey();
      K = pointeeKey(ME->getBase(), true);
    } else {
      K = lvalueKey(ME->getBase());
    }
    if (K.K != KeyResult::Key)
      return K;
    if (K.Loc.Field) // deeper member chains: the first field stands for all
      return locationKey(K.Loc.Base, K.Loc.Kind, K.Loc.Field, false);
    return locationKey(K.Loc.Base, K.Loc.Kind, F, K.Strong);
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
    // v[i], m[k], v.front(), *it, opt.value(), std::get<0>(t): an element of
    // the object. Writing into a view's element writes arena memory.
    if (OT.isArena(addr(Call)))
      return arenaKey();
    const Expr *Obj = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Obj = MC->getImplicitObjectArgument();
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

KeyResult Evaluator::pointeeKey(const Expr *P, bool Strong) {
  if (OT.isArena(val(P)))
    return arenaKey();
  const Expr *S = P->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->getOpcode() == UO_AddrOf)
      return lvalueKey(UO->getSubExpr());
  if (isa<CXXThisExpr>(S))
    return locationKey(nullptr, LocKind::This, nullptr, false);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      // A pointer declared in the block that was made to point to outer
      // storage: a store through it is a store into that storage.
      auto It = Facts.PointsTo.find(VD);
      if (It != Facts.PointsTo.end())
        return locationKey(It->second.Base, It->second.Kind, It->second.Field,
                           false);
      return locationKey(VD, LocKind::Deref, nullptr, Strong);
    }
  return deepKey(S);
}

KeyResult Evaluator::deepKey(const Expr *P) {
  // `this->impl_` and `owned_.get()` are below *this, `c->stmt->aVar` below
  // what c points to. None for a pointer that is not loaded from a
  // variable's storage (a call's result, a new object).
  const Expr *E = P->IgnoreParenCasts();
  while (true) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
        return locationKey(VD, LocKind::Deep, nullptr, false); // static
      E = ME->getBase()->IgnoreParenCasts();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = AS->getBase()->IgnoreParenCasts();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref && UO->getOpcode() != UO_AddrOf)
        return {};
      E = UO->getSubExpr()->IgnoreParenCasts();
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // operator->, operator*, operator[] and getters (get(), a member call
      // without arguments) of an object reach into that object.
      const Expr *Obj = objectArgument(Call);
      if (!Obj || (!isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs()))
        return {};
      E = Obj->IgnoreParenCasts();
    } else {
      break;
    }
    if (OT.isArena(val(E)))
      return arenaKey(); // what arena memory holds is not tracked
  }
  if (isa<CXXThisExpr>(E))
    return locationKey(nullptr, LocKind::Deep, nullptr, false);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD)
    return {};
  auto It = Facts.PointsTo.find(VD);
  if (It != Facts.PointsTo.end()) {
    const LocKey &T = It->second;
    if (T.Kind == LocKind::This)
      return locationKey(nullptr, LocKind::Deep, nullptr, false);
    return locationKey(T.Base, LocKind::Deep, nullptr, false);
  }
  if (VD->getType()->isReferenceType()) {
    auto A = Facts.Alias.find(VD);
    if (A != Facts.Alias.end())
      return locationKey(A->second.Kind == LocKind::This ? nullptr
                                                         : A->second.Base,
                         LocKind::Deep, nullptr, false);
  }
  return locationKey(VD, LocKind::Deep, nullptr, false);
}

KeyResult Evaluator::objectKey(const Expr *Obj) {
  if (Obj->getType()->isPointerType())
    return pointeeKey(Obj, false);
  return lvalueKey(Obj);
}

std::string Evaluator::targetName(const Expr *E) const {
  if (isa<CXXThisExpr>(E->IgnoreParenImpCasts()))
    return "*this";
  return Run.EC.sourceText(E);
}

} // namespace escape
} // namespace bumper
