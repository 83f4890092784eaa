//===- InputChecks.cpp - What the tool is given, checked before parsing ---===//
//
// Sources: missing, a folder, unreadable, binary. -j values. The compilation
// database: found as clang-tidy finds it, but one that is found and broken is
// an error with its reason, where Clang's loader would print a YAML parser
// message and go on with an empty database, or skip to a database further up.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/InputChecks.h"
#include "bumper-tool/Paths.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstring>
#include <limits>

using namespace llvm;
namespace tooling = clang::tooling;

namespace bumper {
namespace {

Error failure(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

/// "Expected array." -> "expected array": Clang's loader messages, in the
/// style of the tool's own.
std::string asClause(StringRef Message) {
  std::string S = Message.trim().rtrim('.').str();
  if (!S.empty() && isupper(static_cast<unsigned char>(S[0])) &&
      (S.size() < 2 || !isupper(static_cast<unsigned char>(S[1]))))
    S[0] = static_cast<char>(tolower(static_cast<unsigned char>(S[0])));
  return S;
}

const char RegenerateHint[] =
    "regenerate it (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON), or pass the "
    "compiler arguments after '--'";

/// Loads the compile_commands.json at \p File as Clang's JSON plugin does
/// (response files expanded, commands inferred for files it does not list,
/// target and driver mode from the compiler's name), after checking that it
/// is JSON at all.
Expected<LoadedDatabase> loadJsonDatabase(StringRef File) {
  auto Buf = MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buf)
    return failure("cannot read the compilation database '" + File +
                   "': " + Buf.getError().message());
  StringRef Text = (*Buf)->getBuffer();
  if (Text.trim().empty())
    return failure("the compilation database '" + File + "' is empty; " +
                   RegenerateHint);
  if (Expected<json::Value> V = json::parse(Text); !V) {
    // "[1:70, byte=69]: Expected , or } after object property"
    std::string Message = toString(V.takeError());
    SmallVector<StringRef, 4> Parts;
    // llvm::json reports the column after the character it read last: the
    // 1-based column of the one it stopped at.
    unsigned Column = 0, Byte = 0;
    if (Regex("^\\[([0-9]+):([0-9]+), byte=([0-9]+)\\]: (.*)$")
            .match(Message, &Parts) &&
        !Parts[2].getAsInteger(10, Column) && !Parts[3].getAsInteger(10, Byte))
      Message = (Byte >= Text.size()
                     ? Twine("at its end")
                     : "line " + Parts[1] + ", column " + Twine(Column))
                    .str() +
                ": " + asClause(Parts[4]);
    return failure("the compilation database '" + File +
                   "' is not valid JSON (" + Message + "); " + RegenerateHint);
  }
  std::string Err;
  std::unique_ptr<tooling::CompilationDatabase> Base =
      tooling::JSONCompilationDatabase::loadFromFile(
          File, Err, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Base)
    return failure("the compilation database '" + File +
                   "' is not a list of compile commands (" + asClause(Err) +
                   "); " + RegenerateHint);
  LoadedDatabase L;
  L.Database = tooling::inferTargetAndDriverMode(
      tooling::inferMissingCompileCommands(tooling::expandResponseFiles(
          std::move(Base), vfs::getRealFileSystem())));
  L.File = File.str();
  return L;
}

/// The database in folder \p Dir, if it has one: compile_commands.json, else
/// compile_flags.txt. Sets \p Found when there is a file to load.
Expected<LoadedDatabase> loadFromFolder(StringRef Dir, bool &Found) {
  SmallString<256> Json(Dir), Flags(Dir);
  sys::path::append(Json, "compile_commands.json");
  sys::path::append(Flags, "compile_flags.txt");
  Found = true;
  if (sys::fs::exists(Json))
    return loadJsonDatabase(Json);
  if (sys::fs::exists(Flags)) {
    std::string Err;
    LoadedDatabase L;
    L.Database = tooling::CompilationDatabase::loadFromDirectory(Dir, Err);
    if (!L.Database)
      return failure("cannot read the compile flags '" + Flags +
                     "': " + asClause(Err));
    L.File = std::string(Flags);
    return L;
  }
  Found = false;
  return LoadedDatabase();
}

} // namespace

Error checkSourceFile(StringRef Path) {
  sys::fs::file_status Status;
  if (std::error_code EC = sys::fs::status(Path, Status)) {
    if (EC == std::errc::no_such_file_or_directory)
      return failure("no such file or directory: '" + Path + "'");
    return failure("cannot read '" + Path + "': " + EC.message());
  }
  if (Status.type() == sys::fs::file_type::directory_file)
    return failure("'" + Path +
                   "' is a directory, not a source file; pass the source "
                   "files in it, for example with $(git ls-files '" +
                   Path + "/*.cpp')");
  if (Status.type() != sys::fs::file_type::regular_file)
    return failure("'" + Path +
                   "' is not a regular file (a device, a pipe or a socket); "
                   "pass a source file");
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return failure("cannot read '" + Path + "': " + Buf.getError().message());
  StringRef Text = (*Buf)->getBuffer();
  if (Text.starts_with("\xFF\xFE") || Text.starts_with("\xFE\xFF") ||
      Text.starts_with(StringRef("\0\0\xFE\xFF", 4)))
    return failure("'" + Path +
                   "' is UTF-16 or UTF-32 text (it starts with a byte order "
                   "mark), and Clang reads UTF-8; convert it, for example "
                   "with iconv -t UTF-8");
  if (const void *Nul = std::memchr(Text.data(), 0, Text.size()))
    return failure("'" + Path +
                   "' is a binary file, not a source file (a NUL byte at "
                   "offset " +
                   Twine(static_cast<const char *>(Nul) - Text.data()) +
                   "); pass the C or C++ source instead");
  return Error::success();
}

Expected<unsigned> parseJobs(StringRef Value) {
  unsigned long long N = 0;
  if (Value.getAsInteger(10, N) || N == 0)
    return failure("invalid -j value '" + Value +
                   "': want a whole number of jobs, at least 1 (for example "
                   "-j 4)");
  if (N > std::numeric_limits<unsigned>::max())
    return failure("invalid -j value '" + Value + "': too many jobs (at most " +
                   Twine(std::numeric_limits<unsigned>::max()) + ")");
  return static_cast<unsigned>(N);
}

Expected<LoadedDatabase> loadCompilationDatabase(StringRef BuildPath,
                                                 StringRef FirstSource) {
  bool Found = false;
  if (!BuildPath.empty()) {
    SmallString<256> Dir(absolutePath(BuildPath));
    if (!sys::fs::exists(Dir))
      return failure("-p '" + BuildPath +
                     "': no such directory; give the build folder that "
                     "holds compile_commands.json");
    // -p build/compile_commands.json names the database itself.
    if (!sys::fs::is_directory(Dir)) {
      if (sys::path::filename(Dir) == "compile_commands.json")
        return loadJsonDatabase(Dir);
      sys::path::remove_filename(Dir);
    }
    Expected<LoadedDatabase> L = loadFromFolder(Dir, Found);
    if (!L || Found)
      return L;
    return failure("no compilation database in '" + BuildPath +
                   "': it has no compile_commands.json; configure the build "
                   "with CMake's -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or pass "
                   "the compiler arguments after '--'");
  }
  std::string Dir = absolutePath(FirstSource);
  for (StringRef D = sys::path::parent_path(Dir); !D.empty();
       D = sys::path::parent_path(D)) {
    Expected<LoadedDatabase> L = loadFromFolder(D, Found);
    if (!L || Found)
      return L;
  }
  return failure("no compilation database found in a folder above '" +
                 FirstSource +
                 "'; pass -p <build-dir>, or the compiler arguments after "
                 "'--' (for example: -- -std=c++20 -Iinclude)");
}

} // namespace bumper
