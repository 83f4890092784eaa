//===- EscapeAnalysis.h - The bumper-escape and bumper-unscoped-alloc checks
//===//
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
#include <string>
#include <vector>

namespace bumper {

/// Functions named by the configuration (.bumper.yaml) for code that cannot
/// carry annotations: third-party allocators and functions that keep their
/// arguments. Names are qualified ("lib::arena_alloc"; a leading "::" is
/// allowed) and match every overload.
struct EscapeOptions {
  /// Treated like BUMPER_ALLOCATOR functions: each call is a source.
  std::vector<std::string> Allocators;
  /// Keep every argument past the call, like a function that stores its
  /// parameter into a global.
  std::vector<std::string> KeepsArgument;
};

/// Runs the escape analysis over every function of the translation unit
/// (template instantiations included) and reports bumper-escape and
/// bumper-unscoped-alloc findings to \p Sink.
void analyzeEscapes(clang::ASTContext &Ctx, const AnnotationIndex &Annotations,
                    FindingSink &Sink, const EscapeOptions &Opts = {});

} // namespace bumper

#endif // BUMPER_TOOL_ESCAPEANALYSIS_H
