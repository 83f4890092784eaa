//===- BumperToolMain.cpp - The bumper-tool command line ------------------===//
//
//   bumper-tool [options] <source>... [-- <compiler arguments>]
//
// Reads the options and the compilation database, runs the checks
// (Runner.h), then prints the diff, writes the fixes or exports them
// (Output.h). Exit status: 0 no error, 1 an error diagnostic (or a warning
// under --warnings-as-errors, or under --check a missing guard), 2 a usage
// or input problem.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/ApplyFixes.h"
#include "bumper-tool/CheckRegistry.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/IncludeScan.h"
#include "bumper-tool/InputChecks.h"
#include "bumper-tool/Output.h"
#include "bumper-tool/Paths.h"
#include "bumper-tool/Runner.h"
#include "bumper-tool/Sarif.h"
#include "bumper-tool/SourceSelection.h"
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
#include <optional>
#include <set>
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
    "With no source, every file of the compilation database is checked "
    "(--files=<regex> narrows it).\n\n"
    "Exit status: 0 no error (and, with --check, no guard missing); 1 an "
    "error diagnostic, or with --warnings-as-errors a warning, or with "
    "--check a guard missing that --fix did not insert (the last line says "
    "why --check failed); 2 a usage or input problem (bad option, missing "
    "file, no compile command, a file that does not compile or could not be "
    "written), which wins over 1.\n";

cl::list<std::string>
    Sources(cl::Positional,
            cl::desc("[<source>...] [-- <compiler arguments>] (no source: "
                     "every file of the compilation database)"),
            cl::cat(Category));

cl::opt<std::string> FilesRegex(
    "files", cl::value_desc("regex"),
    cl::desc("Check only the sources whose absolute path matches <regex> "
             "(POSIX extended, unanchored); with no source given, the "
             "database's files that match"),
    cl::cat(Category));

cl::opt<bool> ChangedFiles(
    "changed-files",
    cl::desc("The sources given are the files a change touched (a commit's): "
             "a header the database does not list is checked through the "
             "files of the database that include it, and its own findings "
             "are reported (as if --header-filter matched it)"),
    cl::cat(Category));

