//===- HeapTemporary.h - bumper-heap-temporary ------------------*- C++ -*-===//
//
// An opt-in check: a local std::vector<T> constructed with its size (or a
// copy of a range or a list, or sized by resize(n) first) and then used
// only as a fixed array (indexed, iterated, measured, passed as a span, a
// pointer or iterators) is scratch memory that could come from the arena;
// so is an array owned by a std::unique_ptr<T[]> that is only indexed and
// get(), and a raw `T *p = new T[n]` (or malloc) deleted (freed) on every
// way out of its block.
// The escape analysis, run with the vector's storage taken as arena memory,
// proves that nothing keeps it past its block; the fix rewrites it to
// `std::span<T> v = bumper::alloc<T>(n);` under a no_escape guard.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_HEAPTEMPORARY_H
#define BUMPER_TOOL_HEAPTEMPORARY_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/Findings.h"

namespace bumper {

/// Reports each convertible vector as a bumper-heap-temporary warning with
/// its fix; with \p Explain, each refused candidate as a remark that says
/// why (docs/diagnostics.md, "bumper-heap-temporary").
void checkHeapTemporaries(clang::ASTContext &Ctx, const AnnotationIndex &Index,
                          FindingSink &Sink, const EscapeOptions &Escape,
                          bool Explain);

} // namespace bumper

#endif // BUMPER_TOOL_HEAPTEMPORARY_H
