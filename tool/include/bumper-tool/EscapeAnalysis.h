//===- EscapeAnalysis.h - bumper-escape, bumper-unscoped-alloc --*- C++ -*-===//
//
// Proves that no value derived from a BUMPER_ALLOCATOR call made inside a
// no_escape block outlives the block, or reports where one does.
// docs/diagnostics.md states the rules and explains each diagnostic.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_ESCAPEANALYSIS_H
#define BUMPER_TOOL_ESCAPEANALYSIS_H

#include "bumper-tool/Annotations.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/Findings.h"
#include "bumper-tool/SummaryIndex.h"
#include "clang/AST/ASTContext.h"
#include <string>
#include <vector>

namespace bumper {

/// Runs the escape analysis over every function of the translation unit
/// (template instantiations included) and reports bumper-escape and
/// bumper-unscoped-alloc findings to \p Sink.
void analyzeEscapes(clang::ASTContext &Ctx, const AnnotationIndex &Annotations,
                    FindingSink &Sink, const EscapeOptions &Opts = {});

/// Adds to \p Out.Functions the summary of each function of the translation
/// unit that another unit may call without having its body (externally
/// visible, not inline, not a template's, outside system headers), keyed by
/// USR. Calls to other units' functions are not followed (Opts.Summaries is
/// not used), so a unit's summaries depend on its own inputs only.
void summarizeUnit(clang::ASTContext &Ctx, const EscapeOptions &Opts,
                   UnitSummaries &Out);

} // namespace bumper

#endif // BUMPER_TOOL_ESCAPEANALYSIS_H
