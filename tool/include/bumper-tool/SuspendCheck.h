//===- SuspendCheck.h - bumper-suspend-in-block ------------------*- C++
//-*-===//
//
// A coroutine that suspends (co_await, co_yield) inside a no_escape block
// keeps the block's checkpoint while its caller runs: whatever the caller
// allocates from that buffer in the meantime is freed when the block ends.
// That is safe only for a buffer the coroutine owns.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_SUSPENDCHECK_H
#define BUMPER_TOOL_SUSPENDCHECK_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Findings.h"

namespace bumper {

/// Reports every co_await and co_yield inside an annotated coroutine, or
/// inside a block that resets the default buffer or another buffer the
/// coroutine does not own (a parameter, a global, a captured or static
/// one), as bumper-suspend-in-block errors; marks those blocks in \p Index
/// so that no guard is inserted into them.
void checkSuspensions(clang::ASTContext &Ctx, AnnotationIndex &Index,
                      FindingSink &Sink);

} // namespace bumper

#endif // BUMPER_TOOL_SUSPENDCHECK_H
