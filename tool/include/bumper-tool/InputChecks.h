//===- InputChecks.h - What the tool is given, checked before parsing -----===//
//
// The command line's sources, its -j value and the compilation database are
// checked before Clang sees them, so that a bad input gets one clear error
// (exit status 2) instead of a page of compiler errors or a silent guess.
// Nothing here needs Clang's AST.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_INPUTCHECKS_H
#define BUMPER_TOOL_INPUTCHECKS_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace bumper {

/// Checks that \p Path, as given on the command line, is a source file the
/// tool can check: it exists, is a regular file (not a folder, a device or a
/// pipe), can be read, and is text (no NUL byte, no UTF-16 or UTF-32 byte
/// order mark). An empty file is a source file.
llvm::Error checkSourceFile(llvm::StringRef Path);

/// The value of -j: a whole number of jobs, at least 1.
llvm::Expected<unsigned> parseJobs(llvm::StringRef Value);

/// A compilation database and where it came from, for messages.
struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// The database's file (compile_commands.json or compile_flags.txt).
  std::string File;
};

/// Loads the compilation database as clang-tidy finds it, but strictly:
/// - \p BuildPath (-p) names the build folder, or its compile_commands.json;
///   the folders above it are not searched;
/// - without -p, the nearest folder above \p FirstSource that holds a
///   compile_commands.json (or compile_flags.txt) wins;
/// - a database found that cannot be read (not JSON, not a list of commands)
///   is an error naming the file and the reason, never skipped for one
///   further up.
llvm::Expected<LoadedDatabase>
loadCompilationDatabase(llvm::StringRef BuildPath, llvm::StringRef FirstSource);

} // namespace bumper

#endif // BUMPER_TOOL_INPUTCHECKS_H
