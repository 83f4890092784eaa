//===- Diagnostics.cpp - NOLINT, header filter, rendering of findings -----===//
//
// Every check reports Findings; this is the one place that turns them into
// what the user sees, so NOLINT and --warnings-as-errors work alike for all
// checks. Diagnostics made with getCustomDiagID ignore -Werror and -w, which
// is why --warnings-as-errors is implemented here.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/Config.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include <tuple>

using namespace clang;

namespace bumper {

FindingSink::~FindingSink() = default;

llvm::StringRef checkName(Check C) {
  switch (C) {
  case Check::Escape:
    return "bumper-escape";
  case Check::MissingGuard:
    return "bumper-missing-guard";
  case Check::UnscopedAlloc:
    return "bumper-unscoped-alloc";
  case Check::InvalidAnnotation:
    return "bumper-annotation";
  }
  llvm_unreachable("unknown check");
}

/// Does \p Line hold \p Marker (NOLINT or NOLINTNEXTLINE) naming \p Check?
static bool lineSuppresses(StringRef Line, StringRef Marker, StringRef Check) {
  for (size_t Pos = Line.find(Marker); Pos != StringRef::npos;
       Pos = Line.find(Marker, Pos + 1)) {
    StringRef Rest = Line.substr(Pos + Marker.size());
    if (!Rest.empty() && (isalnum((unsigned char)Rest[0]) || Rest[0] == '_'))
      continue; // NOLINTNEXTLINE when looking for NOLINT, NOLINTBEGIN, ...
    if (!Rest.starts_with("("))
      return true; // No list: every check.
    StringRef List = Rest.drop_front().split(')').first;
    llvm::SmallVector<StringRef, 4> Names;
    List.split(Names, ',');
    for (StringRef Name : Names) {
      Name = Name.trim();
      if (Name.empty())
        continue;
      if (auto Glob = llvm::GlobPattern::create(Name))
        if (Glob->match(Check))
          return true;
    }
  }
  return false;
}

const std::vector<NolintIndex::Region> &NolintIndex::regionsOf(FileID FID,
                                                               StringRef Buf) {
  auto [It, New] = Regions.try_emplace(FID);
  std::vector<Region> &R = It->second;
  if (!New || !Buf.contains("NOLINTBEGIN"))
    return R;
  // A NOLINTEND closes the latest NOLINTBEGIN still open.
  llvm::SmallVector<int, 4> Open;
  for (size_t LineStart = 0; LineStart < Buf.size();) {
    size_t LineEnd = Buf.find('\n', LineStart);
    if (LineEnd == StringRef::npos)
      LineEnd = Buf.size();
    StringRef Line = Buf.slice(LineStart, LineEnd);
    if (Line.contains("NOLINTBEGIN")) {
      R.push_back(
          {LineStart, StringRef::npos, Line, Open.empty() ? -1 : Open.back()});
      Open.push_back(int(R.size()) - 1);
    } else if (Line.contains("NOLINTEND") && !Open.empty()) {
      R[Open.pop_back_val()].End = LineEnd;
    }
    LineStart = LineEnd + 1;
  }
  return R;
}

bool NolintIndex::suppresses(SourceLocation Loc, StringRef Check) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  size_t Start = Buf.rfind('\n', Offset);
  Start = Start == StringRef::npos ? 0 : Start + 1;
  size_t End = Buf.find('\n', Offset);
  StringRef Line = Buf.slice(Start, End);
  if (lineSuppresses(Line, "NOLINT", Check))
    return true;
  // The regions open at Offset are the last one to begin before it, if it
  // has not ended, and the regions around that one.
  const std::vector<Region> &R = regionsOf(FID, Buf);
  auto After = llvm::upper_bound(
      R, size_t(Offset), [](size_t O, const Region &X) { return O < X.Begin; });
  for (int I = int(After - R.begin()) - 1; I >= 0; I = R[I].Parent)
    if (R[I].End >= Offset &&
        lineSuppresses(R[I].BeginLine, "NOLINTBEGIN", Check))
      return true;
  if (Start == 0)
    return false;
  size_t PrevStart = Buf.rfind('\n', Start - 1);
  PrevStart = PrevStart == StringRef::npos ? 0 : PrevStart + 1;
  return lineSuppresses(Buf.slice(PrevStart, Start - 1), "NOLINTNEXTLINE",
                        Check);
}

