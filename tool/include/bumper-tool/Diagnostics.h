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
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace bumper {

/// The NOLINT comments of the files of one translation unit, for many
/// findings: each file's NOLINTBEGIN/NOLINTEND regions are found once, on its
/// first finding, so N findings in a file cost N lookups, not N scans of it.
class NolintIndex {
public:
  explicit NolintIndex(const clang::SourceManager &SM) : SM(SM) {}

  /// True if a NOLINT(...) comment on the line of \p Loc, a
  /// NOLINTNEXTLINE(...) comment on the line above, or a NOLINTBEGIN(...) /
  /// NOLINTEND(...) region around it names \p Check (or names no check at
  /// all). Check lists may use globs: NOLINT(bumper-*).
  bool suppresses(clang::SourceLocation Loc, llvm::StringRef Check);

private:
  /// A NOLINTBEGIN region: from the start of its BEGIN line to the end of
  /// its END line (npos: never closed). Regions nest.
  struct Region {
    size_t Begin, End;
    llvm::StringRef BeginLine;
    int Parent; ///< the enclosing region, -1 for none
  };
  const std::vector<Region> &regionsOf(clang::FileID FID, llvm::StringRef Buf);

  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, std::vector<Region>> Regions;
};

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
  NolintIndex Nolint;
  std::vector<Finding> Pending;
  /// Check, location and message of each pending finding, for the
  /// de-duplication.
  std::set<std::tuple<Check, clang::SourceLocation::UIntTy, std::string>>
      PendingKeys;
  unsigned ErrorsRendered = 0;
  unsigned SourceIndex = 0;
  unsigned Sequence = 0;
};

} // namespace bumper

#endif // BUMPER_TOOL_DIAGNOSTICS_H
