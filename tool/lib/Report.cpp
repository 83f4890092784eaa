//===- Report.cpp - Findings as plain data --------------------------------===//

#include "bumper-tool/Report.h"
#include <string>

namespace bumper {

std::string reportKey(const ReportedFinding &F) {
  return F.Check + "\n" + F.Loc.File + ":" + std::to_string(F.Loc.Offset) +
         "\n" + F.Message;
}

unsigned utf16Length(llvm::StringRef Prefix) {
  unsigned Units = 0;
  for (unsigned char C : Prefix) {
    if ((C & 0xC0) == 0x80)
      continue; // A continuation byte: counted with its lead byte.
    Units += C >= 0xF0 ? 2 : 1; // 4-byte sequences need a surrogate pair.
  }
  return Units;
}

} // namespace bumper
