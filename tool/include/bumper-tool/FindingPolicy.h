//===- FindingPolicy.h - What is reported, and how loudly -------*- C++ -*-===//
//
// The one policy of every front end (clazy's CheckBase::emitWarning is the
// model): the analyses report Findings into a FindingPolicy, which keeps each
// once, drops what the configuration, the header filter and NOLINT comments
// turn off, and decides each survivor's level (--warnings-as-errors, the
// plugin's per-check levels). Front ends only render its decisions: as clang
// diagnostics (Diagnostics.h), as SARIF, or through clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_FINDINGPOLICY_H
#define BUMPER_TOOL_FINDINGPOLICY_H

#include "bumper-tool/Findings.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace bumper {

/// The NOLINT comments of the files of one translation unit, for many
/// findings: each file's NOLINTBEGIN/NOLINTEND regions are found once, on its
/// first finding, so N findings in a file cost N lookups, not N scans of it.
/// As in clang-tidy, a NOLINTEND closes the latest open NOLINTBEGIN with the
/// same check list; a region left open, or an end with no beginning, is
/// ignored and listed by unmatched().
class NolintIndex {
public:
  explicit NolintIndex(const clang::SourceManager &SM) : SM(SM) {}

  /// True if a NOLINT(...) comment on the line of \p Loc, a
  /// NOLINTNEXTLINE(...) comment on the line above, or a NOLINTBEGIN(...) /
  /// NOLINTEND(...) region around it names \p Check (or names no check at
  /// all). Check lists may use globs: NOLINT(bumper-*).
  bool suppresses(clang::SourceLocation Loc, llvm::StringRef Check);

  /// A NOLINTBEGIN or NOLINTEND comment without its other half.
  struct Unmatched {
    clang::SourceLocation Loc;
    bool IsBegin;
  };
  /// Those of the files suppresses() or read() has looked at so far, in
  /// file order.
  std::vector<Unmatched> unmatched() const;

  /// Reads the regions of \p FID now (suppresses() reads a file's on its
  /// first finding there).
  void read(clang::FileID FID);

private:
  /// A matched NOLINTBEGIN region: from the start of its BEGIN line to the
  /// end of its END line. Regions nest.
  struct Region {
    size_t Begin, End;
    llvm::StringRef BeginLine;
    int Parent; ///< the enclosing region, -1 for none
  };
  struct FileRegions {
    std::vector<Region> Regions;
    std::vector<std::pair<size_t, bool>> Unmatched; ///< offset, is-begin
  };
  const FileRegions &regionsOf(clang::FileID FID, llvm::StringRef Buf);

  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, FileRegions> Files;
};

struct PolicyOptions {
  /// A clang-tidy-style glob list of the checks that report.
  std::string Checks = "bumper-*";
  /// A glob list of the checks whose warnings are errors.
  std::string WarningsAsErrorsChecks;
  /// Every warning is an error (--warnings-as-errors, or the plugin's
  /// warnings-as-errors argument or the compile's -Werror).
  bool WarningsAsErrors = false;
  /// No warning is reported (the compile's -w, for the plugin).
  bool IgnoreWarnings = false;
  /// Besides the main file, report in headers whose absolute path matches
  /// this POSIX extended regular expression; "" for none.
  std::string HeaderFilter;
  /// A check's level set per check (the plugin's
  /// -fplugin-arg-bumper-<check>=); nullopt turns it off. Wins over Checks.
  std::map<Check, std::optional<Severity>> Levels;
  /// The host applies checks, headers, NOLINT and warnings-as-errors itself
  /// (clang-tidy): the policy only keeps each finding once.
  bool HostFilters = false;
  /// The fixes are going to be applied (bumper-tool --fix): a warning whose
  /// fix is applied is reported as fixed, not raised to an error.
  bool FixesApplied = false;
};

/// What the policy decided for one finding that is to be reported.
struct Decision {
  Decision(Finding F, Severity Level) : F(std::move(F)), Level(Level) {}

  Finding F;
  Severity Level;
  /// A warning raised to an error by WarningsAsErrors ("[name,-warnings-as-
  /// errors]", as clang-tidy writes it).
  bool RaisedToError = false;
  /// The fixes that can be applied: not in a macro, in a reported file.
  llvm::SmallVector<clang::FixItHint, 1> Fixes;
  /// FixesApplied and there is a fix to apply.
  bool Fixed = false;

  /// "[bumper-escape]", "[bumper-missing-guard,-warnings-as-errors]".
  std::string suffix() const;
};

class FindingPolicy : public FindingSink {
public:
  FindingPolicy(const clang::SourceManager &SM, PolicyOptions Opts);

  /// Keeps \p F unless an equal finding (check, place, message) was kept:
  /// template instantiations and headers seen through several paths report
  /// the same finding more than once.
  void report(Finding F) override;

  /// False when the configuration turns \p C off (Checks, Levels).
  bool enabled(Check C) const override;

  /// The findings to report, in source order, then an error for each
  /// unmatched NOLINTBEGIN/NOLINTEND met; empties the policy.
  std::vector<Decision> take();

  /// The findings NOLINT comments suppressed so far: their check and place.
  llvm::ArrayRef<std::pair<Check, clang::SourceLocation>>
  suppressedByNolint() const {
    return Suppressed;
  }

  /// Is \p Loc in a file whose findings are reported: the main file, or a
  /// header the header filter matches (never a system header)?
  bool isReported(clang::SourceLocation Loc) const;

private:
  std::optional<Decision> decide(Finding F);

  const clang::SourceManager &SM;
  PolicyOptions Opts;
  std::optional<llvm::Regex> HeaderFilter;
  NolintIndex Nolint;
  std::vector<Finding> Kept;
  std::set<std::tuple<Check, clang::SourceLocation::UIntTy, std::string>>
      KeptKeys;
  std::vector<std::pair<Check, clang::SourceLocation>> Suppressed;
};

} // namespace bumper

#endif // BUMPER_TOOL_FINDINGPOLICY_H
