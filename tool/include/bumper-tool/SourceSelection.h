//===- SourceSelection.h - Which sources a run checks -----------*- C++ -*-===//
//
// The sources of a run come from the command line, from every entry of the
// compilation database (no source given, as run-clang-tidy does), or from
// the files a change touched (--changed-files: a header stands for the
// translation units that include it, IncludeScan.h). Nothing here needs
// Clang's AST.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_SOURCESELECTION_H
#define BUMPER_TOOL_SOURCESELECTION_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace bumper {

/// Every file \p DB has a command for, absolute and normalised (Paths.h),
/// each once, sorted.
std::vector<std::string>
databaseSources(const clang::tooling::CompilationDatabase &DB);

/// Does \p DB list \p File itself (not a command guessed from another
/// file's, as JSON databases do for a file they do not list)?
bool isListed(const clang::tooling::CompilationDatabase &DB,
              llvm::StringRef File);

/// The files of \p Files whose path matches the POSIX extended regular
/// expression \p Regex (unanchored; an empty one matches every file).
std::vector<std::string> matchingFiles(llvm::ArrayRef<std::string> Files,
                                       llvm::StringRef Regex);

} // namespace bumper

#endif // BUMPER_TOOL_SOURCESELECTION_H
