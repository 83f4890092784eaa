//===- Sarif.h - SARIF 2.1.0 output of bumper-tool -------------*- C++ -*-===//
//
// --format=sarif: one run of bumper-tool as a SARIF 2.1.0 log, with the rules,
// the results (locations, related locations for the notes, fixes for the
// fix-its) and fingerprints that let GitHub code scanning follow an alert
// across commits. Plain data in, JSON out: no Clang headers.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_SARIF_H
#define BUMPER_TOOL_SARIF_H

#include "bumper-tool/Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace bumper {

struct SarifOptions {
  /// --source-root: absolute; "" when not given. Files under it get URIs
  /// relative to it with uriBaseId SRCROOT; others (and every file when it is
  /// empty) get absolute file:// URIs.
  std::string SourceRoot;
  /// The tool's version, for tool.driver.version.
  std::string Version;
};

/// Writes \p Findings (in order) as a SARIF 2.1.0 log with one run.
void writeSarif(llvm::raw_ostream &OS, llvm::ArrayRef<ReportedFinding> Findings,
                const SarifOptions &Opts);

/// "file:///abs/path" with the characters URIs reserve percent-encoded.
std::string fileUri(llvm::StringRef AbsolutePath);

} // namespace bumper

#endif // BUMPER_TOOL_SARIF_H
