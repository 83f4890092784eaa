//===- Diagnostics.h - Filtering and rendering findings ----------*- C++
//-*-===//
//
// The command-line tool's FindingSink: drops what NOLINT comments, the header
// filter or de-duplication say to drop, renders the rest through Clang's
// DiagnosticsEngine ("file:line:col: warning: ... [check-name]", source line,
// caret, fix-it) and hands the fixes to the RunResult.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_DIAGNOSTICS_H
#define BUMPER_TOOL_DIAGNOSTICS_H

#include "bumper-tool/Findings.h"
#include "bumper-tool/Runner.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Regex.h"
#include <optional>

namespace bumper {

/// True if a NOLINT(...) comment on the line of \p Loc, or a
/// NOLINTNEXTLINE(...) comment on the line above, names \p Check (or names no
/// check at all). Check lists may use globs: NOLINT(bumper-*).
bool isSuppressedByNolint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef Check);

class RenderingSink : public FindingSink {
public:
  RenderingSink(clang::DiagnosticsEngine &Diags, const clang::LangOptions &LO,
                const ToolOptions &Opts, RunResult &Result);
  ~RenderingSink() override;

  void report(Finding F) override;

  /// Renders what was reported, in source order, and records it in the
  /// RunResult.
  void flush();

  /// The position of the translation unit's source on the command line, for
  /// the order of RunResult::Reports.
  void setSourceIndex(unsigned I) { SourceIndex = I; }

  /// The error diagnostics rendered so far.
  unsigned errorsRendered() const { return ErrorsRendered; }

private:
  bool wanted(clang::SourceLocation Loc) const;
  void render(const Finding &F);
  ReportLocation locate(clang::SourceLocation Loc) const;
  ReportLocation locate(clang::FileID FID, unsigned Offset) const;

  clang::DiagnosticsEngine &Diags;
  clang::SourceManager &SM;
  const clang::LangOptions &LO;
  const ToolOptions &Opts;
  RunResult &Result;
  std::optional<llvm::Regex> HeaderFilter;
  std::vector<Finding> Pending;
  unsigned ErrorsRendered = 0;
  unsigned SourceIndex = 0;
  unsigned Sequence = 0;
};

} // namespace bumper

#endif // BUMPER_TOOL_DIAGNOSTICS_H
