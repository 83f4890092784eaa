//===- SafeWrite.cpp - Replacing a file's content without ever losing it --===//
//
// POSIX calls where LLVM's file system layer has no equivalent (fchown,
// fsync of a folder) or hides the error we must report (write, close).
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/SafeWrite.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include <cerrno>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bumper {

ContentDigest ContentDigest::of(llvm::StringRef Content) {
  ContentDigest D;
  D.Size = Content.size();
  D.Hash = llvm::BLAKE3::hash<32>(llvm::arrayRefFromStringRef(Content));
  return D;
}

llvm::Error changedOnDiskError(llvm::StringRef Path) {
  return llvm::createStringError(
      std::make_error_code(std::errc::resource_unavailable_try_again),
      "'" + Path +
          "' changed on disk while it was being checked; it was not "
          "rewritten");
}

namespace {

/// The faults a test asked for: none unless setWriteFaultsForTesting was
/// called, which only a test program does.
WriteFaults &faults() {
  static WriteFaults Faults;
  return Faults;
}

/// "cannot rewrite '<Path>': <What>: <error>; it was not rewritten".
llvm::Error failure(llvm::StringRef Path, const llvm::Twine &What,
                    std::error_code EC) {
  return llvm::createStringError(EC, "cannot rewrite '" + Path + "': " + What +
                                         ": " + EC.message() +
                                         "; it was not rewritten");
}

std::error_code lastError() { return llvm::errnoAsErrorCode(); }

/// The prefix of our temporary files next to \p Target.
std::string tempPrefix(llvm::StringRef Target) {
  return (llvm::sys::path::filename(Target) + ".bumper-").str();
}

/// Removes "<Target>.bumper-<pid>-XXXXXX.tmp" files that this user's earlier
/// runs left when they were killed (SIGKILL cannot be caught): those whose
/// process is gone. A file of a live run, or of another user, stays.
void removeStaleTemporaries(llvm::StringRef Target) {
  llvm::SmallString<256> Dir(Target);
  llvm::sys::path::remove_filename(Dir);
  std::string Prefix = tempPrefix(Target);
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (!Name.consume_front(Prefix) || !Name.consume_back(".tmp"))
      continue;
    auto [PidText, Random] = Name.split('-');
    pid_t Pid;
    if (PidText.getAsInteger(10, Pid) || Pid <= 0 || Random.size() != 6 ||
        Pid == ::getpid())
      continue;
    if (::kill(Pid, 0) == 0 || errno != ESRCH)
      continue; // Alive, or another user's process.
    struct stat St;
    if (::lstat(It->path().c_str(), &St) != 0 || !S_ISREG(St.st_mode) ||
        St.st_uid != ::geteuid())
      continue;
    llvm::sys::fs::remove(It->path());
  }
}

/// Writes all of \p Content to \p FD; an injected failure stops after
/// \p Inject.FailAfterBytes bytes with ENOSPC, as a full disk does.
std::error_code writeAll(int FD, llvm::StringRef Content,
                         const WriteFaults &Inject) {
  uint64_t Written = 0;
  while (!Content.empty()) {
    size_t Chunk = std::min<size_t>(Content.size(), size_t(1) << 20);
    if (Inject.failsAt("write")) {
      if (Written >= Inject.FailAfterBytes)
        return std::make_error_code(std::errc::no_space_on_device);
      Chunk = std::min<uint64_t>(Chunk, Inject.FailAfterBytes - Written);
    }
    ssize_t N = ::write(FD, Content.data(), Chunk);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return lastError();
    }
    Content = Content.drop_front(N);
    Written += N;
  }
  return {};
}

/// Flushes a rename in \p Dir to disk; a failure here changes nothing of
/// the files, so it is not reported.
void syncFolder(llvm::StringRef Dir) {
  int FD = ::open(Dir.str().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD < 0)
    return;
  ::fsync(FD);
  ::close(FD);
}

} // namespace

void setWriteFaultsForTesting(WriteFaults Faults) {
  faults() = std::move(Faults);
}

void syncFolders(const llvm::StringSet<> &Folders) {
  for (const auto &Dir : Folders)
    syncFolder(Dir.getKey());
}

