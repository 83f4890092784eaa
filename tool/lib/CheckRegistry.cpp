//===- CheckRegistry.cpp - The table of Checks.def ------------------------===//

#include "bumper-tool/CheckRegistry.h"
#include "bumper-tool/Config.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Format.h"

namespace bumper {

static const CheckInfo Registry[] = {
#define BUMPER_CHECK(Enum, Name, Level, InTidy, OnByDefault, SarifName,        \
                     Summary, Description, Help)                               \
  {Check::Enum, Name,    Severity::Level, InTidy, OnByDefault,                 \
   SarifName,   Summary, Description,     Help},
#include "bumper-tool/Checks.def"
};

llvm::ArrayRef<CheckInfo> allChecks() { return Registry; }

const CheckInfo &checkInfo(Check C) {
  // Checks.def lists the enumerators in order, so the enumerator is the
  // index; the table and the enum come from the same lines.
  return Registry[static_cast<unsigned>(C)];
}

std::optional<Check> parseCheckName(llvm::StringRef Name) {
  for (const CheckInfo &I : Registry)
    if (Name == I.Name || (I.Name.starts_with("bumper-") &&
                           Name == I.Name.drop_front(sizeof("bumper-") - 1)))
      return I.Kind;
  return std::nullopt;
}

bool isCheckEnabled(llvm::StringRef Checks, const CheckInfo &Info) {
  if (Info.OnByDefault)
    return globListMatches(Checks, Info.Name);
  bool Enabled = false;
  llvm::SmallVector<llvm::StringRef, 8> Globs;
  Checks.split(Globs, ',');
  for (llvm::StringRef G : Globs) {
    G = G.trim();
    bool Positive = !G.consume_front("-");
    G = G.trim();
    if (Positive ? G == Info.Name : globListMatches(G, Info.Name))
      Enabled = Positive;
  }
  return Enabled;
}

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "note";
}

void printCheckList(llvm::raw_ostream &OS) {
  size_t Width = 0;
  for (const CheckInfo &I : Registry)
    Width = std::max(Width, I.Name.size());
  for (const CheckInfo &I : Registry)
    OS << llvm::left_justify(I.Name, Width) << "  "
       << llvm::left_justify(severityName(I.Level), 7) << "  " << I.Summary
       << (I.OnByDefault ? "" : " (off by default)") << "\n";
}

} // namespace bumper
