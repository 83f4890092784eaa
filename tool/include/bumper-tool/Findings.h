//===- Findings.h - What the checks report, independent of the front end --===//
//
// The analyses produce Findings as plain data; each front end (the command-line
// tool, the compiler plugin and the clang-tidy module) passes them through the
// one FindingPolicy and renders what it keeps: as clang diagnostics, as SARIF,
// or as fixes. This keeps one analysis behind several front ends.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_FINDINGS_H
#define BUMPER_TOOL_FINDINGS_H

#include "bumper-tool/CheckRegistry.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace bumper {

/// A note attached to a finding ("allocated here", "block ends here").
struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

/// A finding's level is its check's (CheckRegistry.h); the policy
/// (FindingPolicy.h) may raise a warning to an error.
struct Finding {
  Check Kind;
  clang::SourceLocation Loc;
  /// The message without the trailing "[check-name]", which renderers add.
  std::string Message;
  llvm::SmallVector<FindingNote, 2> Notes;
  llvm::SmallVector<clang::FixItHint, 1> Fixes;
  /// A remark, not a problem (--explain: why a candidate was refused): it
  /// is reported at the Note level whatever the check's level, and never
  /// raised to an error.
  bool Remark = false;
};

/// Where analyses send what they find. FindingPolicy is the one
/// implementation that keeps them (de-duplicated, then filtered).
class FindingSink {
public:
  virtual ~FindingSink();
  virtual void report(Finding F) = 0;
  /// Are the findings of the check kept at all? An opt-in check whose analysis
  /// costs something asks first.
  virtual bool enabled(Check) const { return true; }
};

} // namespace bumper

#endif // BUMPER_TOOL_FINDINGS_H
