//===- Diagnostics.cpp - Rendering the policy's decisions -----------------===//
//
// Diagnostics made with getCustomDiagID ignore -Werror and -w (the policy
// decides those); their text carries the check's name as clang-tidy writes
// it.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/Paths.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Core/Replacement.h"

using namespace clang;

namespace bumper {

/// \p Text's lines, each trimmed, joined by spaces.
static std::string oneLine(StringRef Text) {
  SmallVector<StringRef, 4> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Out;
  for (StringRef L : Lines) {
    L = L.trim();
    if (L.empty())
      continue;
    if (!Out.empty())
      Out += ' ';
    Out += L;
  }
  return Out;
}

void renderDiagnostic(DiagnosticsEngine &Diags, const Decision &D) {
  // clang stops at -ferror-limit (20 by default) with "too many errors
  // emitted"; that limit is for the compiler's errors, not for the findings
  // a lint run exists to list.
  unsigned Limit = Diags.getDiagnosticOptions().ErrorLimit;
  Diags.setErrorLimit(0);
  DiagnosticsEngine::Level Level =
      D.Level == Severity::Error  ? DiagnosticsEngine::Error
      : D.Level == Severity::Note ? DiagnosticsEngine::Remark
                                  : DiagnosticsEngine::Warning;
  {
    DiagnosticBuilder DB =
        Diags.Report(D.F.Loc, Diags.getCustomDiagID(Level, "%0"));
    DB << (D.F.Message + " " + D.suffix());
    for (const FixItHint &Hint : D.Fixes)
      DB << Hint;
  }
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  for (const FindingNote &N : D.F.Notes)
    Diags.Report(N.Loc, NoteID) << N.Message;
  // Clang's fix-it line shows only an insertion on one line; a guard is
  // inserted on a line of its own. Where the fix-it line would be, say
  // what the fix inserts.
  const DiagnosticOptions &DO = Diags.getDiagnosticOptions();
  if (!D.Fixed && DO.ShowCarets && DO.ShowFixits)
    for (const FixItHint &Hint : D.Fixes)
      if (StringRef(Hint.CodeToInsert).contains('\n'))
        Diags.Report(Hint.RemoveRange.getBegin(), NoteID)
            << ("--fix inserts '" + oneLine(Hint.CodeToInsert) + "' here");
  if (D.Fixed)
    Diags.Report(D.F.Loc, NoteID) << "FIX-IT applied suggested code changes";
  Diags.setErrorLimit(Limit);
}

static ReportLocation locate(const SourceManager &SM, FileID FID,
                             unsigned Offset) {
  ReportLocation R;
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return R;
  R.File = absolutePath(SM.getFileManager(), FE->getName());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset > Buf.size())
    return R;
  size_t Start = Buf.rfind('\n', Offset); // Strictly before Offset.
  Start = Start == StringRef::npos ? 0 : Start + 1;
  size_t End = Buf.find('\n', Offset);
  R.LineText = Buf.slice(Start, End).rtrim("\r").str();
  R.Offset = Offset;
  R.Line = SM.getLineNumber(FID, Offset);
  R.Column = Offset - Start + 1;
  R.ColumnUTF16 = utf16Length(Buf.slice(Start, Offset)) + 1;
  return R;
}

static ReportLocation locate(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid())
    return {};
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  return locate(SM, FID, Offset);
}

ReportedFinding toReport(const SourceManager &SM, const LangOptions &LO,
                         const Decision &D) {
  ReportedFinding R;
  R.Check = checkName(D.F.Kind).str();
  R.Level = severityName(D.Level).str();
  R.Message = D.F.Message;
  R.Fixed = D.Fixed;
  R.Loc = locate(SM, D.F.Loc);
  for (const FindingNote &N : D.F.Notes)
    R.Notes.push_back({locate(SM, N.Loc), N.Message});
  for (const FixItHint &Hint : D.Fixes) {
    tooling::Replacement Rep(SM, Hint.RemoveRange, Hint.CodeToInsert, LO);
    ReportedEdit E;
    E.File = absolutePath(SM.getFileManager(), Rep.getFilePath());
    E.Offset = Rep.getOffset();
    E.Length = Rep.getLength();
    E.Text = std::string(Rep.getReplacementText());
    FileID FID = SM.getFileID(SM.getExpansionLoc(Hint.RemoveRange.getBegin()));
    E.Begin = locate(SM, FID, E.Offset);
    E.End = locate(SM, FID, E.Offset + E.Length);
    R.Edits.push_back(std::move(E));
  }
  return R;
}

} // namespace bumper
