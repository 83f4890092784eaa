//===- Diagnostics.h - Rendering the policy's decisions ---------*- C++ -*-===//
//
// The FindingPolicy (FindingPolicy.h) decides what is reported; this renders
// it: through Clang's DiagnosticsEngine ("file:line:col: warning: ...
// [check-name]", source line, caret, fix-it, notes), as bumper-tool and the
// compiler plugin print it, and as plain data (Report.h) for SARIF, the fixes
// and the summary. It writes nothing of the driver's: Runner.h merges the
// plain data of every translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_DIAGNOSTICS_H
#define BUMPER_TOOL_DIAGNOSTICS_H

#include "bumper-tool/FindingPolicy.h"
#include "bumper-tool/Report.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/LangOptions.h"

namespace bumper {

/// Reports \p D through \p Diags, with its applicable fix-its and its notes.
/// The translation unit's -ferror-limit does not cut the tool's own findings.
void renderDiagnostic(clang::DiagnosticsEngine &Diags, const Decision &D);

/// \p D as plain data: every location resolved to a file, a line and a
/// column, and its applicable fixes as edits.
ReportedFinding toReport(const clang::SourceManager &SM,
                         const clang::LangOptions &LO, const Decision &D);

} // namespace bumper

#endif // BUMPER_TOOL_DIAGNOSTICS_H
