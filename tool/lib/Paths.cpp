//===- Paths.cpp - How the tool names a file ------------------------------===//

#include "bumper-tool/Paths.h"
#include "clang/Basic/FileManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace bumper {

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string absolutePath(const clang::FileManager &FM, llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  FM.makeAbsolutePath(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string relativePath(llvm::StringRef Path, llvm::StringRef Base) {
  std::string P = absolutePath(Path), B = absolutePath(Base);
  auto PI = llvm::sys::path::begin(P), PE = llvm::sys::path::end(P);
  auto BI = llvm::sys::path::begin(B), BE = llvm::sys::path::end(B);
  while (PI != PE && BI != BE && *PI == *BI)
    ++PI, ++BI;
  llvm::SmallString<256> Out;
  for (; BI != BE; ++BI)
    llvm::sys::path::append(Out, "..");
  for (; PI != PE; ++PI)
    llvm::sys::path::append(Out, *PI);
  return std::string(Out);
}

} // namespace bumper
