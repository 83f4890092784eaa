//===- CheckRegistry.h - The checks, their names and levels -----*- C++ -*-===//
//
// The Check enumeration and what is known of each check, generated from
// Checks.def. No Clang headers: the configuration, SARIF and the driver use it
// without the AST.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_CHECKREGISTRY_H
#define BUMPER_TOOL_CHECKREGISTRY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

namespace bumper {

enum class Check {
#define BUMPER_CHECK(Enum, ...) Enum,
#include "bumper-tool/Checks.def"
};

/// How a finding is reported (after --warnings-as-errors, the policy may
/// raise a Warning to an Error).
enum class Severity { Note, Warning, Error };

struct CheckInfo {
  Check Kind;
  llvm::StringRef Name;
  Severity Level;
  bool InTidy;
  /// False for an opt-in check (isCheckEnabled).
  bool OnByDefault;
  llvm::StringRef SarifName;
  llvm::StringRef Summary;
  llvm::StringRef Description;
  llvm::StringRef Help;
};

/// Every check, in registry order (the order of Checks.def).
llvm::ArrayRef<CheckInfo> allChecks();

const CheckInfo &checkInfo(Check C);

/// "bumper-escape", "bumper-missing-guard", ...
inline llvm::StringRef checkName(Check C) { return checkInfo(C).Name; }

/// "bumper-escape" or "escape" (the name without "bumper-") -> the check.
std::optional<Check> parseCheckName(llvm::StringRef Name);

/// Does the clang-tidy-style glob list \p Checks enable \p Info? The last
/// glob that matches decides; an opt-in check (not OnByDefault) is matched
/// by a positive glob only when the glob is its exact name, so "bumper-*"
/// leaves it off and "-bumper-*" turns it off.
bool isCheckEnabled(llvm::StringRef Checks, const CheckInfo &Info);

/// "error" or "warning".
llvm::StringRef severityName(Severity S);

/// --list-checks: one line per check (name, level, summary).
void printCheckList(llvm::raw_ostream &OS);

} // namespace bumper

#endif // BUMPER_TOOL_CHECKREGISTRY_H
