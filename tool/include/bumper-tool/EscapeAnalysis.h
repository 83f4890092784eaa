//===- EscapeAnalysis.h - The bumper-escape and bumper-unscoped-alloc checks ===//
//
// Proves that no value derived from a BUMPER_ALLOCATOR call made inside a
// no_escape block outlives the block, or reports where one does. The rules are
// DESIGN.md's "Escape rules"; docs/diagnostics.md explains each diagnostic.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_ESCAPEANALYSIS_H
#define BUMPER_TOOL_ESCAPEANALYSIS_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Findings.h"
#include "clang/AST/ASTContext.h"

namespace bumper {

/// Runs the escape analysis over every function of the translation unit
/// (template instantiations included) and reports bumper-escape and
/// bumper-unscoped-alloc findings to \p Sink.
void analyzeEscapes(clang::ASTContext &Ctx, const AnnotationIndex &Annotations,
                    FindingSink &Sink);

} // namespace bumper

#endif // BUMPER_TOOL_ESCAPEANALYSIS_H
