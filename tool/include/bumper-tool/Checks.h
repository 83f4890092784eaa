//===- Checks.h - Every check over one translation unit, for any front end ===//
//
// The compiler plugin (tool/plugin) and the clang-tidy module (tool/tidy) run
// the same checks as bumper-tool, over the AST their host has just built. This
// is the one entry point they share: it turns what the attribute recorded into
// the AnnotationIndex and runs the guard and escape checks into a FindingSink,
// which each front end renders its own way. Whether the escape analysis is in
// the build is decided here (tool/CMakeLists.txt), not in every front end.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_CHECKS_H
#define BUMPER_TOOL_CHECKS_H

#include "bumper-tool/EscapeAnalysis.h"
#include "bumper-tool/Findings.h"
#include "clang/AST/ASTContext.h"
#include <optional>
#include <vector>

namespace bumper {

class AttributeRecorder;

/// True if this build includes bumper-escape and bumper-unscoped-alloc.
bool hasEscapeAnalysis();

/// Builds the AnnotationIndex from the attribute uses in \p Recorder and runs
/// bumper-annotation, bumper-missing-guard, bumper-escape and
/// bumper-unscoped-alloc over the translation unit, reporting to \p Sink.
void runAllChecks(clang::ASTContext &Ctx, const AttributeRecorder &Recorder,
                  FindingSink &Sink, const EscapeOptions &Escape = {});

/// "bumper-escape", "escape" (the name without "bumper-") -> the check.
std::optional<Check> parseCheckName(llvm::StringRef Name);

/// A sink that keeps the findings, once each: template instantiations and
/// headers seen through several paths report the same finding more than once.
class CollectingSink : public FindingSink {
public:
  void report(Finding F) override;
  /// The findings in source order (of their expansion locations); empties
  /// the sink.
  std::vector<Finding> take(const clang::SourceManager &SM);

private:
  std::vector<Finding> Findings;
};

} // namespace bumper

#endif // BUMPER_TOOL_CHECKS_H
