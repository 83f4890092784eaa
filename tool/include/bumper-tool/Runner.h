//===- Runner.h - Running the checks over translation units -----*- C++ -*-===//
//
// The command-line driver hands the files and their compilation database to
// runChecks(); each translation unit is parsed with the no_escape attribute
// recorded (NoEscapeAttr.h), checked (Checks.h), its findings passed through
// the FindingPolicy and rendered (Diagnostics.h). What comes back is plain
// data: counts, the findings, and the fixes per file for Output.h to apply.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_RUNNER_H
#define BUMPER_TOOL_RUNNER_H

#include "bumper-tool/CompileFlags.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/FindingPolicy.h"
#include "bumper-tool/Report.h"
#include "bumper-tool/SafeWrite.h"
#include "bumper-tool/SummaryIndex.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace bumper {

struct ToolOptions {
  /// --fix: fixes are going to be applied (rendered as "applied").
  bool Fix = false;
  /// --extra-arg / --extra-arg-before.
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  /// --remove-arg and .bumper.yaml's CompileFlags: applied to each command
  /// before the --extra-arg ones (CompileFlags.h).
  CompileFlagsOptions CompileFlags;
  /// False under --format=sarif: findings are only kept in RunResult::Reports,
  /// and Clang's own diagnostics still go to stderr.
  bool RenderText = true;
  /// -j: translation units checked at once (at least 1).
  unsigned Jobs = 1;
  /// Show "[37/1200] src/foo.cpp" on stderr, overwritten as units finish.
  bool Progress = false;
  /// What is reported (the command line over .bumper.yaml).
  PolicyOptions Policy;
  /// .bumper.yaml's Allocators and KeepsArgument.
  EscapeOptions Escape;
  /// --explain: refused candidates of the opt-in checks are remarks.
  bool Explain = false;
};

/// What a run found. Translation units may run on several threads: every
/// change goes through add*() under the lock.
struct RunResult {
  unsigned Errors = 0;   ///< Error diagnostics, warnings-as-errors included.
  unsigned Warnings = 0; ///< Warnings left unfixed.
  unsigned Fixed = 0;    ///< Findings whose fix is applied.
  /// A usage or input problem: a file that does not parse, a missing file.
  bool InputProblem = false;
  /// The fixes, by absolute file path; a header shared by several
  /// translation units gets each of its fixes once.
  std::map<std::string, std::set<clang::tooling::Replacement>> Fixes;
  /// Every finding that carries a fix, for --export-fixes.
  std::vector<clang::tooling::Diagnostic> Exported;
  /// Main files of translation units that had compiler errors: never written.
  llvm::StringSet<> BrokenFiles;
  /// Main files that were analysed.
  llvm::StringSet<> Analysed;
  /// What the analysis read of each file in Fixes: the fixes apply to that
  /// content, and --fix leaves a file that no longer holds it alone.
  llvm::StringMap<ContentDigest> AnalysedContent;
  /// Files in Fixes that two translation units read with different content.
  llvm::StringSet<> ChangedWhileChecked;
  /// Every finding reported, once each (a shared header's findings come from
  /// several translation units), in no particular order: see SourceIndex.
  std::vector<ReportedFinding> Reports;
  /// reportKey() of each of Reports -> its index, for the de-duplication.
  llvm::StringMap<size_t> ReportKeys;
  /// Findings that NOLINT comments suppressed (check and place, so that a
  /// shared header's count once).
  llvm::StringSet<> SuppressedByNolint;
  /// "file:offset" of each [[bumper::no_escape]] seen in a file whose
  /// findings are reported (a main file, a header the header filter
  /// matches), for the summary; one written in a macro adds where it is
  /// spelt.
  llvm::StringSet<> Annotations;
  /// The same for the headers whose findings are not reported. A header's
  /// block may be in both sets when the translation units' header filters
  /// (their .bumper.yaml) differ; the summary counts it as reported.
  llvm::StringSet<> UnreportedAnnotations;
  std::mutex Lock;
};

/// Adds one translation unit's \p Reports to \p Result, each finding once,
/// with their fixes (what runChecks() does after each unit). \p Suppressed:
/// the check and place of each finding NOLINT suppressed.
void mergeReports(RunResult &Result, std::vector<ReportedFinding> Reports,
                  llvm::ArrayRef<std::string> Suppressed = std::nullopt);

struct SummaryPass;

/// Parses and checks each of \p Sources with the flags \p DB gives it, on
/// up to Opts.Jobs threads. Each unit's diagnostics are buffered and printed
/// whole to stderr, in the order of \p Sources.
/// \p PerSource, when not empty, holds each source's options (its
/// .bumper.yaml); Jobs and Progress come from \p Opts.
void runChecks(const clang::tooling::CompilationDatabase &DB,
               llvm::ArrayRef<std::string> Sources, const ToolOptions &Opts,
               RunResult &Result,
               llvm::ArrayRef<ToolOptions> PerSource = std::nullopt,
               SummaryPass *Pass = nullptr);

/// What updateSummaries() did.
struct SummaryRunStats {
  unsigned Summarised = 0; ///< units parsed and summarised
  unsigned Reused = 0;     ///< units whose inputs had not changed
  unsigned Failed = 0;     ///< units that did not compile
};

/// The summaries runChecks() makes as it checks: the sources to summarise
/// (source -> its unit command), into Index. Each is parsed once, summarised
/// and, when it has no no_escape annotation (its findings then do not depend
/// on other units' summaries), checked in the same parse; the others are
/// checked once every summary is made. A source that is not summarised
/// again reuses the findings the index stored for it when its command,
/// options, inputs, the tool's version and (for a source with annotations)
/// every unit's summaries are those they were made with; the findings of
/// every source checked are stored for the next run, but for those with
/// fixes.
struct SummaryPass {
  explicit SummaryPass(SummaryIndex &Index) : Index(Index) {}
  SummaryIndex &Index;
  llvm::StringMap<std::string> Stale;
  SummaryRunStats Stats;
  /// Sources whose findings were taken from the previous run (not parsed).
  unsigned ResultsReused = 0;
  /// Index's stored findings changed: the file must be written.
  bool ResultsChanged = false;
  std::mutex Lock;
};

/// Brings \p Index up to date for \p Sources: a source whose compile
/// command and configuration are those the index recorded, and whose every
/// input file outside system headers holds the content it had, keeps its
/// summaries; the others are parsed and summarised (summarizeUnit(), on up
/// to Opts.Jobs threads, printing nothing), except those in \p Checked,
/// which are returned in \p CheckedStale (source -> unit command) for
/// runChecks()' SummaryPass. \p PerSource as for runChecks().
SummaryRunStats updateSummaries(const clang::tooling::CompilationDatabase &DB,
                                llvm::ArrayRef<std::string> Sources,
                                const ToolOptions &Opts,
                                llvm::ArrayRef<ToolOptions> PerSource,
                                SummaryIndex &Index,
                                const llvm::StringSet<> &Checked,
                                llvm::StringMap<std::string> &CheckedStale);

} // namespace bumper

#endif // BUMPER_TOOL_RUNNER_H
