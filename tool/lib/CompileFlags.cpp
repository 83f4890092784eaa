//===- CompileFlags.cpp - Compile commands made fit for Clang -------------===//
//
// Clang's driver option table decides which arguments Clang knows, as in
// clangd's CompileCommands.cpp: an argument the table parses as "unknown"
// would make the driver fail ("error: unknown argument"), so it is dropped.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/CompileFlags.h"
#include "bumper-tool/Paths.h"
#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Option/Option.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"

namespace bumper {
namespace {

/// Is \p CommandLine run in clang-cl's mode (MSVC-style options)?
bool isClMode(llvm::ArrayRef<std::string> CommandLine) {
  for (const std::string &A : CommandLine)
    if (llvm::StringRef(A).starts_with("--driver-mode="))
      return llvm::StringRef(A).ends_with("=cl");
  if (CommandLine.empty())
    return false;
  llvm::StringRef Stem = llvm::sys::path::stem(CommandLine.front());
  return Stem.equals_insensitive("cl") || Stem.equals_insensitive("clang-cl");
}

} // namespace

llvm::Error checkRemoveGlobs(llvm::ArrayRef<std::string> Globs) {
  for (const std::string &G : Globs)
    if (llvm::Expected<llvm::GlobPattern> P = llvm::GlobPattern::create(G); !P)
      return llvm::createStringError("bad --remove-arg glob '" + G +
                                     "': " + toString(P.takeError()));
  return llvm::Error::success();
}

std::vector<std::string>
adjustCompileCommand(llvm::ArrayRef<std::string> CommandLine,
                     const CompileFlagsOptions &Opts) {
  if (CommandLine.empty())
    return {};
  llvm::SmallVector<llvm::GlobPattern, 4> Remove;
  for (const std::string &G : Opts.Remove)
    if (llvm::Expected<llvm::GlobPattern> P = llvm::GlobPattern::create(G))
      Remove.push_back(std::move(*P));
    else
      llvm::consumeError(P.takeError()); // checkRemoveGlobs() said so.

  // The options before a "--" (after it, everything is an input).
  size_t End = CommandLine.size();
  for (size_t I = 1; I < CommandLine.size(); ++I)
    if (CommandLine[I] == "--") {
      End = I;
      break;
    }
  std::vector<const char *> Argv;
  for (size_t I = 1; I < End; ++I)
    Argv.push_back(CommandLine[I].c_str());

  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::Visibility Vis(isClMode(CommandLine)
                                ? clang::driver::options::CLOption
                                : clang::driver::options::ClangOption);
  llvm::opt::InputArgList Args =
      Table.ParseArgs(Argv, MissingIndex, MissingCount, Vis);

  // Each parsed argument spans the words from its index to the next one's.
  std::vector<bool> Drop(Argv.size(), false);
  std::vector<unsigned> Starts;
  for (const llvm::opt::Arg *A : Args)
    Starts.push_back(A->getIndex());
  llvm::sort(Starts);
  Starts.erase(std::unique(Starts.begin(), Starts.end()), Starts.end());
  for (const llvm::opt::Arg *A : Args) {
    unsigned Begin = A->getIndex();
    if (Begin >= Argv.size())
      continue;
    auto Next = llvm::upper_bound(Starts, Begin);
    unsigned Stop = Next == Starts.end() ? Argv.size() : *Next;
    llvm::StringRef Word = Argv[Begin];
    bool Unknown = A->getOption().getKind() == llvm::opt::Option::UnknownClass;
    bool Removed = A->getOption().getKind() != llvm::opt::Option::InputClass &&
                   llvm::any_of(Remove, [&](const llvm::GlobPattern &P) {
                     return P.match(Word);
                   });
    if (Unknown || Removed)
      for (unsigned I = Begin; I < Stop; ++I)
        Drop[I] = true;
  }

  std::vector<std::string> Out;
  Out.push_back(CommandLine.front());
  std::vector<std::string> NotErrors;
  for (size_t I = 0; I < Argv.size(); ++I) {
    if (Drop[I])
      continue;
    llvm::StringRef Word = Argv[I];
    // -pedantic-errors makes extension warnings errors; -Wno-error does not
    // undo that.
    if (Word == "-pedantic-errors") {
      Out.push_back("-pedantic");
      continue;
    }
    if (Word.consume_front("-Werror=") && !Word.empty())
      NotErrors.push_back(("-Wno-error=" + Word).str());
    Out.push_back(Argv[I]);
  }
  Out.insert(Out.end(), Opts.Add.begin(), Opts.Add.end());
  // A warning never stops the check: not one about a warning option the
  // project's compiler knows and Clang does not, and not one the project's
  // -Werror would make an error.
  Out.push_back("-Wno-unknown-warning-option");
  Out.push_back("-Wno-error");
  Out.insert(Out.end(), NotErrors.begin(), NotErrors.end());
  Out.insert(Out.end(), CommandLine.begin() + End, CommandLine.end());
  return Out;
}

std::vector<std::string>
withAbsolutePaths(llvm::ArrayRef<std::string> CommandLine, llvm::StringRef File,
                  llvm::StringRef AbsoluteFile, llvm::StringRef Directory) {
  auto Absolute = [&](llvm::StringRef P) {
    if (P.empty())
      return P.str();
    llvm::SmallString<256> Path(P);
    if (!llvm::sys::path::is_absolute(Path) && !Directory.empty()) {
      Path = Directory;
      llvm::sys::path::append(Path, P);
    }
    return absolutePath(Path);
  };
  // Not -include: its file is looked up in the include folders too.
  static const char *const Separate[] = {"-I", "-isystem", "-iquote",
                                         "-idirafter"};
  static const char *const Joined[] = {"-isystem", "-iquote", "-idirafter",
                                       "-I"};
  std::vector<std::string> Out(CommandLine.begin(), CommandLine.end());
  for (size_t I = 1; I < Out.size(); ++I) {
    llvm::StringRef A = Out[I];
    if (A == "--")
      break;
    if (A == File) {
      Out[I] = AbsoluteFile.str();
      continue;
    }
    if (llvm::is_contained(Separate, A) && I + 1 < Out.size()) {
      Out[I + 1] = Absolute(Out[I + 1]);
      ++I;
      continue;
    }
    for (llvm::StringRef J : Joined)
      if (A.starts_with(J) && A.size() > J.size()) {
        Out[I] = (J + Absolute(A.drop_front(J.size()))).str();
        break;
      }
  }
  return Out;
}

clang::tooling::ArgumentsAdjuster
compileFlagsAdjuster(CompileFlagsOptions Opts) {
  return [Opts = std::move(Opts)](const clang::tooling::CommandLineArguments &A,
                                  llvm::StringRef) {
    return adjustCompileCommand(A, Opts);
  };
}

} // namespace bumper