cl::opt<bool> SkipUnlisted(
    "skip-unlisted",
    cl::desc("Skip, with one line each, the sources the compilation "
             "database does not list, instead of failing with status 2 (a "
             "CI gate over a build that leaves some files out)"),
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

cl::opt<std::string> ChecksOption(
    "checks", cl::value_desc("globs"),
    cl::desc("A clang-tidy-style glob list appended to the configuration's "
             "Checks (as clang-tidy's --checks): "
             "--checks=bumper-heap-temporary turns on that opt-in check, "
             "--checks=-bumper-unscoped-alloc turns a check off"),
    cl::cat(Category));

cl::opt<bool>
    Explain("explain",
            cl::desc("Also report, as remarks, each candidate an opt-in check "
                     "(bumper-heap-temporary) refused, and why"),
            cl::cat(Category));

cl::list<std::string>
    ExtraArgs("extra-arg", cl::value_desc("arg"),
              cl::desc("An argument to append to the compile command"),
              cl::cat(Category));

cl::list<std::string>
    ExtraArgsBefore("extra-arg-before", cl::value_desc("arg"),
                    cl::desc("An argument to prepend to the compile command"),
                    cl::cat(Category));

cl::list<std::string> RemoveArgs(
    "remove-arg", cl::value_desc("glob"),
    cl::desc("Drop the arguments of each compile command that match <glob> "
             "(with their values: -include drops '-include <file>'); "
             "repeatable. Arguments Clang does not know are always dropped"),
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
             "it, absolute file:// URIs. With --diff, name the files "
             "relative to <dir> (default: the working folder)"),
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

cl::opt<std::string> SummariesFile(
    "summaries", cl::value_desc("file|none"),
    cl::desc("The whole-program summaries file: every file of the "
             "compilation database is summarised first (again only when its "
             "inputs changed), and a call to a function defined in another "
             "file uses its summary. It also keeps each file's findings, "
             "reused (the file not parsed) while nothing they depend on "
             "changed. Default: bumper-summaries.json next to "
             "compile_commands.json; 'none' turns it off; with '--' only when "
             "given"),
    cl::cat(Category));

cl::opt<std::string> MergeSummaries(
    "merge-summaries", cl::value_desc("out"),
    cl::desc("Merge the summaries the compiler plugin wrote "
             "(-fplugin-arg-bumper-summary-out) into the index <out>: the "
             "arguments are those files, or folders searched for "
             "*.bumper-summary.json; then exit"),
    cl::cat(Category));

cl::opt<bool>
    Quiet("quiet",
          cl::desc("No progress line, no summary and no compiler warnings (the "
                   "project's own, Clang's -W...: -w); the tool's findings and "
                   "compiler errors are still printed"),
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

cl::opt<bool> ListChecks(
    "list-checks",
    cl::desc("Print every check (name, default level, what it finds) and "
             "exit"),
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

std::string plural(unsigned N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

/// Checks the options that do not depend on the files; prints what is wrong.
bool validateOptions(unsigned &JobCount, bool HaveFixedCommand) {
  if (Sources.empty() && HaveFixedCommand) {
    error("no source file given: with the compiler arguments after '--', "
          "name the sources (without '--', the tool checks every file of the "
          "compilation database); see --help");
    return false;
  }
  if (Sources.empty() && ChangedFiles) {
    error("--changed-files wants the files that changed; none was given");
    return false;
  }
  if (Fix && Diff) {
    error("--fix and --diff exclude each other: --diff shows what --fix "
          "would write, and writes nothing; drop one of them");
    return false;
  }
  // A check name without a wildcard must be one the registry knows: a typo
  // in an opt-in check's name would otherwise turn nothing on, silently.
  SmallVector<StringRef, 4> Globs;
  StringRef(ChecksOption).split(Globs, ',');
  for (StringRef G : Globs) {
    G = G.trim();
    G.consume_front("-");
    G = G.trim();
    if (!G.empty() && !G.contains_insensitive('*') &&
        !llvm::any_of(bumper::allChecks(), [&](const bumper::CheckInfo &I) {
          return I.Name == G;
        })) {
      error("--checks: unknown check '" + G.str() + "' (see --list-checks)");
      return false;
    }
  }
  JobCount = std::max(1, llvm::get_physical_cores());
  if (Jobs.getNumOccurrences()) {
    Expected<unsigned> N = bumper::parseJobs(Jobs);
    if (!N) {
      error(toString(N.takeError()));
      return false;
    }
    JobCount = *N;
  }
  if (Format != OutputFormat::Sarif && !OutputFile.empty()) {
    error("--output is for --format=sarif");
    return false;
  }
  if (Format != OutputFormat::Sarif && !Diff && !SourceRoot.empty()) {
    error("--source-root is for --format=sarif and --diff");
    return false;
  }
  if (Format == OutputFormat::Sarif && Diff && OutputFile.empty()) {
    error("--diff and --format=sarif both write to stdout: give the SARIF "
          "log an --output=<file>");
    return false;
  }
  if (!SourceRoot.empty() && !sys::fs::is_directory(SourceRoot)) {
    error("--source-root '" + SourceRoot + "' is not a folder");
    return false;
  }
  if (Error E = bumper::checkRemoveGlobs(RemoveArgs)) {
    error(toString(std::move(E)));
    return false;
  }
  if (std::string RegexErr;
      !FilesRegex.empty() && !Regex(FilesRegex).isValid(RegexErr)) {
    error("invalid --files '" + FilesRegex + "': " + RegexErr +
          "; it is a POSIX extended regular expression, matched against "
          "absolute paths");
    return false;
  }
  if (!HeaderFilter.empty()) {
    std::string RegexErr;
    if (!Regex(HeaderFilter).isValid(RegexErr)) {
      error("invalid --header-filter '" + HeaderFilter + "': " + RegexErr +
            "; it is a POSIX extended regular expression, matched against "
            "absolute paths");
      return false;
    }
  }
  return true;
}

/// The sources that exist and can be read, made absolute; the others are
/// reported.
/// \p Database: the database the sources come from, if they do.
std::vector<std::string> readableSources(ArrayRef<std::string> Given,
                                         bool &InputProblem,
                                         StringRef Database = "") {
  std::vector<std::string> Files;
  for (const std::string &S : Given) {
    if (Error E = bumper::checkSourceFile(S)) {
      error(toString(std::move(E)) +
            (Database.empty()
                 ? ""
                 : "; the compilation database '" + Database +
                       "' lists it: it may be out of date, re-run CMake"));
      InputProblem = true;
      continue;
    }
    Files.push_back(bumper::absolutePath(S));
  }
  return Files;
}

/// The sources \p DB has a compile command for; the others are reported.
std::vector<std::string> compilableSources(const bumper::LoadedDatabase &Loaded,
                                           ArrayRef<std::string> Files,
                                           bool &InputProblem) {
  std::vector<std::string> Runnable;
  for (const std::string &F : Files) {
    // JSON databases guess a command for a file they do not list (the
    // "Heuristic" says from which file); the tool does not guess flags.
    if (!bumper::isListed(*Loaded.Database, F)) {
      if (SkipUnlisted) {
        WithColor::note(errs(), "bumper-tool")
            << "skipped '" << F << "': the compilation database '"
            << Loaded.File << "' does not list it (--skip-unlisted)\n";
        continue;
      }
      if (ChangedFiles)
        error("no compile command for '" + F +
              "' in the compilation database '" + Loaded.File +
              "': the database is out of date (re-run CMake to add the new "
              "file), or the build does not compile it (--skip-unlisted "
              "skips such files)");
      else
        error("no compile command for '" + F +
              "' in the compilation database '" + Loaded.File +
              "'; check that the build compiles it (a header has no "
              "command of its own: give the source that includes it, or "
              "use --changed-files), or pass the compiler arguments after "
              "'--'");
      InputProblem = true;
      continue;
    }
    Runnable.push_back(F);
  }
  return Runnable;
}

/// --changed-files: \p Files with each header the database does not list
/// replaced by the database's files that include it. \p HeaderRegex gets a
/// regular expression matching those headers (for the header filter).
std::vector<std::string>
withIncluders(const bumper::LoadedDatabase &Loaded, ArrayRef<std::string> Files,
              unsigned JobCount, std::string &HeaderRegex, bool &InputProblem) {
  std::vector<std::string> Headers;
  for (const std::string &F : Files)
    if (!bumper::hasSourceExtension(F) &&
        !bumper::isListed(*Loaded.Database, F))
      Headers.push_back(F);
  if (Headers.empty())
    return Files.vec();
  bumper::IncludeScanOptions SO;
  SO.CompileFlags.Remove = RemoveArgs;
  SO.ExtraArgs = ExtraArgs;
  SO.ExtraArgsBefore = ExtraArgsBefore;
  SO.Jobs = JobCount;
  StringMap<std::vector<std::string>> Includers =
      bumper::findIncluders(*Loaded.Database, Headers, SO, [&](Error E) {
        error(toString(std::move(E)));
        InputProblem = true;
      });
  std::vector<std::string> Out;
  StringSet<> Seen;
  for (const std::string &F : Files) {
    if (!llvm::is_contained(Headers, F)) {
      if (Seen.insert(F).second)
        Out.push_back(F);
      continue;
    }
    const std::vector<std::string> &By = Includers.lookup(F);
    if (By.empty()) {
      WithColor::warning(errs(), "bumper-tool")
          << "'" << F
          << "' is included by no file of the compilation database '"
          << Loaded.File << "'; it was not checked\n";
      continue;
    }
    if (!Quiet)
      WithColor::note(errs(), "bumper-tool")
          << "'" << F << "' is checked through the "
          << plural(By.size(), "file", "files")
          << " of the database including it\n";
    HeaderRegex += (HeaderRegex.empty() ? "^" : "|^") + Regex::escape(F) + "$";
    for (const std::string &S : By)
      if (Seen.insert(S).second)
        Out.push_back(S);
  }
  return Out;
}

/// The options every source shares, from the command line.
bumper::ToolOptions commandLineOptions(unsigned JobCount) {
  bumper::ToolOptions Opts;
  Opts.RenderText = Format == OutputFormat::Text;
  Opts.Jobs = JobCount;
  Opts.Progress = sys::Process::StandardErrIsDisplayed() && !Quiet;
  Opts.Fix = Fix;
  Opts.Explain = Explain;
  Opts.Policy.WarningsAsErrors = WarningsAsErrors;
  Opts.Policy.HeaderFilter = HeaderFilter;
  Opts.ExtraArgs = ExtraArgs;
  Opts.ExtraArgsBefore = ExtraArgsBefore;
  // Clang's -w silences compiler warnings; the tool's findings are custom
  // diagnostics, which -w does not touch (their level is the policy's).
  if (Quiet)
    Opts.ExtraArgs.push_back("-w");
  return Opts;
}

/// Each source's options: \p Opts with its .bumper.yaml applied;
/// --header-filter and --warnings-as-errors on the command line win over the
/// file.
Expected<std::vector<bumper::ToolOptions>>
perSourceOptions(bumper::ConfigCache &Configs, const bumper::ToolOptions &Opts,
                 ArrayRef<std::string> Runnable, StringRef ChangedHeaders) {
  std::vector<bumper::ToolOptions> PerSource;
  for (const std::string &F : Runnable) {
    Expected<bumper::Config> C = Configs.forSource(F);
    if (!C)
      return C.takeError();
    bumper::ToolOptions O = Opts;
    O.Policy.Checks = C->Checks.value_or("bumper-*");
    if (!ChecksOption.empty())
      O.Policy.Checks += "," + ChecksOption;
    O.Policy.WarningsAsErrorsChecks = C->WarningsAsErrors.value_or("");
    if (HeaderFilter.empty() && C->HeaderFilterRegex)
      O.Policy.HeaderFilter = *C->HeaderFilterRegex;
    if (!ChangedHeaders.empty())
      O.Policy.HeaderFilter =
          O.Policy.HeaderFilter.empty()
              ? ChangedHeaders.str()
              : "(" + O.Policy.HeaderFilter + ")|" + ChangedHeaders.str();
    O.Escape = bumper::escapeOptions(*C);
    O.CompileFlags.Remove = RemoveArgs;
    if (C->CompileFlagsRemove)
      llvm::append_range(O.CompileFlags.Remove, *C->CompileFlagsRemove);
    if (C->CompileFlagsAdd)
      O.CompileFlags.Add = *C->CompileFlagsAdd;
    PerSource.push_back(std::move(O));
  }
  return PerSource;
}

/// The summaries file of the run ("" for none): --summaries, else
/// bumper-summaries.json next to the compile_commands.json the commands
/// come from.
std::string summariesPath(const bumper::LoadedDatabase &Loaded,
                          bool FixedCommand) {
  if (SummariesFile == "none")
    return "";
  if (!SummariesFile.empty())
    return bumper::absolutePath(SummariesFile);
  if (FixedCommand ||
      sys::path::filename(Loaded.File) != "compile_commands.json")
    return "";
  SmallString<256> Path(sys::path::parent_path(Loaded.File));
  sys::path::append(Path, "bumper-summaries.json");
  return std::string(Path);
}

void warning(const Twine &T) {
  WithColor::warning(errs(), "bumper-tool") << T << "\n";
}

/// Brings the summaries file up to date (every file of the database, or the
/// sources given after '--') but for the sources to check, which runChecks()
/// summarises as it checks them (\p Pass), and points each source's options
/// at the index. Problems with the file are warnings: the check runs
/// without it.
bumper::SummaryRunStats
useSummaries(StringRef Path, const bumper::LoadedDatabase &Loaded,
             bool FixedCommand, ArrayRef<std::string> Runnable,
             bumper::ConfigCache &Configs, const bumper::ToolOptions &Opts,
             std::vector<bumper::ToolOptions> &PerSource,
             bumper::SummaryPass &Pass) {
  bumper::SummaryIndex &Index = Pass.Index;
  if (Expected<bumper::SummaryIndex> Old = bumper::SummaryIndex::readFile(Path))
    Index = std::move(*Old);
  else
    warning(toString(Old.takeError()) + "; it is made again");
  std::vector<std::string> All;
  if (FixedCommand)
    All = Runnable;
  else
    for (const std::string &F : bumper::databaseSources(*Loaded.Database))
      if (sys::fs::is_regular_file(F))
        All.push_back(F);
  Expected<std::vector<bumper::ToolOptions>> AllOpts =
      perSourceOptions(Configs, Opts, All, "");
  if (!AllOpts) {
    // The check reports a bad configuration of its own sources.
    consumeError(AllOpts.takeError());
    AllOpts = std::vector<bumper::ToolOptions>(All.size(), Opts);
  }
  llvm::StringSet<> Checked;
  for (const std::string &F : Runnable)
    Checked.insert(F);
  bumper::SummaryRunStats Stats = bumper::updateSummaries(
      *Loaded.Database, All, Opts, *AllOpts, Index, Checked, Pass.Stale);
  for (bumper::ToolOptions &O : PerSource)
    O.Escape.Summaries = &Index;
  return Stats;
}

/// --summary's line on the summaries pass, before the summary line.
void printSummariesLine(StringRef Path, const bumper::SummaryRunStats &Stats,
                        unsigned ResultsReused) {
  errs() << "bumper-tool: summaries: "
         << plural(Stats.Summarised, "file", "files") << " summarised, "
         << Stats.Reused << " up to date"
         << (Stats.Failed
                 ? ", " + std::to_string(Stats.Failed) + " not compiled"
                 : std::string())
         << " ('" << Path << "'); findings of "
         << plural(ResultsReused, "file", "files") << " reused\n";
}

/// --merge-summaries: the index \p Out from the plugin's per-unit files
/// \p Inputs (files, or folders holding *.bumper-summary.json).
int mergeSummaries(StringRef Out, ArrayRef<std::string> Inputs) {
  std::vector<std::string> Files;
  for (const std::string &In : Inputs) {
    if (!sys::fs::is_directory(In)) {
      Files.push_back(In);
      continue;
    }
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(In, EC), End;
         It != End && !EC; It.increment(EC))
      if (StringRef(It->path()).ends_with(".bumper-summary.json"))
        Files.push_back(It->path());
    if (EC) {
      error("'" + In + "' cannot be searched: " + EC.message());
      return ExitUsage;
    }
  }
  llvm::sort(Files);
  bumper::SummaryIndex Index;
  for (const std::string &F : Files) {
    if (!sys::fs::exists(F)) {
      error("the summaries file '" + F + "' does not exist");
      return ExitUsage;
    }
    Expected<bumper::SummaryIndex> I = bumper::SummaryIndex::readFile(F);
    if (!I) {
      error(toString(I.takeError()));
      return ExitUsage;
    }
    Index.merge(*I);
  }
  if (Error E = Index.writeFile(Out)) {
    error(toString(std::move(E)));
    return ExitUsage;
  }
  if (!Quiet)
    errs() << "bumper-tool: merged " << plural(Files.size(), "file", "files")
           << " (" << plural(Index.units().size(), "unit", "units")
           << ") into '" << Out << "'\n";
  return ExitClean;
}

/// Writes the SARIF log, to stdout or atomically to --output.
bool writeSarifLog(const bumper::RunResult &Result) {
  std::vector<bumper::ReportedFinding> Reports = Result.Reports;
  llvm::stable_sort(Reports, [](const bumper::ReportedFinding &L,
                                const bumper::ReportedFinding &R) {
    return std::tie(L.SourceIndex, L.Sequence) <
           std::tie(R.SourceIndex, R.Sequence);
  });
  bumper::SarifOptions SO;
  SO.Version = BUMPER_VERSION;
  if (!SourceRoot.empty())
    SO.SourceRoot = bumper::absolutePath(SourceRoot);
  std::string Out = OutputFile.empty() ? std::string("-") : OutputFile;
  if (Error E = writeToOutput(Out, [&](raw_ostream &OS) {
        bumper::writeSarif(OS, Reports, SO);
        return Error::success();
      })) {
    error("cannot write '" + Out + "': " + toString(std::move(E)));
    return false;
  }
  return true;
}

/// "bumper-tool: applied 3 fixes to 2 files[; 1 file not written]".
void printApplied(const bumper::AppliedFixes &Applied) {
  errs() << "bumper-tool: applied "
         << plural(Applied.FixesWritten, "fix", "fixes") << " to "
         << plural(Applied.FilesWritten, "file", "files");
  if (unsigned NotWritten = Applied.FilesNotWritten.size())
    errs() << "; " << plural(NotWritten, "file", "files") << " not written";
  errs() << "\n";
}

/// The closing line: files, blocks, guards, escapes, errors, warnings, time.
void printSummary(const bumper::RunResult &Result,
                  const bumper::AppliedFixes &Applied,
                  ArrayRef<std::string> Runnable,
                  std::chrono::duration<double> Elapsed) {
  // With --fix or --diff, the guards written or shown (every fix is a
  // guard): not those of a file that could not be written, and a shared
  // header's guard once. Otherwise the guards that are missing.
  // Warnings: those left unfixed, and under --fix those whose fix went to
  // a file that could not be written.
  const bool Edited = Fix || Diff;
  unsigned Escapes = 0, Guards = Edited ? Applied.FixesWritten : 0;
  unsigned Warnings = Result.Warnings;
  // bumper-heap-temporary: its conversions, and with --explain its refusals.
  // Their edits are not guards (a new block's guard is part of one).
  unsigned Heap = 0, HeapRefused = 0;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> HeapEdits;
  for (const bumper::ReportedFinding &R : Result.Reports) {
    if (R.Check != bumper::checkName(bumper::Check::HeapTemporary))
      continue;
    if (R.Level == "note") {
      ++HeapRefused;
      continue;
    }
    bool Written = !llvm::any_of(R.Edits, [&](const bumper::ReportedEdit &E) {
      return Applied.FilesNotWritten.contains(E.File);
    });
    if (Edited && !Written)
      continue;
    ++Heap;
    if (Edited)
      for (const bumper::ReportedEdit &E : R.Edits)
        HeapEdits.emplace(E.File, E.Offset, E.Length, E.Text);
  }
  Guards -= std::min<unsigned>(Guards, HeapEdits.size());
  for (const bumper::ReportedFinding &R : Result.Reports) {
    if (R.Check == bumper::checkName(bumper::Check::Escape))
      ++Escapes;
    else if (!Edited &&
             R.Check == bumper::checkName(bumper::Check::MissingGuard) &&
             !R.Edits.empty())
      ++Guards;
    if (Fix && R.Level == "warning" &&
        llvm::any_of(R.Edits, [&](const bumper::ReportedEdit &E) {
          return Applied.FilesNotWritten.contains(E.File);
        }))
      ++Warnings;
  }
  unsigned NotCompiling = 0, NotChecked = 0;
  for (const std::string &F : Runnable) {
    if (Result.BrokenFiles.contains(F))
      ++NotCompiling;
    else if (!Result.Analysed.contains(F))
      ++NotChecked;
  }
  unsigned Unreported = 0;
  for (const auto &K : Result.UnreportedAnnotations)
    Unreported += !Result.Annotations.contains(K.getKey());
  errs() << "bumper-tool: " << plural(Runnable.size(), "file", "files");
  if (NotCompiling)
    errs() << " (" << plural(NotCompiling, "file", "files")
           << " not checked: " << (NotCompiling == 1 ? "it does" : "they do")
           << " not compile)";
  if (NotChecked)
    errs() << " (" << plural(NotChecked, "file", "files")
           << " not checked: could not be parsed)";
  errs() << ", " << plural(Result.Annotations.size(), "block", "blocks");
  if (Unreported)
    errs() << " (and " << Unreported << " in headers not checked: see "
           << "--header-filter)";
  errs() << ", " << plural(Guards, "guard", "guards")
         << (Fix    ? " inserted"
             : Diff ? " to insert"
                    : " missing")
         << ", " << plural(Escapes, "escape", "escapes") << ", "
         << plural(Result.Errors, "error", "errors") << ", "
         << plural(Warnings, "warning", "warnings");
  if (unsigned N = Result.SuppressedByNolint.size())
    errs() << ", " << plural(N, "finding", "findings")
           << " suppressed by NOLINT";
  if (Heap || HeapRefused)
    errs() << ", " << plural(Heap, "heap temporary", "heap temporaries")
           << (Fix    ? " converted"
               : Diff ? " to convert"
                      : " convertible")
           << (Explain ? " (" + std::to_string(HeapRefused) + " refused)"
                       : std::string());
  errs() << ", " << format("%.1f s", Elapsed.count()) << "\n";
}

/// 2 for an input problem, 1 for an error (or, under --check, a guard left
/// missing), else 0.
int exitStatus(const bumper::RunResult &Result, bool InputProblem) {
  unsigned Missing = 0;
  if (CheckGate)
    for (const bumper::ReportedFinding &R : Result.Reports)
      if (R.Check == bumper::checkName(bumper::Check::MissingGuard) &&
          !(Fix && !R.Edits.empty()))
        ++Missing;
  // The gate says why it failed, whatever --quiet says: a CI log must not
  // end in a bare status.
  if (CheckGate && (InputProblem || Missing || Result.Errors)) {
    std::string Why;
    auto Add = [&](const Twine &T) {
      Why += (Why.empty() ? "" : "; ") + T.str();
    };
    if (Missing)
      Add(plural(Missing, "guard", "guards") + " missing" +
          (Fix ? " that --fix could not insert"
               : " (bumper-missing-guard; --fix inserts " +
                     std::string(Missing == 1 ? "it" : "them") + ")"));
    if (Result.Errors)
      Add(plural(Result.Errors, "error", "errors") + " reported");
    if (InputProblem)
      Add("some files could not be checked or written (the errors above)");
    error("--check failed: " + Why);
  }
  if (InputProblem)
    return ExitUsage;
  if (Missing)
    return ExitFindings;
  return Result.Errors ? ExitFindings : ExitClean;
}

/// What a run checks: the database the commands come from and the sources
/// it has a command for.
struct Selection {
  bumper::LoadedDatabase Loaded;
  std::vector<std::string> Runnable;
  /// --changed-files: a regular expression of the headers given.
  std::string ChangedHeaders;
  bool WholeDatabase = false;
  bool FixedCommand = false;
};

/// Loads the database and picks the sources: those given (readable,
/// matching --files, with the includers of changed headers), else every file
/// of the database, as run-clang-tidy does. Each source left out is reported
/// and sets \p InputProblem; std::nullopt means nothing is left to check.
std::optional<Selection>
selectSources(std::unique_ptr<tooling::CompilationDatabase> FromArgs,
              unsigned JobCount, bool &InputProblem) {
  Selection Sel;
  Sel.WholeDatabase = Sources.empty();
  Sel.FixedCommand = FromArgs != nullptr;
  std::vector<std::string> Files;
  if (!Sel.WholeDatabase) {
    Files = readableSources(Sources, InputProblem);
    if (Files.empty())
      return std::nullopt;
  }

  // Everything after "--" is every source's command; else -p, else a database
  // above the first source (or, with none, in the working folder or above).
  bumper::LoadedDatabase &Loaded = Sel.Loaded;
  if (FromArgs) {
    Loaded.Database = std::move(FromArgs);
  } else if (Expected<bumper::LoadedDatabase> L =
                 bumper::loadCompilationDatabase(
                     BuildPath, Sel.WholeDatabase ? bumper::absolutePath(
                                                        "compile_commands.json")
                                                  : Files.front())) {
    Loaded = std::move(*L);
  } else {
    error(toString(L.takeError()));
    return std::nullopt;
  }
  if (Sel.WholeDatabase) {
    std::vector<std::string> Listed = bumper::matchingFiles(
        bumper::databaseSources(*Loaded.Database), FilesRegex);
    if (Listed.empty()) {
      error("no source to check: the compilation database '" + Loaded.File +
            "' lists " +
            (FilesRegex.empty()
                 ? std::string("no file")
                 : "no file whose path matches --files '" + FilesRegex + "'"));
      return std::nullopt;
    }
    // A listed file that is gone means the database is out of date.
    Files = readableSources(Listed, InputProblem, Loaded.File);
    if (!Quiet)
      errs() << "bumper-tool: checking "
             << plural(Files.size(), "file", "files")
             << " of the compilation database '" << Loaded.File << "'"
             << (FilesRegex.empty() ? "" : " matching --files") << "\n";
  } else if (!FilesRegex.empty()) {
    Files = bumper::matchingFiles(Files, FilesRegex);
    if (Files.empty()) {
      error("no source to check: none of the sources given matches --files '" +
            FilesRegex + "'");
      return std::nullopt;
    }
  }
  if (ChangedFiles && !Sel.WholeDatabase)
    Files = withIncluders(Loaded, Files, JobCount, Sel.ChangedHeaders,
                          InputProblem);
  Sel.Runnable = compilableSources(Loaded, Files, InputProblem);
  return Sel;
}

/// Reports each source that does not compile or was not analysed. True if
/// one was not analysed.
bool reportUnchecked(const bumper::RunResult &Result,
                     ArrayRef<std::string> Runnable) {
  bool Any = false;
  for (const std::string &F : Runnable) {
    if (Result.BrokenFiles.contains(F))
      error("'" + F +
            "' does not compile; it was not checked and nothing is "
            "written to it");
    else if (!Result.Analysed.contains(F))
      error("'" + F + "' could not be parsed");
    Any |= !Result.Analysed.contains(F);
  }
  return Any;
}

/// --fix or --diff, the SARIF log and --export-fixes. False if one of them
/// could not be written (its error is printed).
bool writeOutputs(const bumper::RunResult &Result,
                  ArrayRef<std::string> Runnable,
                  bumper::AppliedFixes &Applied) {
  bool Written = true;
  if (Fix || Diff) {
    Applied = bumper::applyFixes(
        Result, Diff ? bumper::FixOutput::Diff : bumper::FixOutput::Write,
        outs(), [](Error E) { error(toString(std::move(E))); }, SourceRoot);
    Written &= Applied.FilesNotWritten.empty();
  }
  // What was written, not what was found: a file that could not be written
  // (its error is above) counts apart.
  if (Fix && Applied.FilesWritten)
    printApplied(Applied);

  if (Format == OutputFormat::Sarif && !writeSarifLog(Result))
    Written = false;

  if (!ExportFixesFile.empty()) {
    StringRef Main = Runnable.size() == 1 ? StringRef(Runnable.front()) : "";
    if (Error E = bumper::exportFixes(ExportFixesFile, Main, Result.Exported)) {
      error(toString(std::move(E)));
      Written = false;
    }
  }
  return Written;
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

  if (ListChecks) {
    bumper::printCheckList(outs());
    return ExitClean;
  }

  if (!MergeSummaries.empty())
    return mergeSummaries(MergeSummaries, Sources);

  bumper::ConfigCache Configs(ConfigFile);
  if (DumpConfig) {
    std::string Where = Sources.empty() ? std::string(".") : Sources.front();
    Expected<bumper::Config> C = Configs.forSource(Where);
    if (!C) {
      errs() << toString(C.takeError()) << "\n";
      return ExitUsage;
    }
    outs() << bumper::dumpConfig(*C);
    return ExitClean;
  }

  unsigned JobCount = 1;
  if (!validateOptions(JobCount, FromArgs != nullptr))
    return ExitUsage;

  bool InputProblem = false;
  std::optional<Selection> Sel =
      selectSources(std::move(FromArgs), JobCount, InputProblem);
  if (!Sel)
    return ExitUsage;
  const std::vector<std::string> &Runnable = Sel->Runnable;
  bumper::LoadedDatabase &Loaded = Sel->Loaded;

  auto Start = std::chrono::steady_clock::now();
  bumper::ToolOptions Opts = commandLineOptions(JobCount);
  Expected<std::vector<bumper::ToolOptions>> PerSource =
      perSourceOptions(Configs, Opts, Runnable, Sel->ChangedHeaders);
  if (!PerSource) {
    errs() << toString(PerSource.takeError()) << "\n";
    return ExitUsage;
  }

  bumper::SummaryIndex Index;
  bumper::SummaryPass Pass(Index);
  std::string SummariesPath = summariesPath(Loaded, Sel->FixedCommand);
  std::optional<bumper::SummaryRunStats> SummaryStats;
  if (!SummariesPath.empty() && !Runnable.empty())
    SummaryStats = useSummaries(SummariesPath, Loaded, Sel->FixedCommand,
                                Runnable, Configs, Opts, *PerSource, Pass);

  bumper::RunResult Result;
  if (!Runnable.empty())
    bumper::runChecks(*Loaded.Database, Runnable, Opts, Result, *PerSource,
                      SummaryStats ? &Pass : nullptr);
  if (SummaryStats) {
    SummaryStats->Summarised += Pass.Stats.Summarised;
    SummaryStats->Failed += Pass.Stats.Failed;
    if (SummaryStats->Summarised || Pass.ResultsChanged)
      if (Error E = Index.writeFile(SummariesPath))
        warning(toString(std::move(E)));
  }

  InputProblem |= reportUnchecked(Result, Runnable);
  InputProblem |= Result.InputProblem;

  bumper::AppliedFixes Applied;
  InputProblem |= !writeOutputs(Result, Runnable, Applied);

  if (Summary && SummaryStats && !Quiet)
    printSummariesLine(SummariesPath, *SummaryStats, Pass.ResultsReused);
  if ((Summary || Sel->WholeDatabase ||
       sys::Process::StandardErrIsDisplayed()) &&
      !Quiet)
    printSummary(Result, Applied, Runnable,
                 std::chrono::steady_clock::now() - Start);
  return exitStatus(Result, InputProblem);
}
