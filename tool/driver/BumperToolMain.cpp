//===- BumperToolMain.cpp - The bumper-tool command line ------------------===//
//
//   bumper-tool [options] <source>... [-- <compiler arguments>]
//
// Reads the options and the compilation database, runs the checks
// (Runner.h), then prints the diff, writes the fixes or exports them
// (Output.h). Exit status: 0 no error, 1 an error diagnostic (or a warning
// under --warnings-as-errors), 2 a usage or input problem.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/ApplyFixes.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/InputChecks.h"
#include "bumper-tool/Output.h"
#include "bumper-tool/Runner.h"
#include "bumper-tool/Sarif.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <map>
#include <tuple>

using namespace llvm;
namespace tooling = clang::tooling;

namespace {

enum ExitStatus { ExitClean = 0, ExitFindings = 1, ExitUsage = 2 };

cl::OptionCategory Category("bumper-tool options");

const char Overview[] =
    "Inserts the bumper::NoEscape guards that [[bumper::no_escape]] blocks "
    "and functions need, and reports what is wrong.\n\n"
    "Compile flags come from -p <build-dir> (its compile_commands.json), from "
    "the arguments after '--', or from a compile_commands.json found in a "
    "folder above the first source.\n\n"
    "Exit status: 0 no error; 1 an error diagnostic (or, with "
    "--warnings-as-errors, a warning); 2 a usage or input problem (bad "
    "option, missing file, no compile command, a file that does not parse).\n";

cl::list<std::string> Sources(cl::Positional,
                              cl::desc("<source>... [-- <compiler arguments>]"),
                              cl::cat(Category));

cl::opt<std::string>
    BuildPath("p", cl::value_desc("build-dir"),
              cl::desc("Build folder holding compile_commands.json"),
              cl::cat(Category));

cl::opt<bool> Fix("fix",
                  cl::desc("Insert the missing guards into the files (written "
                           "atomically), then report what remains"),
                  cl::cat(Category));

cl::opt<bool> Diff("diff",
                   cl::desc("Print the unified diff that --fix would apply; "
                            "write nothing"),
                   cl::cat(Category));

cl::opt<std::string> ExportFixesFile(
    "export-fixes", cl::value_desc("file"),
    cl::desc("Write the fixes to <file> as clang-apply-replacements YAML"),
    cl::cat(Category));

cl::opt<bool> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Report warnings as errors, which makes the exit status 1 (a CI "
             "gate); warnings fixed by --fix do not count"),
    cl::cat(Category));

cl::opt<std::string> HeaderFilter(
    "header-filter", cl::value_desc("regex"),
    cl::desc("Report on and edit the headers whose absolute path matches "
             "<regex>, besides the main files (default: no header). A header "
             "shared by several sources is edited once"),
    cl::cat(Category));

cl::list<std::string>
    ExtraArgs("extra-arg", cl::value_desc("arg"),
              cl::desc("An argument to append to the compile command"),
              cl::cat(Category));

cl::list<std::string>
    ExtraArgsBefore("extra-arg-before", cl::value_desc("arg"),
                    cl::desc("An argument to prepend to the compile command"),
                    cl::cat(Category));

enum class OutputFormat { Text, Sarif };

cl::opt<OutputFormat>
    Format("format", cl::desc("How findings are reported (default: text)"),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "Clang-style diagnostics on stderr"),
                      clEnumValN(OutputFormat::Sarif, "sarif",
                                 "A SARIF 2.1.0 log on stdout (or --output); "
                                 "Clang's own errors stay on stderr")),
           cl::init(OutputFormat::Text), cl::cat(Category));

cl::opt<std::string>
    OutputFile("output", cl::value_desc("file"),
               cl::desc("Write the --format=sarif log to <file> instead of "
                        "stdout"),
               cl::cat(Category));

cl::opt<std::string> SourceRoot(
    "source-root", cl::value_desc("dir"),
    cl::desc("In SARIF, give the files under <dir> as URIs relative to it "
             "(uriBaseId SRCROOT), as GitHub code scanning wants; without "
             "it, absolute file:// URIs"),
    cl::cat(Category));

cl::opt<std::string>
    Jobs("j", cl::value_desc("N"), cl::Prefix,
         cl::desc("Check N translation units at once (default: the number of "
                  "cores). Output stays in the order of the sources"),
         cl::cat(Category));

