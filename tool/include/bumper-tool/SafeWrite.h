//===- SafeWrite.h - Replacing a file without ever losing it ---*- C++ -*-===//
//
// How --fix writes a file (docs/reliability.md, "--fix file safety and fault
// injection"): a temporary file in the folder of the file itself (of a
// symbolic link's final target), with the file's owner and mode, flushed to
// disk, then renamed over the file, after checking that the file still holds
// what the tool read. The file is at every moment either the old one or the
// complete new one. POSIX only.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_SAFEWRITE_H
#define BUMPER_TOOL_SAFEWRITE_H

#include "llvm/ADT/FunctionExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <array>
#include <cstdint>
#include <string>

namespace bumper {

/// What a file held when it was read: its size and its BLAKE3 hash.
struct ContentDigest {
  uint64_t Size = 0;
  std::array<uint8_t, 32> Hash = {};

  static ContentDigest of(llvm::StringRef Content);
  bool operator==(const ContentDigest &O) const {
    return Size == O.Size && Hash == O.Hash;
  }
  bool operator!=(const ContentDigest &O) const { return !(*this == O); }
};

/// The error for a file whose content is no longer the one its fixes were
/// computed from: "'<Path>' changed on disk while it was being checked; it
/// was not rewritten".
llvm::Error changedOnDiskError(llvm::StringRef Path);

/// Replaces the content of \p Path, which the caller read as \p Old, with
/// \p New:
/// - \p Path may be a symbolic link (or a chain of them): its final target
///   is rewritten, the links stay links;
/// - the new file gets the target's mode, and its owner and group; when it
///   cannot get them (only root can give a file away), nothing is written;
/// - the temporary file "<target>.bumper-<pid>-XXXXXX.tmp" is written in the
///   target's folder, fsync'ed, and renamed over the target; on any failure,
///   and on SIGINT/SIGTERM/SIGHUP, it is removed. Temporary files of earlier
///   runs that were killed (their process is gone) are removed first;
/// - right before the rename, the target is read again: if it no longer
///   holds \p Old, nothing is written (changedOnDiskError).
/// The rename reaches the disk when the folder is flushed: right away, or,
/// when \p FoldersToSync is given, by syncFolders() once per folder after a
/// batch of files (a crash before that leaves the old file, never a mix).
/// Every error names \p Path and ends "; it was not rewritten".
llvm::Error writeFileSafely(llvm::StringRef Path, llvm::StringRef Old,
                            llvm::StringRef New,
                            llvm::StringSet<> *FoldersToSync = nullptr);

/// What a test makes go wrong in writeFileSafely, on purpose, to see that
/// every failure leaves the file as it was (docs/reliability.md, "Test-only
/// hooks"). The installed tool never sets it: only the test program
/// bumper-tool-faults does, from its environment
/// (test/tool/faults/FaultInjection.cpp).
struct WriteFaults {
  /// The step that fails: "create" (EACCES), "chown" (EPERM), "chmod"
  /// (ENOTSUP), "write" (ENOSPC, after FailAfterBytes bytes), "fsync" (EIO)
  /// or "rename" (EIO); "" for none.
  std::string FailStep;
  uint64_t FailAfterBytes = 0;
  /// Runs with the target once the temporary file is written and flushed,
  /// before the last check and the rename.
  llvm::unique_function<void(llvm::StringRef Target) const> BeforeRename;

  bool failsAt(llvm::StringRef Step) const { return FailStep == Step; }
};

/// Makes every later writeFileSafely of this process fail, or run a hook,
/// as \p Faults says. For test programs only.
void setWriteFaultsForTesting(WriteFaults Faults);

/// Flushes each folder of \p Folders to disk (fsync), so that the renames
/// made in them last.
void syncFolders(const llvm::StringSet<> &Folders);

} // namespace bumper

#endif // BUMPER_TOOL_SAFEWRITE_H