RenderingSink::RenderingSink(DiagnosticsEngine &Diags, const LangOptions &LO,
                             const ToolOptions &Opts, RunResult &Result)
    : Diags(Diags), SM(Diags.getSourceManager()), LO(LO), Opts(Opts),
      Result(Result), Nolint(SM) {
  if (!Opts.HeaderFilter.empty())
    HeaderFilter.emplace(Opts.HeaderFilter);
}

RenderingSink::~RenderingSink() { flush(); }

static std::string absolutePath(const SourceManager &SM, StringRef Path) {
  llvm::SmallString<256> P(Path);
  SM.getFileManager().makeAbsolutePath(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

bool RenderingSink::wanted(SourceLocation Loc) const {
  if (Loc.isInvalid())
    return true;
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isWrittenInMainFile(Loc))
    return true;
  if (SM.isInSystemHeader(Loc))
    return false;
  if (!HeaderFilter)
    return false;
  return HeaderFilter->match(absolutePath(SM, SM.getFilename(Loc)));
}

void RenderingSink::report(Finding F) {
  if (!globListMatches(Opts.Checks, checkName(F.Kind)))
    return; // Turned off by .bumper.yaml's Checks.
  if (!wanted(F.Loc) || Nolint.suppresses(F.Loc, checkName(F.Kind)))
    return;
  // Template instantiations and shared headers report the same thing twice.
  if (!PendingKeys.emplace(F.Kind, F.Loc.getRawEncoding(), F.Message).second)
    return;
  Pending.push_back(std::move(F));
}

void RenderingSink::flush() {
  llvm::stable_sort(Pending, [&](const Finding &L, const Finding &R) {
    if (L.Loc.isInvalid() || R.Loc.isInvalid())
      return L.Loc.isValid() < R.Loc.isValid();
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(L.Loc),
                                        SM.getExpansionLoc(R.Loc));
  });
  for (const Finding &F : Pending)
    render(F);
  Pending.clear();
  PendingKeys.clear();
}

ReportLocation RenderingSink::locate(FileID FID, unsigned Offset) const {
  ReportLocation R;
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return R;
  R.File = absolutePath(SM, FE->getName());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset > Buf.size())
    return R;
  size_t Start = Buf.rfind('\n', Offset); // Strictly before Offset.
  Start = Start == StringRef::npos ? 0 : Start + 1;
  size_t End = Buf.find('\n', Offset);
  R.LineText = Buf.slice(Start, End).rtrim("\r").str();
  R.Line = SM.getLineNumber(FID, Offset);
  R.Column = Offset - Start + 1;
  R.ColumnUTF16 = utf16Length(Buf.slice(Start, Offset)) + 1;
  return R;
}

ReportLocation RenderingSink::locate(SourceLocation Loc) const {
  if (Loc.isInvalid())
    return {};
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  return locate(FID, Offset);
}

