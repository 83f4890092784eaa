//===- ApplyFixes.h - --fix and --diff over a run's fixes ------*- C++ -*-===//
//
// After all translation units are checked, the fixes of each file are
// applied to the content the analysis read (RunResult::AnalysedContent),
// then printed as a diff (--diff) or written (--fix, SafeWrite.h). A file
// that changed on disk since it was read, or whose fixes conflict, is
// reported and left alone; the other files are still written.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_APPLYFIXES_H
#define BUMPER_TOOL_APPLYFIXES_H

#include "bumper-tool/Runner.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace bumper {

enum class FixOutput {
  Write, ///< --fix: rewrite the files.
  Diff,  ///< --diff: print a unified diff per file on the stream.
};

struct AppliedFixes {
  unsigned FilesWritten = 0; ///< Files rewritten (or diffs printed).
  /// The fixes in those files: each distinct edit once (a shared header's
  /// guard, wanted by several translation units, is one fix).
  unsigned FixesWritten = 0;
  /// Files left alone because they could not be read, fixed or written
  /// (each reported once through ReportError), by the path the fixes use.
  llvm::StringSet<> FilesNotWritten;
};

/// Applies the fixes of \p Result to every file that has some, except the
/// main files of broken translation units. Each problem goes to
/// \p ReportError, one llvm::Error per file. A diff names each file
/// relative to the folder \p DiffRoot ("" for the working folder), with
/// git's a/ and b/ prefixes, so that `git apply` and `patch -p1` take it
/// there.
AppliedFixes applyFixes(const RunResult &Result, FixOutput Mode,
                        llvm::raw_ostream &DiffOut,
                        llvm::function_ref<void(llvm::Error)> ReportError,
                        llvm::StringRef DiffRoot = "");

} // namespace bumper

#endif // BUMPER_TOOL_APPLYFIXES_H
