//===- EscapeOrigins.cpp - Origins and blocks of the escape analysis ------===//
//
// What memory a value may point to. An origin is a chain of steps: the
// allocator call (or, for a summary, a parameter), then each store, capture
// or call that moved the value; the chain gives the notes of a finding, and
// its first step the block whose reset frees the memory. Which storage lives
// past a block's end is decided here too, from where the blocks are.
//
//===----------------------------------------------------------------------===//

#include "EscapeEngine.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace bumper {
namespace escape {

void addTo(OriginSet &S, unsigned O) {
  auto *It = llvm::lower_bound(S, O);
  if (It == S.end() || *It != O)
    S.insert(It, O);
}

void unionInto(OriginSet &D, const OriginSet &S) {
  for (unsigned O : S)
    addTo(D, O);
}

bool joinInto(State &Into, const State &From) {
  // One pass over both maps in key order: a state holds every pointer the
  // function has stored so far, and a lookup per key made joins dominate
  // long functions.
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

unsigned OriginTable::derive(const Stmt *S, unsigned Parent, Step Kind,
                             std::string Target, std::string Callee) {
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

unsigned OriginTable::allocationOrigin(const Stmt *S, int Block) {
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

unsigned OriginTable::paramOrigin(unsigned I) {
  Origin O;
  O.Parent = NoParent;
  O.Kind = Step::Param;
  O.Param = I;
  Origins.push_back(std::move(O));
  return Origins.size() - 1;
}

unsigned OriginTable::root(unsigned O) const {
  while (Origins[O].Parent != NoParent)
    O = Origins[O].Parent;
  return O;
}

bool OriginTable::isArena(const OriginSet &S) const {
  for (unsigned O : S)
    if (Origins[O].Block >= 0)
      return true;
  return false;
}

OriginSet OriginTable::withoutArena(const OriginSet &S) const {
  OriginSet R;
  for (unsigned O : S)
    if (Origins[O].Block < 0)
      addTo(R, O);
  return R;
}

bool BlockNest::contains(int B, SourceLocation L) const {
  return L.isValid() && contains(B, SM.getDecomposedExpansionLoc(L));
}

bool BlockNest::contains(int B, std::pair<FileID, unsigned> D) const {
  return D.first == Blocks[B].File && D.second >= Blocks[B].Begin &&
         D.second <= Blocks[B].End;
}

int BlockNest::nestOf(const Stmt *S) {
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

bool BlockNest::isActive(int B, int Nest) const {
  for (int N = Nest; N >= 0; N = Blocks[N].Parent)
    if (N == B)
      return true;
  return false;
}

bool BlockNest::outlives(const LocKey &K, int B) const {
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

} // namespace escape
} // namespace bumper