llvm::Error writeFileSafely(llvm::StringRef Path, llvm::StringRef Old,
                            llvm::StringRef New,
                            llvm::StringSet<> *FoldersToSync) {
  const WriteFaults &Inject = faults();
  // A link (or a chain of them) is followed to the file it names.
  llvm::SmallString<256> Target;
  if (std::error_code EC = llvm::sys::fs::real_path(Path, Target))
    return failure(Path, "cannot resolve its path", EC);
  struct stat St;
  if (::stat(Target.c_str(), &St) != 0)
    return failure(Path, "cannot read its owner and mode", lastError());
  if (!S_ISREG(St.st_mode))
    return failure(Path, "it is not a regular file",
                   std::make_error_code(std::errc::invalid_argument));
  llvm::SmallString<256> Dir(Target);
  llvm::sys::path::remove_filename(Dir);

  removeStaleTemporaries(Target);
  llvm::SmallString<256> Model(Target);
  Model += ".bumper-" + std::to_string(::getpid()) + "-%%%%%%.tmp";
  int FD = -1;
  llvm::SmallString<256> Temp;
  std::error_code EC = Inject.failsAt("create")
                           ? std::make_error_code(std::errc::permission_denied)
                           : llvm::sys::fs::createUniqueFile(
                                 Model, FD, Temp, llvm::sys::fs::OF_None, 0600);
  if (EC)
    return failure(Path, "cannot create a temporary file in '" + Dir + "'", EC);
  // From here on, every way out removes the temporary file: errors below,
  // and SIGINT, SIGTERM, SIGHUP through LLVM's signal handlers.
  llvm::sys::RemoveFileOnSignal(Temp);
  auto Discard = [&](llvm::Error E) {
    if (FD >= 0)
      ::close(FD);
    llvm::sys::fs::remove(Temp);
    llvm::sys::DontRemoveFileOnSignal(Temp);
    return E;
  };

  // The owner first, the mode last: a chown, and a write by a process
  // without CAP_FSETID, clear the set-user-ID and set-group-ID bits, which
  // the mode puts back.
  struct stat TempSt;
  if (::fstat(FD, &TempSt) != 0)
    return Discard(
        failure(Path, "cannot read the temporary file's owner", lastError()));
  if (TempSt.st_uid != St.st_uid || TempSt.st_gid != St.st_gid ||
      Inject.failsAt("chown")) {
    EC = Inject.failsAt("chown")
             ? std::make_error_code(std::errc::operation_not_permitted)
         : ::fchown(FD, St.st_uid, St.st_gid) != 0 ? lastError()
                                                   : std::error_code();
    if (EC)
      return Discard(failure(Path,
                             "cannot give the new file the owner of the old "
                             "one (uid " +
                                 llvm::Twine(St.st_uid) + ", gid " +
                                 llvm::Twine(St.st_gid) + ")",
                             EC));
  }
  if ((EC = writeAll(FD, New, Inject)))
    return Discard(failure(Path, "writing the new content failed", EC));
  EC = Inject.failsAt("chmod") ? std::make_error_code(std::errc::not_supported)
       : ::fchmod(FD, St.st_mode & 07777) != 0 ? lastError()
                                               : std::error_code();
  if (EC)
    return Discard(
        failure(Path, "cannot give the new file the mode of the old one", EC));
  EC = Inject.failsAt("fsync") ? std::make_error_code(std::errc::io_error)
       : ::fsync(FD) != 0      ? lastError()
                               : std::error_code();
  if (EC)
    return Discard(
        failure(Path, "flushing the new content to disk failed", EC));
  int ToClose = FD;
  FD = -1;
  if (::close(ToClose) != 0)
    return Discard(
        failure(Path, "flushing the new content to disk failed", lastError()));

  if (Inject.BeforeRename)
    Inject.BeforeRename(Target);
  // The last moment to find out that someone else changed the file.
  auto Now = llvm::MemoryBuffer::getFile(Target, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false,
                                         /*IsVolatile=*/true);
  if (!Now || (*Now)->getBuffer() != Old)
    return Discard(changedOnDiskError(Path));

  EC = Inject.failsAt("rename") ? std::make_error_code(std::errc::io_error)
                                : llvm::sys::fs::rename(Temp, Target);
  if (EC)
    return Discard(failure(Path, "replacing it with the new file failed", EC));
  llvm::sys::DontRemoveFileOnSignal(Temp);
  if (FoldersToSync)
    FoldersToSync->insert(Dir);
  else
    syncFolder(Dir);
  return llvm::Error::success();
}

} // namespace bumper