void RenderingSink::render(const Finding &F) {
  // The fixes that may be applied: not in a macro, in an editable file.
  std::vector<tooling::Replacement> Replacements;
  llvm::SmallVector<FixItHint, 1> Hints;
  ReportedFinding Report;
  for (const FixItHint &Hint : F.Fixes) {
    SourceLocation B = Hint.RemoveRange.getBegin();
    if (B.isInvalid() || B.isMacroID() || !wanted(B))
      continue;
    tooling::Replacement R(SM, Hint.RemoveRange, Hint.CodeToInsert, LO);
    Replacements.emplace_back(absolutePath(SM, R.getFilePath()), R.getOffset(),
                              R.getLength(), R.getReplacementText());
    Hints.push_back(Hint);
    ReportedEdit E;
    E.File = std::string(Replacements.back().getFilePath());
    E.Offset = R.getOffset();
    E.Length = R.getLength();
    E.Text = std::string(R.getReplacementText());
    FileID FID = SM.getFileID(B);
    E.Begin = locate(FID, E.Offset);
    E.End = locate(FID, E.Offset + E.Length);
    Report.Edits.push_back(std::move(E));
  }
  bool Fixed = Opts.Fix && !Replacements.empty();

  StringRef Name = checkName(F.Kind);
  DiagnosticsEngine::Level Level = DiagnosticsEngine::Error;
  std::string Suffix = ("[" + Name + "]").str();
  if (F.Level == Severity::Warning) {
    bool AsError = Opts.WarningsAsErrors ||
                   (!Opts.WarningsAsErrorsChecks.empty() &&
                    globListMatches(Opts.WarningsAsErrorsChecks, Name));
    if (AsError && !Fixed)
      Suffix = ("[" + Name + ",-warnings-as-errors]").str();
    else
      Level = DiagnosticsEngine::Warning;
  } else if (F.Level == Severity::Note) {
    Level = DiagnosticsEngine::Note;
  }

  if (Opts.RenderText) {
    {
      DiagnosticBuilder DB =
          Diags.Report(F.Loc, Diags.getCustomDiagID(Level, "%0"));
      DB << (F.Message + " " + Suffix);
      for (const FixItHint &Hint : Hints)
        DB << Hint;
    }
    unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    for (const FindingNote &N : F.Notes)
      Diags.Report(N.Loc, NoteID) << N.Message;
    if (Fixed)
      Diags.Report(F.Loc, NoteID) << "FIX-IT applied suggested code changes";
  }

  Report.Check = Name.str();
  Report.Level = Level == DiagnosticsEngine::Error     ? "error"
                 : Level == DiagnosticsEngine::Warning ? "warning"
                                                       : "note";
  Report.Message = F.Message;
  Report.Loc = locate(F.Loc);
  for (const FindingNote &N : F.Notes)
    Report.Notes.push_back({locate(N.Loc), N.Message});
  Report.SourceIndex = SourceIndex;
  Report.Sequence = Sequence++;

  if (Level == DiagnosticsEngine::Error)
    ++ErrorsRendered;
  std::lock_guard<std::mutex> Guard(Result.Lock);
  // A shared header's finding, reported by several translation units: once.
  std::string Key = Report.Check + "\n" + Report.Loc.File + ":" +
                    std::to_string(Report.Loc.Line) + ":" +
                    std::to_string(Report.Loc.Column) + "\n" + Report.Message;
  // Whichever unit ran first under -j, it is listed with the first source on
  // the command line that reports it.
  auto [It, New] = Result.ReportKeys.try_emplace(Key, Result.Reports.size());
  if (New) {
    Result.Reports.push_back(std::move(Report));
  } else {
    ReportedFinding &Old = Result.Reports[It->second];
    if (std::tie(Report.SourceIndex, Report.Sequence) <
        std::tie(Old.SourceIndex, Old.Sequence)) {
      Old.SourceIndex = Report.SourceIndex;
      Old.Sequence = Report.Sequence;
    }
  }
  if (Level == DiagnosticsEngine::Error)
    ++Result.Errors;
  else if (Level == DiagnosticsEngine::Warning && !Fixed)
    ++Result.Warnings;
  if (Replacements.empty())
    return;
  if (Fixed)
    ++Result.Fixed;
  for (const tooling::Replacement &R : Replacements)
    Result.Fixes[std::string(R.getFilePath())].insert(R);

  SourceLocation Loc = SM.getExpansionLoc(F.Loc);
  tooling::DiagnosticMessage Msg(F.Message, SM, Loc);
  Msg.FilePath = absolutePath(SM, Msg.FilePath);
  for (const tooling::Replacement &R : Replacements)
    llvm::consumeError(Msg.Fix[std::string(R.getFilePath())].add(R));
  tooling::Diagnostic D(std::string(Name), Msg, {},
                        F.Level == Severity::Error
                            ? tooling::Diagnostic::Error
                            : tooling::Diagnostic::Warning,
                        "");
  // The same fix from another translation unit (a shared header): once.
  std::string ExportKey = D.DiagnosticName + "\n" + D.Message.FilePath + ":" +
                          std::to_string(D.Message.FileOffset) + "\n" +
                          D.Message.Message;
  if (!Result.ExportedKeys.insert(ExportKey).second)
    return;
  Result.Exported.push_back(std::move(D));
}

} // namespace bumper
