//===- Findings.h - What the checks report, independent of the front end --===//
//
// The analyses produce Findings as plain data; each front end (the command-line
// tool, later the compiler plugin and the clang-tidy module) renders them:
// as clang diagnostics, as SARIF, or as fixes. This keeps one analysis behind
// several front ends.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_FINDINGS_H
#define BUMPER_TOOL_FINDINGS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace bumper {

/// The checks, named as in DESIGN.md. A check's name is what NOLINT(...) and
/// the diagnostic's trailing "[name]" use.
enum class Check {
  Escape,            ///< bumper-escape: arena memory outlives its block.
  MissingGuard,      ///< bumper-missing-guard: annotated block has no guard.
  UnscopedAlloc,     ///< bumper-unscoped-alloc: alloc outside any block.
  InvalidAnnotation, ///< bumper-annotation: a misplaced or malformed attribute.
};

/// "bumper-escape", "bumper-missing-guard", ...
llvm::StringRef checkName(Check C);

enum class Severity { Note, Warning, Error };

/// A note attached to a finding ("allocated here", "block ends here").
struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  Check Kind;
  Severity Level;
  clang::SourceLocation Loc;
  /// The message without the trailing "[check-name]", which renderers add.
  std::string Message;
  llvm::SmallVector<FindingNote, 2> Notes;
  llvm::SmallVector<clang::FixItHint, 1> Fixes;
};

/// Where analyses send what they find. Implementations filter (NOLINT),
/// de-duplicate (template instantiations) and render.
class FindingSink {
public:
  virtual ~FindingSink();
  virtual void report(Finding F) = 0;
};

} // namespace bumper

#endif // BUMPER_TOOL_FINDINGS_H
