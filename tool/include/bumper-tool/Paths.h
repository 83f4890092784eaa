//===- Paths.h - How the tool names a file ----------------------*- C++ -*-===//
//
// Every file the tool reports, edits, counts or filters is named one way:
// absolute, with "." and ".." removed. Clang-free, for the driver too.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_PATHS_H
#define BUMPER_TOOL_PATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class FileManager;
} // namespace clang

namespace bumper {

/// \p Path against the process's working folder.
std::string absolutePath(llvm::StringRef Path);

/// \p Path against the working folder of \p FM (a compile command's
/// "directory" when run from a compilation database).
std::string absolutePath(const clang::FileManager &FM, llvm::StringRef Path);

/// \p Path as seen from the folder \p Base (both absolute): "src/a.cpp",
/// or "../other/a.cpp" when it is not under \p Base.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Base);

} // namespace bumper

#endif // BUMPER_TOOL_PATHS_H
