// CASE: leveldb util/status.cc Status::ToString. "char tmp[30]" is scratch;
// "type" is declared before the block (as in the original, C89 style) and
// points into tmp, but the string is copied into result before the block
// ends and type is not read after it. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <string>

std::string StatusToString(int code, const char *msg) {
  std::string result;
  const char *type;
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *tmp = bumper::alloc<char>(30).data();
    switch (code) {
    case 1:
      type = "NotFound: ";
      break;
    case 2:
      type = "Corruption: ";
      break;
    default:
      std::snprintf(tmp, 30, "Unknown code(%d): ", code);
      type = tmp;
      break;
    }
    result = type;
    result.append(msg);
  }
  return result;
}
