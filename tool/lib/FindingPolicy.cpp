//===- FindingPolicy.cpp - What is reported, and how loudly ---------------===//
//
// Diagnostics made with getCustomDiagID ignore -Werror and -w, which is why
// warnings-as-errors and -w are decided here rather than by clang.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/FindingPolicy.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/Paths.h"
#include "clang/Basic/FileManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/GlobPattern.h"

using namespace clang;

namespace bumper {

FindingSink::~FindingSink() = default;

/// The text after \p Marker up to the end of its "(...)" list, or "" when it
/// has none: what a NOLINTEND must repeat to close a NOLINTBEGIN.
static StringRef checkListAfter(StringRef Line, StringRef Marker) {
  size_t Pos = Line.find(Marker);
  if (Pos == StringRef::npos)
    return "";
  StringRef Rest = Line.substr(Pos + Marker.size());
  if (!Rest.starts_with("("))
    return "";
  return Rest.drop_front().split(')').first.trim();
}

/// Does \p Line hold \p Marker (NOLINT, NOLINTNEXTLINE or NOLINTBEGIN)
/// naming \p Check?
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

const NolintIndex::FileRegions &NolintIndex::regionsOf(FileID FID,
                                                       StringRef Buf) {
  auto [It, New] = Files.try_emplace(FID);
  FileRegions &F = It->second;
  if (!New || (!Buf.contains("NOLINTBEGIN") && !Buf.contains("NOLINTEND")))
    return F;
  // Regions open at a point, innermost last; each with its check list.
  struct Open {
    size_t Begin;
    StringRef Line, List;
  };
  llvm::SmallVector<Open, 4> Stack;
  // Matched regions, by their BEGIN; their parents are fixed once known.
  std::vector<std::tuple<size_t, size_t, StringRef>> Matched;
  // Every NOLINTBEGIN and NOLINTEND in file order, several on a line
  // included, as clang-tidy reads them.
  auto LineStartOf = [&](size_t Pos) {
    size_t Start = Buf.rfind('\n', Pos);
    return Start == StringRef::npos ? 0 : Start + 1;
  };
  for (size_t Pos = Buf.find("NOLINT"); Pos != StringRef::npos;
       Pos = Buf.find("NOLINT", Pos + 1)) {
    StringRef At = Buf.substr(Pos);
    bool IsBegin = At.starts_with("NOLINTBEGIN");
    if (!IsBegin && !At.starts_with("NOLINTEND"))
      continue;
    StringRef Marker = IsBegin ? "NOLINTBEGIN" : "NOLINTEND";
    StringRef List = checkListAfter(At, Marker);
    size_t LineStart = LineStartOf(Pos);
    if (IsBegin) {
      size_t LineEnd = Buf.find('\n', Pos);
      // The BEGIN's own text, from the marker: what lineSuppresses reads.
      Stack.push_back({LineStart, Buf.slice(Pos, LineEnd), List});
      continue;
    }
    auto Match = llvm::find_if(llvm::reverse(Stack),
                               [&](const Open &O) { return O.List == List; });
    if (Match == Stack.rend()) {
      F.Unmatched.push_back({Pos, false});
      continue;
    }
    size_t LineEnd = Buf.find('\n', Pos);
    Matched.emplace_back(Match->Begin,
                         LineEnd == StringRef::npos ? Buf.size() : LineEnd,
                         Match->Line);
    Stack.erase(std::next(Match).base());
  }
  for (const Open &O : Stack)
    F.Unmatched.push_back({size_t(O.Line.data() - Buf.data()), true});
  llvm::sort(F.Unmatched);
  llvm::sort(Matched);
  // Parents: the nearest earlier region that still contains this one.
  for (auto &[Begin, End, Line] : Matched) {
    int Parent = int(F.Regions.size()) - 1;
    while (Parent >= 0 && F.Regions[Parent].End < Begin)
      Parent = F.Regions[Parent].Parent;
    F.Regions.push_back({Begin, End, Line, Parent});
  }
  return F;
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
  const std::vector<Region> &R = regionsOf(FID, Buf).Regions;
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

void NolintIndex::read(FileID FID) {
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (!Invalid)
    regionsOf(FID, Buf);
}

std::vector<NolintIndex::Unmatched> NolintIndex::unmatched() const {
  std::vector<Unmatched> Out;
  for (const auto &[FID, F] : Files)
    for (const auto &[Offset, IsBegin] : F.Unmatched)
      Out.push_back({SM.getComposedLoc(FID, Offset), IsBegin});
  llvm::sort(Out, [&](const Unmatched &L, const Unmatched &R) {
    return SM.isBeforeInTranslationUnit(L.Loc, R.Loc);
  });
  return Out;
}

std::string Decision::suffix() const {
  return ("[" + checkName(F.Kind) +
          (RaisedToError ? ",-warnings-as-errors]" : "]"))
      .str();
}

FindingPolicy::FindingPolicy(const SourceManager &SM, PolicyOptions Options)
    : SM(SM), Opts(std::move(Options)), Nolint(SM) {
  if (!Opts.HeaderFilter.empty())
    HeaderFilter.emplace(Opts.HeaderFilter);
}

void FindingPolicy::report(Finding F) {
  if (KeptKeys.emplace(F.Kind, F.Loc.getRawEncoding(), F.Message).second)
    Kept.push_back(std::move(F));
}

bool FindingPolicy::isReported(SourceLocation Loc) const {
  if (Loc.isInvalid())
    return true;
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInSystemHeader(Loc))
    return false;
  // Presumed locations: a preprocessed file (what a distcc worker compiles)
  // is judged by its line markers, as the compiler judges it.
  if (SM.isInMainFile(Loc))
    return true;
  if (!HeaderFilter)
    return false;
  PresumedLoc P = SM.getPresumedLoc(Loc);
  return P.isValid() && HeaderFilter->match(
                            absolutePath(SM.getFileManager(), P.getFilename()));
}

bool FindingPolicy::enabled(Check C) const {
  if (Opts.HostFilters)
    return true;
  if (auto Given = Opts.Levels.find(C); Given != Opts.Levels.end())
    return Given->second.has_value();
  return isCheckEnabled(Opts.Checks, checkInfo(C));
}

std::optional<Decision> FindingPolicy::decide(Finding F) {
  const CheckInfo &Info = checkInfo(F.Kind);
  Decision D(std::move(F), Info.Level);
  for (const FixItHint &Hint : D.F.Fixes) {
    SourceLocation B = Hint.RemoveRange.getBegin();
    if (B.isValid() && !B.isMacroID() && (Opts.HostFilters || isReported(B)))
      D.Fixes.push_back(Hint);
  }
  if (Opts.HostFilters)
    return D;
  if (auto Given = Opts.Levels.find(D.F.Kind); Given != Opts.Levels.end()) {
    if (!Given->second)
      return std::nullopt;
    D.Level = *Given->second;
  } else if (!isCheckEnabled(Opts.Checks, Info)) {
    return std::nullopt;
  }
  if (!isReported(D.F.Loc))
    return std::nullopt;
  if (Nolint.suppresses(D.F.Loc, Info.Name)) {
    Suppressed.emplace_back(D.F.Kind, D.F.Loc);
    return std::nullopt;
  }
  D.Fixed = Opts.FixesApplied && !D.Fixes.empty();
  if (D.F.Remark)
    D.Level = Severity::Note;
  if (D.Level == Severity::Warning) {
    if (Opts.IgnoreWarnings)
      return std::nullopt;
    // A warning that --fix fixes is reported as fixed, not as an error.
    if (!D.Fixed && (Opts.WarningsAsErrors ||
                     globListMatches(Opts.WarningsAsErrorsChecks, Info.Name))) {
      D.Level = Severity::Error;
      D.RaisedToError = true;
    }
  }
  return D;
}

std::vector<Decision> FindingPolicy::take() {
  llvm::stable_sort(Kept, [&](const Finding &L, const Finding &R) {
    if (L.Loc.isInvalid() || R.Loc.isInvalid())
      return L.Loc.isValid() < R.Loc.isValid();
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(L.Loc),
                                        SM.getExpansionLoc(R.Loc));
  });
  std::vector<Decision> Out;
  for (Finding &F : Kept)
    if (std::optional<Decision> D = decide(std::move(F)))
      Out.push_back(std::move(*D));
  Kept.clear();
  KeptKeys.clear();
  if (Opts.HostFilters)
    return Out;
  // The main file is always read, so that its unmatched regions are reported
  // whether or not it has findings (--fix would otherwise make the error come
  // and go); a header is read when it has a finding, as clang-tidy reads
  // files.
  Nolint.read(SM.getMainFileID());
  for (const NolintIndex::Unmatched &U : Nolint.unmatched()) {
    Finding F{Check::Nolint,
              U.Loc,
              U.IsBegin ? "unmatched 'NOLINTBEGIN' comment without a "
                          "subsequent 'NOLINTEND' comment"
                        : "unmatched 'NOLINTEND' comment without a previous "
                          "'NOLINTBEGIN' comment",
              {},
              {}};
    if (isReported(F.Loc))
      Out.emplace_back(std::move(F), Severity::Error);
  }
  return Out;
}

} // namespace bumper