// -j's long spelling, as in make: --jobs=N, --jobs N. (Without it, --jobs=N
// is -j with the value "obs=N": -j is a prefix option.)
cl::alias JobsLong("jobs", cl::aliasopt(Jobs), cl::NotHidden,
                   cl::desc("The same as -j <N>"));

cl::opt<bool> Summary(
    "summary",
    cl::desc("Print a summary line on stderr at the end (files, blocks, "
             "guards, escapes, warnings, time); on by default when stderr is "
             "a terminal"),
    cl::cat(Category));

cl::opt<bool> Quiet("quiet",
                    cl::desc("No progress line and no summary, even on a "
                             "terminal"),
                    cl::cat(Category));

cl::opt<std::string> ConfigFile(
    "config-file", cl::value_desc("file"),
    cl::desc("Use <file> as the configuration of every source, instead of "
             "the nearest .bumper.yaml above each source"),
    cl::cat(Category));

cl::opt<bool> DumpConfig(
    "dump-config",
    cl::desc("Print the configuration in effect (for the first source, or "
             "the working folder) as YAML, and exit"),
    cl::cat(Category));

cl::opt<bool> CheckGate(
    "check",
    cl::desc("The CI gate: exit status 1 when a guard is missing (and --fix "
             "did not insert it) or an error was reported, whatever "
             "WarningsAsErrors says"),
    cl::cat(Category));

void printVersion(raw_ostream &OS) {
  OS << "bumper-tool version " << BUMPER_VERSION << "\n"
     << "  built with " << clang::getClangFullVersion() << "\n";
}

void error(const Twine &Message) {
  WithColor::error(errs(), "bumper-tool") << Message << "\n";
}

