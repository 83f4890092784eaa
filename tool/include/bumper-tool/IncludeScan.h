//===- IncludeScan.h - Which translation units include a header -*- C++ -*-===//
//
// A change to a header alone is checked through the translation units that
// include it (--changed-files). They are found from the compilation
// database with Clang's dependency scanner (clang-scan-deps' engine): each
// command is preprocessed from the "dependency directives" of its files
// (#include, #if, #define; a file's directives are scanned once and shared
// by every command), without parsing C++. That costs a fraction of a
// compile per command: a preprocessor run, not a parse.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_INCLUDESCAN_H
#define BUMPER_TOOL_INCLUDESCAN_H

#include "bumper-tool/CompileFlags.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace bumper {

struct IncludeScanOptions {
  /// How each command is changed first (as for the check, CompileFlags.h).
  CompileFlagsOptions CompileFlags;
  /// --extra-arg and --extra-arg-before.
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  /// Commands scanned at once.
  unsigned Jobs = 1;
};

/// For each of \p Headers (absolute, normalised paths), the files of \p DB
/// whose translation unit includes it, directly or not: absolute,
/// normalised, each once, in the database's order (databaseSources()).
/// A command that cannot be scanned (a missing header, a broken flag) is
/// reported through \p ReportError, naming its file; the others are used.
llvm::StringMap<std::vector<std::string>>
findIncluders(const clang::tooling::CompilationDatabase &DB,
              llvm::ArrayRef<std::string> Headers,
              const IncludeScanOptions &Opts,
              llvm::function_ref<void(llvm::Error)> ReportError);

/// Is \p Path a C or C++ source by its extension (.c, .cc, .cpp, .cxx,
/// .c++, .C, .m, .mm, .cu)? Anything else given to --changed-files that
/// the database does not list is taken for a header.
bool hasSourceExtension(llvm::StringRef Path);

} // namespace bumper

#endif // BUMPER_TOOL_INCLUDESCAN_H
