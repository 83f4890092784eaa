//===- CompileFlags.h - Compile commands made fit for Clang -----*- C++ -*-===//
//
// A compilation database is written for the project's compiler, often g++,
// whose flags Clang may not know. As clangd does, each command is adjusted
// before Clang sees it:
// - the arguments Clang's driver does not know are dropped (decided with the
//   driver's own option table, as clangd's CompileCommands.cpp does);
// - the arguments matching a --remove-arg glob or .bumper.yaml's
//   CompileFlags.Remove are dropped, each with its values;
// - .bumper.yaml's CompileFlags.Add is appended;
// - a warning never stops a file from being checked: an unknown warning
//   option is not reported (-Wno-unknown-warning-option), and the project's
//   -Werror, -Werror=<w> and -pedantic-errors are undone (-Wno-error,
//   -Wno-error=<w>), so a warning Clang gives and the project's compiler
//   does not stays a warning. The tool's own findings never depended on
//   the compile's -Werror (FindingPolicy.h).
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_COMPILEFLAGS_H
#define BUMPER_TOOL_COMPILEFLAGS_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace bumper {

/// How a compile command is changed (see the file comment).
struct CompileFlagsOptions {
  /// Globs (llvm::GlobPattern) matched against each argument's first word:
  /// "-W*" drops every -W flag, "-include" drops "-include <file>".
  std::vector<std::string> Remove;
  /// Appended after the command's own arguments (before --extra-arg).
  std::vector<std::string> Add;
};

/// Checks that each of \p Globs is a valid glob; names the bad one.
llvm::Error checkRemoveGlobs(llvm::ArrayRef<std::string> Globs);

/// \p CommandLine (the compiler first, as in a compilation database) with
/// the changes described above.
std::vector<std::string>
adjustCompileCommand(llvm::ArrayRef<std::string> CommandLine,
                     const CompileFlagsOptions &Opts);

/// \p CommandLine with its source \p File (as the database writes it) and
/// the relative folders of -I, -isystem, -iquote and -idirafter made
/// absolute against the command's folder \p Directory, and
/// without "." and "..": Clang prints a file as it found it, and a
/// database's "../include/x.h" or "fmt/../build/x.h" is neither where the
/// user is nor normalised. \p AbsoluteFile is the source's absolute path.
std::vector<std::string>
withAbsolutePaths(llvm::ArrayRef<std::string> CommandLine, llvm::StringRef File,
                  llvm::StringRef AbsoluteFile, llvm::StringRef Directory);

/// adjustCompileCommand() as a ClangTool arguments adjuster.
clang::tooling::ArgumentsAdjuster
compileFlagsAdjuster(CompileFlagsOptions Opts);

} // namespace bumper

#endif // BUMPER_TOOL_COMPILEFLAGS_H