std::string absolute(StringRef Path) {
  SmallString<256> P(Path);
  sys::fs::make_absolute(P);
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);

  // Everything after "--" is the compile command of every source.
  std::string FixedErr;
  std::unique_ptr<tooling::CompilationDatabase> FromArgs =
      tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                             FixedErr);
  if (!FixedErr.empty()) {
    error(FixedErr);
    return ExitUsage;
  }

  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);
  if (!cl::ParseCommandLineOptions(argc, argv, Overview, &errs()))
    return ExitUsage;

  // The configuration of each folder, read once.
  std::map<std::string, bumper::Config> ConfigByFile;
  auto ConfigFor = [&](StringRef Source) -> Expected<bumper::Config> {
    std::string Path = ConfigFile;
    if (Path.empty()) {
      SmallString<256> Dir(Source);
      sys::fs::make_absolute(Dir);
      if (!sys::fs::is_directory(Dir))
        sys::path::remove_filename(Dir);
      Path = bumper::findConfigFile(Dir);
    }
    if (Path.empty())
      return bumper::defaultConfig();
    auto It = ConfigByFile.find(Path);
    if (It != ConfigByFile.end())
      return It->second;
    Expected<bumper::Config> C = bumper::readConfigFile(Path);
    if (!C)
      return C.takeError();
    ConfigByFile[Path] = *C;
    return *C;
  };

  if (DumpConfig) {
    std::string Where = Sources.empty() ? std::string(".") : Sources.front();
    Expected<bumper::Config> C = ConfigFor(Where);
    if (!C) {
      errs() << toString(C.takeError()) << "\n";
      return ExitUsage;
    }
    outs() << bumper::dumpConfig(*C);
    return ExitClean;
  }

  if (Sources.empty()) {
    error("no source file given; see --help");
    return ExitUsage;
  }
  if (Fix && Diff) {
    error("--fix and --diff exclude each other: --diff shows what --fix "
          "would write, and writes nothing; drop one of them");
    return ExitUsage;
  }
  unsigned JobCount = std::max(1, llvm::get_physical_cores());
  if (Jobs.getNumOccurrences()) {
    Expected<unsigned> N = bumper::parseJobs(Jobs);
    if (!N) {
      error(toString(N.takeError()));
      return ExitUsage;
    }
    JobCount = *N;
  }
  if (Format != OutputFormat::Sarif &&
      (!OutputFile.empty() || !SourceRoot.empty())) {
    error("--output and --source-root are for --format=sarif");
    return ExitUsage;
  }
  if (Format == OutputFormat::Sarif && Diff && OutputFile.empty()) {
    error("--diff and --format=sarif both write to stdout: give the SARIF "
          "log an --output=<file>");
    return ExitUsage;
  }
  if (!SourceRoot.empty() && !sys::fs::is_directory(SourceRoot)) {
    error("--source-root '" + SourceRoot + "' is not a folder");
    return ExitUsage;
  }
  if (!HeaderFilter.empty()) {
    std::string RegexErr;
    if (!Regex(HeaderFilter).isValid(RegexErr)) {
      error("invalid --header-filter '" + HeaderFilter + "': " + RegexErr +
            "; it is a POSIX extended regular expression, matched against "
            "absolute paths");
      return ExitUsage;
    }
  }

  bool InputProblem = false;
  std::vector<std::string> Files;
  for (const std::string &S : Sources) {
    if (Error E = bumper::checkSourceFile(S)) {
      error(toString(std::move(E)));
      InputProblem = true;
      continue;
    }
    Files.push_back(absolute(S));
  }
  if (Files.empty())
    return ExitUsage;

  // Everything after "--" is every source's command; else -p, else a database
  // above the first source.
  bumper::LoadedDatabase Loaded;
  if (FromArgs) {
    Loaded.Database = std::move(FromArgs);
  } else if (Expected<bumper::LoadedDatabase> L =
                 bumper::loadCompilationDatabase(BuildPath, Files.front())) {
    Loaded = std::move(*L);
  } else {
    error(toString(L.takeError()));
    return ExitUsage;
  }
  std::unique_ptr<tooling::CompilationDatabase> DB = std::move(Loaded.Database);
  std::vector<std::string> Runnable;
  for (const std::string &F : Files) {
    // JSON databases guess a command for a file they do not list (the
    // "Heuristic" says from which file); the tool does not guess flags.
    std::vector<tooling::CompileCommand> Commands = DB->getCompileCommands(F);
    if (llvm::none_of(Commands, [](const tooling::CompileCommand &C) {
          return C.Heuristic.empty();
        })) {
      error("no compile command for '" + F + "' in the compilation database '" +
            Loaded.File +
            "'; check that the build compiles it (a header has no command "
            "of its own: give the source that includes it), or pass the "
            "compiler arguments after '--'");
      InputProblem = true;
      continue;
    }
    Runnable.push_back(F);
  }

  auto Start = std::chrono::steady_clock::now();
  bool Terminal = sys::Process::StandardErrIsDisplayed();
  bumper::ToolOptions Opts;
  Opts.RenderText = Format == OutputFormat::Text;
  Opts.Jobs = JobCount;
  Opts.Progress = Terminal && !Quiet;
  Opts.Fix = Fix;
  Opts.WarningsAsErrors = WarningsAsErrors;
  Opts.HeaderFilter = HeaderFilter;
  Opts.ExtraArgs = ExtraArgs;
  Opts.ExtraArgsBefore = ExtraArgsBefore;
  // Each source's .bumper.yaml; --header-filter and --warnings-as-errors on
  // the command line win over the file.
  std::vector<bumper::ToolOptions> PerSource;
  for (const std::string &F : Runnable) {
    Expected<bumper::Config> C = ConfigFor(F);
    if (!C) {
      errs() << toString(C.takeError()) << "\n";
      return ExitUsage;
    }
    bumper::ToolOptions O = Opts;
    O.Checks = C->Checks.value_or("bumper-*");
    O.WarningsAsErrorsChecks = C->WarningsAsErrors.value_or("");
    if (HeaderFilter.empty() && C->HeaderFilterRegex)
      O.HeaderFilter = *C->HeaderFilterRegex;
    O.Allocators = C->Allocators.value_or(std::vector<std::string>());
    O.KeepsArgument = C->KeepsArgument.value_or(std::vector<std::string>());
    PerSource.push_back(std::move(O));
  }

  bumper::RunResult Result;
  if (!Runnable.empty())
    bumper::runChecks(*DB, Runnable, Opts, Result, PerSource);

  for (const std::string &F : Runnable) {
    if (Result.BrokenFiles.contains(F))
      error("'" + F +
            "' does not compile; it was not checked and nothing is "
            "written to it");
    else if (!Result.Analysed.contains(F))
      error("'" + F + "' could not be parsed");
    if (!Result.Analysed.contains(F))
      InputProblem = true;
  }
  InputProblem |= Result.InputProblem;

  bumper::AppliedFixes Applied;
  if (Fix || Diff) {
    Applied = bumper::applyFixes(
        Result, Diff ? bumper::FixOutput::Diff : bumper::FixOutput::Write,
        outs(), [](Error E) { error(toString(std::move(E))); });
    InputProblem |= !Applied.FilesNotWritten.empty();
  }
  // What was written, not what was found: a file that could not be written
  // (its error is above) counts apart.
  if (Fix && Applied.FilesWritten) {
    errs() << "bumper-tool: applied " << Applied.FixesWritten
           << (Applied.FixesWritten == 1 ? " fix" : " fixes") << " to "
           << Applied.FilesWritten
           << (Applied.FilesWritten == 1 ? " file" : " files");
    if (unsigned NotWritten = Applied.FilesNotWritten.size())
      errs() << "; " << NotWritten << (NotWritten == 1 ? " file" : " files")
             << " not written";
    errs() << "\n";
  }

  if (Format == OutputFormat::Sarif) {
    std::vector<bumper::ReportedFinding> Reports = Result.Reports;
    llvm::stable_sort(Reports, [](const bumper::ReportedFinding &L,
                                  const bumper::ReportedFinding &R) {
      return std::tie(L.SourceIndex, L.Sequence) <
             std::tie(R.SourceIndex, R.Sequence);
    });
    bumper::SarifOptions SO;
    SO.Version = BUMPER_VERSION;
    if (!SourceRoot.empty())
      SO.SourceRoot = absolute(SourceRoot);
    if (OutputFile.empty() || OutputFile == "-") {
      bumper::writeSarif(outs(), Reports, SO);
      outs().flush();
    } else {
      std::error_code EC;
      raw_fd_ostream OS(OutputFile, EC, sys::fs::OF_Text);
      if (EC) {
        error("cannot write '" + OutputFile + "': " + EC.message());
        InputProblem = true;
      } else {
        bumper::writeSarif(OS, Reports, SO);
      }
    }
  }

  if (!ExportFixesFile.empty()) {
    StringRef Main = Runnable.size() == 1 ? StringRef(Runnable.front()) : "";
    if (Error E = bumper::exportFixes(ExportFixesFile, Main, Result.Exported)) {
      error(toString(std::move(E)));
      InputProblem = true;
    }
  }

  std::chrono::duration<double> Elapsed =
      std::chrono::steady_clock::now() - Start;
  if ((Summary || Terminal) && !Quiet) {
    // With --fix or --diff, the guards written or shown (every fix is a
    // guard): not those of a file that could not be written, and a shared
    // header's guard once. Otherwise the guards that are missing.
    // Warnings: those left unfixed, and under --fix those whose fix went to
    // a file that could not be written.
    const bool Edited = Fix || Diff;
    unsigned Escapes = 0, Guards = Edited ? Applied.FixesWritten : 0;
    unsigned Warnings = Result.Warnings;
    for (const bumper::ReportedFinding &R : Result.Reports) {
      if (R.Check == "bumper-escape")
        ++Escapes;
      else if (!Edited && R.Check == "bumper-missing-guard" && !R.Edits.empty())
        ++Guards;
      if (Fix && R.Level == "warning" &&
          llvm::any_of(R.Edits, [&](const bumper::ReportedEdit &E) {
            return Applied.FilesNotWritten.contains(E.File);
          }))
        ++Warnings;
    }
    auto Plural = [](unsigned N, StringRef One, StringRef Many) {
      return std::to_string(N) + " " + (N == 1 ? One : Many).str();
    };
    errs() << "bumper-tool: " << Plural(Runnable.size(), "file", "files")
           << ", " << Plural(Result.Annotations.size(), "block", "blocks")
           << ", " << Plural(Guards, "guard", "guards")
           << (Fix    ? " inserted"
               : Diff ? " to insert"
                      : " missing")
           << ", " << Plural(Escapes, "escape", "escapes") << ", "
           << Plural(Result.Errors, "error", "errors") << ", "
           << Plural(Warnings, "warning", "warnings") << ", "
           << format("%.1f s", Elapsed.count()) << "\n";
  }

  if (InputProblem)
    return ExitUsage;
  if (CheckGate)
    for (const bumper::ReportedFinding &R : Result.Reports)
      if (R.Check == "bumper-missing-guard" && !(Fix && !R.Edits.empty()))
        return ExitFindings;
  return Result.Errors ? ExitFindings : ExitClean;
}
