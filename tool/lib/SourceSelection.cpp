//===- SourceSelection.cpp - Which sources a run checks -------------------===//

#include "bumper-tool/SourceSelection.h"
#include "bumper-tool/Paths.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

namespace bumper {

std::vector<std::string>
databaseSources(const clang::tooling::CompilationDatabase &DB) {
  std::vector<std::string> Files;
  // A command's file may be relative to its "directory".
  for (const clang::tooling::CompileCommand &C : DB.getAllCompileCommands()) {
    llvm::SmallString<256> P(C.Filename);
    if (!llvm::sys::path::is_absolute(P) && !C.Directory.empty())
      P = (llvm::Twine(C.Directory) + "/" + C.Filename).str();
    Files.push_back(absolutePath(P));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

bool isListed(const clang::tooling::CompilationDatabase &DB,
              llvm::StringRef File) {
  return llvm::any_of(DB.getCompileCommands(File),
                      [](const clang::tooling::CompileCommand &C) {
                        return C.Heuristic.empty();
                      });
}

std::vector<std::string> matchingFiles(llvm::ArrayRef<std::string> Files,
                                       llvm::StringRef Regex) {
  if (Regex.empty())
    return Files.vec();
  llvm::Regex R(Regex, llvm::Regex::NoFlags);
  std::vector<std::string> Out;
  llvm::copy_if(Files, std::back_inserter(Out),
                [&](const std::string &F) { return R.match(F); });
  return Out;
}

} // namespace bumper
