//===- Output.h - Writing what the checks found -----------------*- C++ -*-===//
//
// The unified diff of --diff and the clang-apply-replacements YAML of
// --export-fixes (--fix writes through SafeWrite.h). Nothing here needs
// Clang's AST.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_OUTPUT_H
#define BUMPER_TOOL_OUTPUT_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>

namespace bumper {

/// The unified diff (3 lines of context) from \p Old to \p New, with
/// "--- Name" and "+++ Name" headers; "" if they are equal.
std::string unifiedDiff(llvm::StringRef Name, llvm::StringRef Old,
                        llvm::StringRef New);

/// The same, with "--- OldName" and "+++ NewName" headers ("a/src/f.cpp"
/// and "b/src/f.cpp", as git writes them).
std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName,
                        llvm::StringRef Old, llvm::StringRef New);

/// Writes \p Diags as clang-apply-replacements YAML to \p Path ("-": stdout).
llvm::Error exportFixes(llvm::StringRef Path, llvm::StringRef MainSourceFile,
                        llvm::ArrayRef<clang::tooling::Diagnostic> Diags);

} // namespace bumper

#endif // BUMPER_TOOL_OUTPUT_H
