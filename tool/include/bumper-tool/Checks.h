//===- Checks.h - Every check over one translation unit ---------*- C++ -*-===//
//
// The compiler plugin (tool/plugin) and the clang-tidy module (tool/tidy) run
// the same checks as bumper-tool, over the AST their host has just built. This
// is the one entry point they share: it turns what the attribute recorded into
// the AnnotationIndex and runs the annotation, guard and escape checks into a
// FindingSink (the FindingPolicy), which each front end renders its own way.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_CHECKS_H
#define BUMPER_TOOL_CHECKS_H

#include "bumper-tool/Config.h"
#include "bumper-tool/Findings.h"
#include "clang/AST/ASTContext.h"

namespace bumper {

class AttributeRecorder;

/// Builds the AnnotationIndex from the attribute uses in \p Recorder and runs
/// every check of the registry (Checks.def) over the translation unit,
/// reporting to \p Sink. \p Explain: the opt-in checks also report, as
/// remarks, the candidates they refuse and why (--explain).
void runAllChecks(clang::ASTContext &Ctx, const AttributeRecorder &Recorder,
                  FindingSink &Sink, const EscapeOptions &Escape = {},
                  bool Explain = false);

} // namespace bumper

#endif // BUMPER_TOOL_CHECKS_H
