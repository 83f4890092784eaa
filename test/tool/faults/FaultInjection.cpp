//===- FaultInjection.cpp - bumper-tool-faults's environment hooks --------===//
//
// Linked into the test program bumper-tool-faults only (test/tool/
// CMakeLists.txt), never into the installed bumper-tool: before main, it
// turns the test-only variables into the WriteFaults of SafeWrite.h
// (docs/reliability.md, "Test-only hooks"):
//   BUMPER_TOOL_TEST_FAIL=<step>[:<bytes>]  a step of --fix's write fails
//   BUMPER_TOOL_TEST_HOOK_BEFORE_RENAME=<shell command>  runs before the
//     last check and the rename, as "sh -c <command> sh <target>"
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/SafeWrite.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include <optional>

namespace {

bumper::WriteFaults faultsFromEnvironment() {
  bumper::WriteFaults F;
  if (std::optional<std::string> V =
          llvm::sys::Process::GetEnv("BUMPER_TOOL_TEST_FAIL")) {
    auto [Step, Bytes] = llvm::StringRef(*V).split(':');
    F.FailStep = Step.str();
    if (Bytes.getAsInteger(10, F.FailAfterBytes))
      F.FailAfterBytes = 0;
  }
  if (std::optional<std::string> Hook =
          llvm::sys::Process::GetEnv("BUMPER_TOOL_TEST_HOOK_BEFORE_RENAME"))
    F.BeforeRename = [Command = *Hook](llvm::StringRef Target) {
      llvm::StringRef Args[] = {"sh", "-c", Command, "sh", Target};
      llvm::sys::ExecuteAndWait("/bin/sh", Args);
    };
  return F;
}

// Static initialisation: the driver's main stays the installed one.
[[maybe_unused]] const bool Installed = [] {
  bumper::setWriteFaultsForTesting(faultsFromEnvironment());
  return true;
}();

} // namespace
