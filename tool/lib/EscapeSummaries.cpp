//===- EscapeSummaries.cpp - Function summaries of the escape analysis ----===//
//
// A function's summary (SummaryIndex.h) is computed from its body by the
// dataflow of EscapeDataflow.cpp, run with the parameters as origins. The
// functions of a cycle of calls (a strongly connected component of the call
// graph, found by Tarjan's algorithm as the analyses ask for summaries) are
// computed together, again and again, until none of their summaries grows.
//
// A callee with no body in the translation unit gets its summary from the
// summaries index of the other units, by USR. summarizeUnit() writes the
// summaries of a unit's functions for that index.
//
// In the dataflow, a call's summary says what the callee keeps of each
// argument (applySummary) and from which its result comes; a summary run
// records what the function keeps and forwards (recordSummary,
// recordForwards).
//
//===----------------------------------------------------------------------===//

#include "EscapeEngine.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

using namespace clang;

namespace bumper {
namespace escape {

/// A fixpoint over summaries that are joined (they only grow) is reached in
/// a few rounds; the cap guards against pathological inputs.
static constexpr unsigned MaxRounds = 16;

const Summary *EscapeContext::summaryOf(const FunctionDecl *FD) {
  auto It = Summaries.find(FD);
  if (It != Summaries.end()) {
    Summary *S = It->second.get();
    if (S->InProgress) {
      // A call into the component under way: the caller is part of it.
      Recursive.insert(FD);
      if (!SummaryLow.empty())
        SummaryLow.back() = std::min(SummaryLow.back(), SummaryOrder[FD]);
    }
    return S;
  }
  auto Fresh = [&] {
    Summary S;
    S.Params.resize(FD->getNumParams());
    S.Returns.resize(FD->getNumParams());
    return S;
  };
  auto Own = std::make_unique<Summary>(Fresh());
  Own->InProgress = true;
  Summary *S = Own.get();
  Summaries[FD] = std::move(Own);
  unsigned Order = SummaryOrder.size();
  SummaryOrder[FD] = Order;
  SummaryStack.push_back(FD);
  SummaryLow.push_back(Order);
  runSummaryAnalysis(*this, FD, *S);
  unsigned Low = SummaryLow.back();
  SummaryLow.pop_back();
  if (!SummaryLow.empty())
    SummaryLow.back() = std::min(SummaryLow.back(), Low);
  if (Low != Order)
    return S; // part of a component whose root is still being analysed

  // FD is the root of its component: its members are above it on the stack.
  auto First = llvm::find(SummaryStack, FD);
  std::vector<const FunctionDecl *> Members(First, SummaryStack.end());
  SummaryStack.erase(First, SummaryStack.end());
  bool Cyclic = Members.size() > 1 || Recursive.contains(FD);
  // Each round recomputes every member from the others' current summaries
  // (a sentinel low link keeps the rounds out of any caller's component).
  SummaryLow.push_back(0);
  for (unsigned Round = 0; Cyclic; ++Round) {
    if (Round == MaxRounds) {
      for (const FunctionDecl *M : Members)
        Summaries[M]->Returns.set(); // not converged: any result
      break;
    }
    bool Changed = false;
    for (const FunctionDecl *M : Members) {
      Summary Next;
      Next.Params.resize(M->getNumParams());
      Next.Returns.resize(M->getNumParams());
      runSummaryAnalysis(*this, M, Next);
      Changed |= Summaries[M]->join(Next);
    }
    if (!Changed)
      break;
  }
  SummaryLow.pop_back();
  for (const FunctionDecl *M : Members)
    Summaries[M]->InProgress = false;
  return S;
}

std::string EscapeContext::usrOf(const Decl *D) {
  llvm::SmallString<128> Buf;
  if (index::generateUSRForDecl(D, Buf))
    return "";
  return Buf.str().str();
}

const Summary *EscapeContext::calleeSummary(const FunctionDecl *Callee,
                                            const FunctionDecl *&Def) {
  const SourceManager &SM = Ctx.getSourceManager();
  Def = nullptr;
  if (Callee->hasBody(Def) && Def) {
    if (SM.isInSystemHeader(Def->getLocation()) || Def->isDependentContext())
      return nullptr;
    return summaryOf(Def);
  }
  if (SM.isInSystemHeader(Callee->getLocation()))
    return nullptr;
  const Summary *S = externalSummary(Callee);
  if (!S || S->Params.size() != Callee->getNumParams())
    return nullptr;
  Def = Callee;
  return S;
}

const Summary *EscapeContext::externalSummary(const FunctionDecl *Callee) {
  if (!External)
    return nullptr;
  std::string USR = usrOf(Callee);
  auto [It, New] = Resolved.try_emplace(USR);
  if (New)
    if (std::optional<Summary> S = External->resolved(USR))
      It->second = std::make_unique<Summary>(std::move(*S));
  return It->second.get();
}

// --- summaries in the dataflow (EscapeEngine.h) ----------------------------

const Summary *Evaluator::calleeSummary(const FunctionDecl *Callee,
                                        llvm::ArrayRef<const Expr *> Args,
                                        const FunctionDecl *&Def) {
  // For a body here, the paths that the call's constant arguments select,
  // if any decides a branch.
  const Summary *S = Run.EC.calleeSummary(Callee, Def);
  if (!S || !Def || !Def->hasBody())
    return S;
  ConstantArgs C = Run.EC.constantArguments(Def, Args, Run.FD, Run.Bound);
  if (C.empty())
    return S;
  // A variant still being computed (a recursive call with the same
  // constants) is partial: the whole function's summary stands in.
  const Summary *Variant = Run.EC.summaryFor(Def, C);
  return Variant->InProgress ? S : Variant;
}

bool Transfer::applySummary(const CallExpr *Call, const FunctionDecl *Callee,
                            const Expr *Obj, llvm::ArrayRef<const Expr *> Args,
                            std::string Name) {
  const FunctionDecl *Def = nullptr;
  const Summary *S = Eval.calleeSummary(Callee, Args, Def);
  if (!S)
    return false;
  if (!S->keepsAnything())
    return true;
  // Name a member call by its object, as written: 'g_cache.put'.
  if (Obj && !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
    Name = Eval.targetName(Obj) +
           (Obj->getType()->isPointerType() ? "->" : ".") + Name;
  unsigned N = std::min<unsigned>(Def->getNumParams(), Args.size());
  for (unsigned I = 0; I < N; ++I) {
    const ParamEffect &E = S->Params[I];
    if (!E.keeps())
      continue;
    OriginSet Vals = Eval.val(Args[I]);
    if (Def->getParamDecl(I)->getType()->isReferenceType())
      unionInto(Vals, Eval.addr(Args[I]));
    if (Vals.empty())
      continue;
    if (E.Global)
      store(locationKey(Def, LocKind::Kept, nullptr, false), Vals, Call,
            Step::CallKeep, E.Where, Name);
    if (E.This && Obj)
      store(Eval.objectKey(Obj), Vals, Call, Step::CallKeep,
            Eval.targetName(Obj), Name);
    for (unsigned J : E.Through)
      if (J < N) {
        bool Ref = Def->getParamDecl(J)->getType()->isReferenceType();
        KeyResult K =
            Ref ? Eval.lvalueKey(Args[J]) : Eval.pointeeKey(Args[J], false);
        K.Strong = false;
        std::string T = Eval.targetName(Args[J]);
        store(K, Vals, Call, Step::CallKeep, Ref ? T : "*" + T, Name);
      }
  }
  return true;
}

void Transfer::recordSummary() {
  for (const auto &[K, Set] : *Facts.Cur) {
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
          if (PD->getDeclContext() == Run.FD)
            Through = PD->getFunctionScopeIndex();
      }
    }
    if (!Global && !This && Through < 0)
      continue;
    for (unsigned O : Set) {
      int P = OT[OT.root(O)].Param;
      if (P < 0 || unsigned(P) >= Run.Sum->Params.size())
        continue;
      ParamEffect &E = Run.Sum->Params[P];
      E.Global |= Global;
      E.This |= This;
      if (Through >= 0)
        E.addThrough(Through);
      if (E.Where.empty())
        E.Where = Where.empty() ? OT[O].Target : Where;
      if (E.At.empty())
        E.At = Run.EC.placeOf(OT[O].S);
    }
  }
}

void Transfer::recordForwards(const FunctionDecl *Callee,
                              llvm::ArrayRef<const Expr *> Args) {
  // SummaryIndex resolves them with the callee's summary from its unit.
  std::string USR = EscapeContext::usrOf(Callee);
  if (USR.empty())
    return;
  for (unsigned J = 0; J < Args.size() && J < Callee->getNumParams(); ++J)
    for (unsigned O : Eval.val(Args[J]))
      if (int P = OT[OT.root(O)].Param; P >= 0)
        Run.Sum->addForward(P, USR, J);
}

std::string EscapeContext::placeOf(const Stmt *S) const {
  if (!S)
    return "";
  const SourceManager &SM = Ctx.getSourceManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(S->getBeginLoc()));
  if (P.isInvalid())
    return "";
  return (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine())).str();
}

