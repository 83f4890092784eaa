//===- ApplyFixes.cpp - --fix and --diff over a run's fixes ---------------===//

#include "bumper-tool/ApplyFixes.h"
#include "bumper-tool/Output.h"
#include "bumper-tool/Paths.h"
#include "bumper-tool/SafeWrite.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <tuple>
#include <vector>

namespace bumper {
namespace {

using Edit = std::tuple<unsigned, unsigned, std::string>;

/// \p Fixes as offset, length and text, whatever name of the file they use.
std::vector<Edit> editsOf(const std::set<clang::tooling::Replacement> &Fixes) {
  std::vector<Edit> Edits;
  for (const clang::tooling::Replacement &R : Fixes)
    Edits.emplace_back(R.getOffset(), R.getLength(),
                       std::string(R.getReplacementText()));
  return Edits;
}

/// \p Old with \p Fixes applied.
llvm::Expected<std::string>
applyTo(llvm::StringRef Path, llvm::StringRef Old,
        const std::set<clang::tooling::Replacement> &Fixes) {
  clang::tooling::Replacements Merged;
  for (const clang::tooling::Replacement &R : Fixes)
    if (llvm::Error E = Merged.add(R))
      return llvm::joinErrors(
          llvm::createStringError("conflicting fixes in '" + Path + "'"),
          std::move(E));
  return clang::tooling::applyAllReplacements(Old, Merged);
}

} // namespace

AppliedFixes applyFixes(const RunResult &Result, FixOutput Mode,
                        llvm::raw_ostream &DiffOut,
                        llvm::function_ref<void(llvm::Error)> ReportError,
                        llvm::StringRef DiffRoot) {
  AppliedFixes Out;
  std::string Root = absolutePath(DiffRoot.empty() ? "." : DiffRoot);
  auto Fail = [&](llvm::StringRef Path, llvm::Error E) {
    ReportError(std::move(E));
    Out.FilesNotWritten.insert(Path);
  };
  // The edits made to each file, by its real path: a file named twice (a
  // link and its target, both checked) is written once.
  llvm::StringMap<std::pair<std::string, std::vector<Edit>>> Done;
  llvm::StringSet<> Folders;
  for (const auto &[Path, Fixes] : Result.Fixes) {
    if (Result.BrokenFiles.contains(Path))
      continue;
    auto Analysed = Result.AnalysedContent.find(Path);
    if (Result.ChangedWhileChecked.contains(Path) ||
        Analysed == Result.AnalysedContent.end()) {
      Fail(Path, changedOnDiskError(Path));
      continue;
    }
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Path, Real))
      Real = Path;
    auto [Same, First] = Done.try_emplace(Real, Path, editsOf(Fixes));
    if (!First) {
      const std::string &Other = Same->second.first;
      if (Result.AnalysedContent.lookup(Other) != Analysed->second)
        Fail(Path, changedOnDiskError(Path));
      else if (Same->second.second != editsOf(Fixes))
        Fail(Path,
             llvm::createStringError("conflicting fixes in '" + Path +
                                     "': it is the same file as '" + Other +
                                     "', which gets other fixes"));
      continue;
    }
    // Volatile: read into memory, never mapped, so that a change to the file
    // from now on cannot change Old under our feet.
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false,
                                           /*IsVolatile=*/true);
    if (!Buf) {
      Fail(Path, llvm::createStringError(Buf.getError(), "cannot read '%s': %s",
                                         Path.c_str(),
                                         Buf.getError().message().c_str()));
      continue;
    }
    llvm::StringRef Old = (*Buf)->getBuffer();
    // The fixes were computed from what the analysis read.
    if (Analysed->second != ContentDigest::of(Old)) {
      Fail(Path, changedOnDiskError(Path));
      continue;
    }
    llvm::Expected<std::string> New = applyTo(Path, Old, Fixes);
    if (!New) {
      Fail(Path, New.takeError());
      continue;
    }
    if (*New == Old)
      continue;
    if (Mode == FixOutput::Diff) {
      std::string Name = relativePath(Path, Root);
      DiffOut << unifiedDiff("a/" + Name, "b/" + Name, Old, *New);
      ++Out.FilesWritten;
      Out.FixesWritten += Fixes.size();
      continue;
    }
    if (llvm::Error E = writeFileSafely(Path, Old, *New, &Folders)) {
      Fail(Path, std::move(E));
      continue;
    }
    ++Out.FilesWritten;
    Out.FixesWritten += Fixes.size();
  }
  // Each file was flushed before its rename; the renames last once their
  // folders are flushed, once each.
  syncFolders(Folders);
  return Out;
}

} // namespace bumper
