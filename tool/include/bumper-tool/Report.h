//===- Report.h - Findings as plain data, for SARIF and the summary -------===//
//
// What the renderer (Diagnostics.h) keeps of each finding it reports, with
// every location already resolved to a file, a line and a column: the SARIF
// writer (Sarif.h) and the run's summary need no SourceManager, so they need
// none of Clang's AST headers either.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_REPORT_H
#define BUMPER_TOOL_REPORT_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace bumper {

/// A point in a file. Lines and columns are 1-based; 0 means unknown.
struct ReportLocation {
  /// Absolute, with "." and ".." removed; "" when the finding has no place.
  std::string File;
  unsigned Line = 0;
  /// In bytes, as Clang counts them.
  unsigned Column = 0;
  /// In UTF-16 code units, as SARIF counts them by default.
  unsigned ColumnUTF16 = 0;
  /// In bytes from the start of the file.
  unsigned Offset = 0;
  /// The text of the line, without its line break.
  std::string LineText;
};

struct ReportedNote {
  ReportLocation Loc;
  std::string Message;
};

/// One replacement of a fix-it: bytes [Offset, Offset + Length) of File
/// become Text. Begin/End are the same range as lines and columns.
struct ReportedEdit {
  std::string File;
  unsigned Offset = 0, Length = 0;
  ReportLocation Begin, End;
  std::string Text;
};

struct ReportedFinding {
  /// "bumper-escape", ...
  std::string Check;
  /// "error", "warning" or "note", after --warnings-as-errors.
  std::string Level;
  /// Without the trailing "[check-name]".
  std::string Message;
  ReportLocation Loc;
  std::vector<ReportedNote> Notes;
  std::vector<ReportedEdit> Edits;
  /// Its fix is applied (--fix): a fixed warning is not left to fix.
  bool Fixed = false;
  /// The position on the command line of the source whose translation unit
  /// reported it: findings are written in that order, whatever -j did.
  unsigned SourceIndex = 0;
  /// The order in which that translation unit reported it.
  unsigned Sequence = 0;
};

/// What makes two reports the same finding: a shared header's finding comes
/// from every translation unit that includes it, and is reported once.
std::string reportKey(const ReportedFinding &F);

/// The number of UTF-16 code units in the UTF-8 text \p Prefix (a malformed
/// byte counts as one unit).
unsigned utf16Length(llvm::StringRef Prefix);

} // namespace bumper

#endif // BUMPER_TOOL_REPORT_H