void EscapeContext::addExternalNote(Finding &F, const Stmt *Call,
                                    llvm::StringRef Where) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  if (!Callee || Callee->hasBody())
    return;
  const Summary *FS = externalSummary(Callee);
  if (!FS)
    return;
  // The parameter kept where the message says, else any kept one.
  const ParamEffect *Kept = nullptr;
  for (const ParamEffect &P : FS->Params)
    if (P.keeps() && !P.At.empty() && (!Kept || P.Where == Where))
      Kept = &P;
  if (!Kept)
    return;
  addNote(F, Call->getBeginLoc(),
          "'" + Callee->getNameAsString() + "' is defined in another file; " +
              "it keeps the argument at " + Kept->At +
              " (from the summaries file)");
}

namespace {

/// Drops what the analysis would report: summarising reports nothing.
class NullSink : public FindingSink {
public:
  void report(Finding) override {}
};

/// The functions a unit defines that another unit can call and has no
/// body of: externally visible, not inline, not a template's, outside
/// system headers.
class Definitions : public RecursiveASTVisitor<Definitions> {
public:
  explicit Definitions(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isInlined() && FD->isExternallyVisible() &&
        !FD->isTemplateInstantiation() && !FD->getDescribedFunctionTemplate() &&
        !SM.isInSystemHeader(FD->getLocation()))
      Found.push_back(FD);
    return true;
  }
  std::vector<const FunctionDecl *> Found;

private:
  const SourceManager &SM;
};

} // namespace

} // namespace escape

void summarizeUnit(ASTContext &Ctx, const EscapeOptions &Opts,
                   UnitSummaries &Out) {
  escape::NullSink Sink;
  EscapeOptions Own = Opts;
  // A unit's summaries come from its own bodies only, so that they do not
  // depend on the order the units were summarised in.
  Own.Summaries = nullptr;
  escape::EscapeContext EC(Ctx, Own, Sink);
  escape::Definitions Defs(Ctx.getSourceManager());
  Defs.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *FD : Defs.Found) {
    std::string USR = escape::EscapeContext::usrOf(FD);
    if (USR.empty())
      continue;
    FunctionSummary F;
    F.USR = std::move(USR);
    F.Name = FD->getQualifiedNameAsString();
    F.S = *EC.summaryOf(FD);
    F.S.InProgress = false;
    Out.Functions.push_back(std::move(F));
  }
}

} // namespace bumper
