//===- CGuards.h - Hand-written checkpoint guards in C ----------*- C++ -*-===//
//
// C has no destructors, so the tool inserts no guard into C code; the user
// writes it: "bumper_checkpoint cp = bumper_checkpoint_save(buf);" as the
// block's first statement and "bumper_checkpoint_restore(buf, cp);" right
// before every way out of it. This recognises that guard, so that such a
// block gets no bumper-missing-guard warning, and reports each way out that
// does not restore the checkpoint. docs/tool.md states the rule.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_CGUARDS_H
#define BUMPER_TOOL_CGUARDS_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Findings.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace bumper {

struct FunctionFlow;

/// Checks the hand-written guards of one translation unit's blocks. It keeps
/// the control-flow graph of each function it looks into, for the other
/// guarded blocks of that function.
class CheckpointGuardChecker {
public:
  CheckpointGuardChecker(clang::ASTContext &Ctx, FindingSink &Sink);
  ~CheckpointGuardChecker();

  /// If the first statement of \p A's block saves a checkpoint into a local
  /// variable ("bumper_checkpoint cp = bumper_checkpoint_save(buf);"),
  /// checks that hand-written guard: the buffer is the one the annotation
  /// names, and every way out of the block restores that checkpoint on that
  /// buffer. Each problem is reported as a bumper-missing-guard warning with
  /// a note at the save. Returns true when the block starts with a save
  /// (whether or not the guard is complete), false, reporting nothing, when
  /// it does not. For C translation units only: in C++ an exception would
  /// skip the restores.
  bool check(const NoEscapeAnnotation &A);

private:
  clang::ASTContext &Ctx;
  FindingSink &Sink;
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<FunctionFlow>> Flows;
};

} // namespace bumper

#endif // BUMPER_TOOL_CGUARDS_H
