//===- Runner.cpp - The frontend action that runs the checks --------------===//
//
// For each translation unit: an ASTFrontendAction installs the thread-local
// AttributeRecorder while Sema parses, then the consumer runs the checks into
// the FindingPolicy, renders its decisions and merges them into the run's. A
// translation unit with compiler errors is not checked and none of its fixes is
// kept.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Runner.h"
#include "bumper-tool/AttributeSpelling.h"
#include "bumper-tool/Checks.h"
#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/EscapeAnalysis.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "bumper-tool/OnceConsumer.h"
#include "bumper-tool/Paths.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace bumper {
namespace {

/// What one translation unit printed: its compiler diagnostics and its
/// findings, each finding's text marked so that a finding another unit
/// printed first (a shared header's) is left out.
struct UnitOutput {
  std::string Text;
  struct Span {
    size_t Begin, End;
    std::string Key;
  };
  std::vector<Span> Findings;
};

/// What a check of one translation unit gave, kept to be stored for the
/// next run (SummaryPass): with the unit's printed output, all a reused
/// unit needs to give the run what checking it would.
struct UnitRecord {
  std::vector<ReportedFinding> Reports;
  std::vector<std::string> Suppressed;
  std::vector<std::string> Annotations, UnreportedAnnotations;
  /// Main files analysed.
  std::vector<std::string> Analysed;
  /// It did not compile or the tool failed on it: not stored.
  bool Broken = false;
  /// It has no_escape annotations: its findings depend on the index.
  bool HasAnnotations = false;
};

/// What the actions of one translation unit (one per compile command of its
/// source) share.
struct UnitContext {
  const ToolOptions &Opts;
  RunResult &Result;
  UnitOutput Out;
  /// Where the unit's diagnostics are printed.
  llvm::raw_ostream *Text;
  /// The source's position on the command line.
  unsigned SourceIndex;
  /// Some finding of ours was an error (ClangTool then reports the unit as
  /// failed, which is not an input problem).
  bool ErrorsReported = false;
  /// Not null: summarise the unit into it while it is checked (the first
  /// pass of a run with summaries); Summarised says it was done.
  UnitSummaries *Summarize = nullptr;
  bool Summarised = false;
  /// The unit has no_escape annotations, so its findings depend on the
  /// summaries of the other units: it is checked again once they are all
  /// made, and this pass reports nothing of it.
  bool Deferred = false;
  /// Not null: what the check gives is recorded too.
  UnitRecord *Record = nullptr;
};

/// Summarises the unit of \p Ctx into \p Out: its functions, and the
/// digest of every file it read outside system headers.
void summarizeInto(ASTContext &Ctx, const EscapeOptions &Escape,
                   UnitSummaries &Out) {
  summarizeUnit(Ctx, Escape, Out);
  const SourceManager &SM = Ctx.getSourceManager();
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
    if (!E.isFile() || SrcMgr::isSystem(E.getFile().getFileCharacteristic()))
      continue;
    const SrcMgr::ContentCache &C = E.getFile().getContentCache();
    std::optional<StringRef> Data = C.getBufferDataIfLoaded();
    if (!C.OrigEntry || !Data)
      continue;
    Out.Inputs[absolutePath(SM.getFileManager(), C.OrigEntry->getName())] =
        contentDigest(*Data);
  }
}

class CheckConsumer : public ASTConsumer {
public:
  CheckConsumer(CompilerInstance &CI, const AttributeRecorder &Recorder,
                UnitContext &Unit)
      : CI(CI), Recorder(Recorder), Unit(Unit), Opts(Unit.Opts),
        Result(Unit.Result) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::string MainFile;
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID()))
      MainFile = absolutePath(SM.getFileManager(), FE->getName());
    if (hasCompilerErrors(CI.getDiagnostics(), Recorder)) {
      std::lock_guard<std::mutex> Guard(Result.Lock);
      Result.InputProblem = true;
      Result.BrokenFiles.insert(MainFile);
      Result.Analysed.insert(MainFile);
      if (Unit.Record)
        Unit.Record->Broken = true;
      return;
    }
    if (Unit.Summarize && !Unit.Summarised) {
      summarizeInto(Ctx, Opts.Escape, *Unit.Summarize);
      Unit.Summarised = true;
      Unit.Deferred = !Recorder.uses().empty();
    }
    if (Unit.Deferred)
      return;
    {
      std::lock_guard<std::mutex> Guard(Result.Lock);
      Result.Analysed.insert(MainFile);
    }
    PolicyOptions PO = Opts.Policy;
    PO.FixesApplied = Opts.Fix;
    FindingPolicy Policy(SM, std::move(PO));
    // The same checks as the plugin and the clang-tidy module run (Checks.h).
    runAllChecks(Ctx, Recorder, Policy, Opts.Escape, Opts.Explain);
    std::vector<ReportedFinding> Reports;
    for (const Decision &D : Policy.take()) {
      ReportedFinding R = toReport(SM, Ctx.getLangOpts(), D);
      R.SourceIndex = Unit.SourceIndex;
      R.Sequence = Reports.size();
      if (Opts.RenderText && Unit.Text) {
        size_t Begin = Unit.Text->tell();
        renderDiagnostic(CI.getDiagnostics(), D);
        Unit.Out.Findings.push_back(
            {Begin, size_t(Unit.Text->tell()), reportKey(R)});
      }
      Reports.push_back(std::move(R));
    }
    std::vector<std::string> Suppressed;
    for (auto [Kind, Loc] : Policy.suppressedByNolint()) {
      auto [FID, Offset] = SM.getDecomposedExpansionLoc(Loc);
      OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
      Suppressed.push_back(
          (checkName(Kind) + "\n" +
           (FE ? absolutePath(SM.getFileManager(), FE->getName()) : "") + ":" +
           llvm::Twine(Offset))
              .str());
    }
    Unit.ErrorsReported |= llvm::any_of(
        Reports, [](const ReportedFinding &R) { return R.Level == "error"; });
    if (UnitRecord *Rec = Unit.Record) {
      llvm::append_range(Rec->Reports, Reports);
      llvm::append_range(Rec->Suppressed, Suppressed);
      Rec->Analysed.push_back(MainFile);
      Rec->HasAnnotations |= !Recorder.uses().empty();
    }
    mergeReports(Result, std::move(Reports), Suppressed);
    countAnnotations(SM, Policy);
    recordAnalysedContent(SM);
  }

  /// Records what this unit read of each file that has fixes, so that --fix
  /// can tell whether the file on disk still holds it (ApplyFixes.h). A
  /// header two units read differently is marked as changed.
  void recordAnalysedContent(const SourceManager &SM) {
    // The files this unit read, named as the fixes name them (Diagnostics.cpp
    // names a replacement's file by its FileEntryRef, made absolute).
    std::vector<std::pair<std::string, StringRef>> Files;
    llvm::DenseSet<const SrcMgr::ContentCache *> Seen;
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &E = SM.getLocalSLocEntry(I);
      if (!E.isFile())
        continue;
      const SrcMgr::ContentCache &C = E.getFile().getContentCache();
      if (!C.OrigEntry || !Seen.insert(&C).second)
        continue;
      std::optional<StringRef> Data = C.getBufferDataIfLoaded();
      if (!Data)
        continue;
      Files.emplace_back(
          absolutePath(SM.getFileManager(), C.OrigEntry->getName()), *Data);
    }
    {
      std::lock_guard<std::mutex> Guard(Result.Lock);
      llvm::erase_if(
          Files, [&](const auto &F) { return !Result.Fixes.count(F.first); });
    }
    std::vector<ContentDigest> Digests;
    for (const auto &F : Files)
      Digests.push_back(ContentDigest::of(F.second));
    std::lock_guard<std::mutex> Guard(Result.Lock);
    for (size_t I = 0; I < Files.size(); ++I) {
      auto [It, Inserted] =
          Result.AnalysedContent.try_emplace(Files[I].first, Digests[I]);
      if (!Inserted && It->second != Digests[I])
        Result.ChangedWhileChecked.insert(Files[I].first);
    }
  }

  /// Records where each [[bumper::no_escape]] outside system headers is,
  /// for the summary's count of blocks: those in files whose findings are
  /// reported (the main file, headers the header filter matches) apart
  /// from those in headers that are not. A block is keyed by where it is
  /// expanded and where it is written, so that two blocks of one macro
  /// expansion, or one macro's block expanded twice, count as two.
  void countAnnotations(const SourceManager &SM, const FindingPolicy &Policy) {
    std::vector<std::pair<std::string, bool>> Keys;
    auto Place = [&](SourceLocation L) -> std::string {
      auto [FID, Offset] = SM.getDecomposedLoc(L);
      OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
      if (!FE)
        return "";
      return (absolutePath(SM.getFileManager(), FE->getName()) + ":" +
              llvm::Twine(Offset))
          .str();
    };
    for (const AttributeUse &U : Recorder.uses()) {
      SourceLocation Loc = U.Range.getBegin();
      if (Loc.isInvalid())
        continue;
      SourceLocation Expansion = SM.getExpansionLoc(Loc);
      if (SM.isInSystemHeader(Expansion))
        continue;
      std::string Key = Place(Expansion);
      if (Key.empty())
        continue;
      if (Loc.isMacroID())
        Key += " " + Place(SM.getSpellingLoc(Loc));
      Keys.emplace_back(std::move(Key), Policy.isReported(Expansion));
    }
    if (UnitRecord *Rec = Unit.Record)
      for (const auto &[K, Reported] : Keys)
        (Reported ? Rec->Annotations : Rec->UnreportedAnnotations).push_back(K);
    std::lock_guard<std::mutex> Guard(Result.Lock);
    for (const auto &[K, Reported] : Keys)
      (Reported ? Result.Annotations : Result.UnreportedAnnotations).insert(K);
  }

private:
  CompilerInstance &CI;
  const AttributeRecorder &Recorder;
  UnitContext &Unit;
  const ToolOptions &Opts;
  RunResult &Result;
};

/// ClangTool runs one action per compile command of the source.
class CheckAction : public ASTFrontendAction {
public:
  explicit CheckAction(UnitContext &Unit) : Unit(Unit) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    watchAttributes(CI.getPreprocessor(), Recorder);
    return std::make_unique<CheckConsumer>(CI, Recorder, Unit);
  }

  bool BeginSourceFileAction(CompilerInstance &CI) override {
    // No "N warnings generated." trailer: Clang counts per compile command,
    // findings another command or unit printed first included, so its
    // numbers would not add up; the summary line counts the run.
    CI.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
    Scope.emplace(Recorder);
    return true;
  }
  void EndSourceFileAction() override { Scope.reset(); }

private:
  UnitContext &Unit;
  AttributeRecorder Recorder;
  std::optional<RecordingScope> Scope;
};

class CheckActionFactory : public tooling::FrontendActionFactory {
public:
  explicit CheckActionFactory(UnitContext &Unit) : Unit(Unit) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CheckAction>(Unit);
  }

private:
  UnitContext &Unit;
};

/// Diagnostics of one translation unit, kept until the unit is done so that
/// units checked at once never interleave. The printer uses the diagnostic
/// options of the unit's own command (-fno-caret-diagnostics, colors, ...),
/// as ClangTool's default printer would.
class BufferingPrinter {
public:
  BufferingPrinter(const tooling::CompilationDatabase &DB, StringRef Source,
                   const ToolOptions &Opts)
      : OS(Text) {
    std::vector<std::string> Args;
    std::vector<tooling::CompileCommand> Commands =
        DB.getCompileCommands(Source);
    if (!Commands.empty())
      Args = Commands.front().CommandLine;
    Args.insert(Args.end(), Opts.ExtraArgs.begin(), Opts.ExtraArgs.end());
    std::vector<const char *> Argv;
    for (const std::string &A : Args)
      Argv.push_back(A.c_str());
    std::unique_ptr<DiagnosticOptions> DiagOpts =
        Argv.empty() ? std::make_unique<DiagnosticOptions>()
                     : CreateAndPopulateDiagOpts(Argv);
    Printer = std::make_unique<TextDiagnosticPrinter>(OS, DiagOpts.release());
    Once = std::make_unique<OnceConsumer>(*Printer);
  }
  /// Each diagnostic once for all the commands of the source.
  DiagnosticConsumer *consumer() { return Once.get(); }
  llvm::raw_ostream &stream() { return OS; }
  std::string take() {
    OS.flush();
    return std::move(Text);
  }

private:
  std::string Text;
  llvm::raw_string_ostream OS;
  std::unique_ptr<TextDiagnosticPrinter> Printer;
  std::unique_ptr<OnceConsumer> Once;
};

/// Gives \p Tool the adjusted commands of \p Source.
void adjustCommands(tooling::ClangTool &Tool,
                    const tooling::CompilationDatabase &DB,
                    const std::string &Source, const ToolOptions &Opts) {
  // A command written for g++ (unknown arguments, -Werror) made fit for
  // Clang, then --extra-arg and the resource folder.
  Tool.appendArgumentsAdjuster(compileFlagsAdjuster(Opts.CompileFlags));
  // The source and the include folders as the run names files (absolute,
  // without dots), not as the database wrote them ("../src/a.cpp",
  // "-I../include"): that is how Clang prints them. The commands of one
  // source share a folder (a JSON database's "directory").
  std::string Directory;
  for (const tooling::CompileCommand &C : DB.getCompileCommands(Source))
    Directory = C.Directory;
  Tool.appendArgumentsAdjuster(
      [Source, Directory](const tooling::CommandLineArguments &Args,
                          StringRef File) {
        return withAbsolutePaths(Args, File, Source, Directory);
      });
  // A tool outside LLVM's tree cannot find Clang's own headers (stddef.h,
  // ...) relative to its executable; a -resource-dir given by the user
  // wins.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-resource-dir=" BUMPER_CLANG_RESOURCE_DIR,
      tooling::ArgumentInsertPosition::BEGIN));
  if (!Opts.ExtraArgsBefore.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Opts.ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  if (!Opts.ExtraArgs.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Opts.ExtraArgs, tooling::ArgumentInsertPosition::END));
  // Our own errors make an action "fail" too: the driver says what failed.
  Tool.setPrintErrorMessage(false);
}

/// Checks one source; returns what it printed.
UnitOutput checkOne(const tooling::CompilationDatabase &DB,
                    const std::string &Source, unsigned Index,
                    const ToolOptions &Opts, RunResult &Result,
                    UnitSummaries *Summarize = nullptr,
                    bool *Deferred = nullptr, UnitRecord *Record = nullptr) {
  BufferingPrinter Printer(DB, Source, Opts);
  // One ClangTool per source: it keeps the output free of ClangTool's
  // "[1/2] Processing file" lines, and is what a thread of -j runs.
  // Its own file system: the shared real one changes the process's working
  // folder to each command's "directory", which threads cannot share.
  tooling::ClangTool Tool(DB, Source,
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  Tool.setDiagnosticConsumer(Printer.consumer());
  adjustCommands(Tool, DB, Source, Opts);
  UnitContext Unit{Opts, Result, UnitOutput(), &Printer.stream(), Index};
  Unit.Summarize = Summarize;
  Unit.Record = Record;
  CheckActionFactory Factory(Unit);
  int Status = Tool.run(&Factory);
  if (Summarize && !Unit.Summarised)
    Summarize->Inputs.clear(); // did not compile: not summarised
  if (Deferred)
    *Deferred = Unit.Deferred;
  if (Unit.Deferred)
    return UnitOutput(); // checked again with every unit's summaries
  if (Status != 0 && !Unit.ErrorsReported) {
    // Our own errors make ClangTool report a failure too; only a failure
    // without any of ours (a -verify mismatch, a crash) is an input
    // problem. Files that never reached the checks are found by the
    // caller.
    std::lock_guard<std::mutex> Guard(Result.Lock);
    Result.InputProblem = true;
    if (Record)
      Record->Broken = true;
  }
  Unit.Out.Text = Printer.take();
  return std::move(Unit.Out);
}

/// The path to show in the progress line: relative to the working folder
/// when under it.
std::string displayPath(StringRef Path) {
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd)) {
    Cwd += '/';
    if (Path.starts_with(Cwd))
      return Path.drop_front(Cwd.size()).str();
  }
  return Path.str();
}

/// Summarises one translation unit into \p Out (SummaryIndex.h): the
/// summaries of its functions and the digests of the files it read.
class SummarizeConsumer : public ASTConsumer {
public:
  SummarizeConsumer(CompilerInstance &CI, const AttributeRecorder &Recorder,
                    const ToolOptions &Opts, UnitSummaries &Out, bool &Done)
      : CI(CI), Recorder(Recorder), Opts(Opts), Out(Out), Done(Done) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A unit with compiler errors is not summarised (nor checked): the next
    // run tries again.
    if (Done || hasCompilerErrors(CI.getDiagnostics(), Recorder))
      return;
    summarizeInto(Ctx, Opts.Escape, Out);
    Done = true; // the first compile command of the source is enough
  }

private:
  CompilerInstance &CI;
  const AttributeRecorder &Recorder;
  const ToolOptions &Opts;
  UnitSummaries &Out;
  bool &Done;
};

class SummarizeAction : public ASTFrontendAction {
public:
  SummarizeAction(const ToolOptions &Opts, UnitSummaries &Out, bool &Done)
      : Opts(Opts), Out(Out), Done(Done) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    watchAttributes(CI.getPreprocessor(), Recorder);
    return std::make_unique<SummarizeConsumer>(CI, Recorder, Opts, Out, Done);
  }
  bool BeginSourceFileAction(CompilerInstance &) override {
    Scope.emplace(Recorder);
    return true;
  }
  void EndSourceFileAction() override { Scope.reset(); }

private:
  const ToolOptions &Opts;
  UnitSummaries &Out;
  bool &Done;
  AttributeRecorder Recorder;
  std::optional<RecordingScope> Scope;
};

/// What makes a unit's summaries: its compile commands, the extra
/// arguments and the escape analysis's configuration (Functions included).
std::string unitCommand(const tooling::CompilationDatabase &DB,
                        StringRef Source, const ToolOptions &Opts) {
  std::string Key;
  for (const tooling::CompileCommand &C : DB.getCompileCommands(Source)) {
    Key += C.Directory;
    for (const std::string &A : C.CommandLine)
      Key += " " + A;
    Key += "\n";
  }
  for (const auto *List :
       {&Opts.ExtraArgsBefore, &Opts.ExtraArgs, &Opts.CompileFlags.Add,
        &Opts.CompileFlags.Remove, &Opts.Escape.Allocators,
        &Opts.Escape.KeepsArgument}) {
    for (const std::string &A : *List)
      Key += " " + A;
    Key += ";";
  }
  // The Functions models: a function summarised calls them too.
  for (const FunctionModel &F : Opts.Escape.Functions) {
    Key += " " + F.Name + " " + std::to_string(F.Copies) +
           std::to_string(F.Reads) + std::to_string(F.KeepsAll) + " " +
           std::to_string(F.ReturnsView ? int(*F.ReturnsView) : -1);
    for (unsigned K : F.Keeps)
      Key += " " + std::to_string(K);
    Key += ",";
  }
  return Key;
}

/// The index's entry for \p Source still holds: same command, and every
/// file it read has the content it had (\p Digests caches them per run).
bool isUpToDate(const UnitSummaries &U, StringRef Command,
                llvm::StringMap<std::string> &Digests) {
  if (U.Command != Command || U.Inputs.empty())
    return false;
  for (const auto &[Path, Digest] : U.Inputs) {
    auto [It, New] = Digests.try_emplace(Path);
    if (New) {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
          llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
      It->second = Buf ? contentDigest((*Buf)->getBuffer()) : "";
    }
    if (It->second != Digest)
      return false;
  }
  return true;
}

/// The build of the running tool: its version names a release, not a
/// build, and a rebuilt tool (a new rule) must not reuse what the old one
/// found. The executable's size and modification time tell builds apart.
std::string toolBuild() {
  static const std::string Build = [] {
    std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
    llvm::sys::fs::file_status Status;
    if (Exe.empty() || llvm::sys::fs::status(Exe, Status))
      return std::string();
    return std::to_string(Status.getSize()) + ":" +
           std::to_string(
               Status.getLastModificationTime().time_since_epoch().count());
  }();
  return Build;
}

/// What the stored findings of \p Source were made from: the tool's
/// version and build, the unit's command and configuration, every option that
/// changes what is reported or printed, the digests of its inputs (\p U,
/// up to date) and, for a unit with annotations, \p IndexDigest.
std::string resultsKey(const tooling::CompilationDatabase &DB, StringRef Source,
                       const ToolOptions &Opts, const UnitSummaries &U,
                       StringRef IndexDigest) {
  std::string Key;
  llvm::raw_string_ostream OS(Key);
  OS << BUMPER_VERSION << ' ' << toolBuild() << '\n'
     << unitCommand(DB, Source, Opts) << '\n';
  const PolicyOptions &P = Opts.Policy;
  OS << P.Checks << '\n'
     << P.WarningsAsErrorsChecks << '\n'
     << P.HeaderFilter << '\n'
     << P.WarningsAsErrors << P.IgnoreWarnings << P.HostFilters
     << P.FixesApplied << Opts.Fix << Opts.RenderText << Opts.Explain << '\n';
  for (const auto &[C, Level] : P.Levels)
    OS << int(C) << ':' << (Level ? int(*Level) : -1) << ';';
  OS << '\n';
  for (const auto &[Path, Digest] : U.Inputs)
    OS << Path << ' ' << Digest << '\n';
  OS << IndexDigest;
  return contentDigest(OS.str());
}

llvm::json::Object locationToJSON(const ReportLocation &L) {
  return llvm::json::Object{{"file", L.File},
                            {"line", int64_t(L.Line)},
                            {"column", int64_t(L.Column)},
                            {"column16", int64_t(L.ColumnUTF16)},
                            {"offset", int64_t(L.Offset)},
                            {"text", L.LineText}};
}

bool locationFromJSON(const llvm::json::Object *O, ReportLocation &L) {
  if (!O)
    return false;
  auto Num = [&](StringRef K, unsigned &To) {
    std::optional<int64_t> V = O->getInteger(K);
    To = V ? unsigned(*V) : 0;
    return V.has_value();
  };
  std::optional<StringRef> File = O->getString("file"),
                           Text = O->getString("text");
  if (!File || !Text)
    return false;
  L.File = File->str();
  L.LineText = Text->str();
  return Num("line", L.Line) && Num("column", L.Column) &&
         Num("column16", L.ColumnUTF16) && Num("offset", L.Offset);
}

llvm::json::Array stringsToJSON(llvm::ArrayRef<std::string> V) {
  return llvm::json::Array(V);
}

bool stringsFromJSON(const llvm::json::Array *A, std::vector<std::string> &V) {
  if (!A)
    return false;
  for (const llvm::json::Value &E : *A) {
    std::optional<StringRef> S = E.getAsString();
    if (!S)
      return false;
    V.push_back(S->str());
  }
  return true;
}

/// Every string of the unit's check can be stored: JSON holds only UTF-8,
/// and a source in another encoding would come back altered.
bool isStorable(const UnitRecord &R, const UnitOutput &Out) {
  auto Ok = [](const ReportLocation &L) {
    return llvm::json::isUTF8(L.File) && llvm::json::isUTF8(L.LineText);
  };
  auto AllOk = [](llvm::ArrayRef<std::string> V) {
    return llvm::all_of(
        V, [](const std::string &S) { return llvm::json::isUTF8(S); });
  };
  if (!llvm::json::isUTF8(Out.Text) || !AllOk(R.Suppressed) ||
      !AllOk(R.Annotations) || !AllOk(R.UnreportedAnnotations) ||
      !AllOk(R.Analysed))
    return false;
  for (const UnitOutput::Span &S : Out.Findings)
    if (!llvm::json::isUTF8(S.Key))
      return false;
  for (const ReportedFinding &F : R.Reports) {
    if (!F.Edits.empty() || F.Fixed || !llvm::json::isUTF8(F.Message) ||
        !Ok(F.Loc))
      return false;
    for (const ReportedNote &N : F.Notes)
      if (!llvm::json::isUTF8(N.Message) || !Ok(N.Loc))
        return false;
  }
  return true;
}

/// The stored form of a unit's check (none of its findings has a fix).
llvm::json::Object recordToJSON(const UnitRecord &R, const UnitOutput &Out,
                                StringRef Key) {
  llvm::json::Array Reports;
  for (const ReportedFinding &F : R.Reports) {
    llvm::json::Array Notes;
    for (const ReportedNote &N : F.Notes)
      Notes.push_back(llvm::json::Object{{"loc", locationToJSON(N.Loc)},
                                         {"message", N.Message}});
    Reports.push_back(llvm::json::Object{{"check", F.Check},
                                         {"level", F.Level},
                                         {"message", F.Message},
                                         {"loc", locationToJSON(F.Loc)},
                                         {"notes", std::move(Notes)},
                                         {"sequence", int64_t(F.Sequence)}});
  }
  llvm::json::Array Spans;
  for (const UnitOutput::Span &S : Out.Findings)
    Spans.push_back(llvm::json::Array{int64_t(S.Begin), int64_t(S.End), S.Key});
  return llvm::json::Object{
      {"key", Key.str()},
      {"annotated", R.HasAnnotations},
      {"analysed", stringsToJSON(R.Analysed)},
      {"reports", std::move(Reports)},
      {"nolint", stringsToJSON(R.Suppressed)},
      {"blocks", stringsToJSON(R.Annotations)},
      {"unreported_blocks", stringsToJSON(R.UnreportedAnnotations)},
      {"text", Out.Text},
      {"spans", std::move(Spans)}};
}

/// Reads what recordToJSON() wrote; false when it is malformed.
bool recordFromJSON(const llvm::json::Object &O, UnitRecord &R,
                    UnitOutput &Out) {
  if (!stringsFromJSON(O.getArray("analysed"), R.Analysed) ||
      !stringsFromJSON(O.getArray("nolint"), R.Suppressed) ||
      !stringsFromJSON(O.getArray("blocks"), R.Annotations) ||
      !stringsFromJSON(O.getArray("unreported_blocks"),
                       R.UnreportedAnnotations))
    return false;
  std::optional<StringRef> Text = O.getString("text");
  const llvm::json::Array *Reports = O.getArray("reports");
  const llvm::json::Array *Spans = O.getArray("spans");
  if (!Text || !Reports || !Spans)
    return false;
  Out.Text = Text->str();
  for (const llvm::json::Value &V : *Spans) {
    const llvm::json::Array *A = V.getAsArray();
    if (!A || A->size() != 3)
      return false;
    std::optional<int64_t> B = (*A)[0].getAsInteger(),
                           E = (*A)[1].getAsInteger();
    std::optional<StringRef> K = (*A)[2].getAsString();
    if (!B || !E || !K || *B < 0 || *B > *E || size_t(*E) > Out.Text.size())
      return false;
    Out.Findings.push_back({size_t(*B), size_t(*E), K->str()});
  }
  for (const llvm::json::Value &V : *Reports) {
    const llvm::json::Object *F = V.getAsObject();
    if (!F)
      return false;
    ReportedFinding Rep;
    std::optional<StringRef> Check = F->getString("check"),
                             Level = F->getString("level"),
                             Message = F->getString("message");
    std::optional<int64_t> Seq = F->getInteger("sequence");
    const llvm::json::Array *Notes = F->getArray("notes");
    if (!Check || !Level || !Message || !Seq || !Notes ||
        !locationFromJSON(F->getObject("loc"), Rep.Loc))
      return false;
    Rep.Check = Check->str();
    Rep.Level = Level->str();
    Rep.Message = Message->str();
    Rep.Sequence = unsigned(*Seq);
    for (const llvm::json::Value &NV : *Notes) {
      const llvm::json::Object *N = NV.getAsObject();
      ReportedNote Note;
      std::optional<StringRef> M = N ? N->getString("message") : std::nullopt;
      if (!M || !locationFromJSON(N->getObject("loc"), Note.Loc))
        return false;
      Note.Message = M->str();
      Rep.Notes.push_back(std::move(Note));
    }
    R.Reports.push_back(std::move(Rep));
  }
  return true;
}

} // namespace

SummaryRunStats updateSummaries(const tooling::CompilationDatabase &DB,
                                llvm::ArrayRef<std::string> Sources,
                                const ToolOptions &Opts,
                                llvm::ArrayRef<ToolOptions> PerSource,
                                SummaryIndex &Index,
                                const llvm::StringSet<> &Checked,
                                llvm::StringMap<std::string> &CheckedStale) {
  auto OptsOf = [&](size_t I) -> const ToolOptions & {
    return PerSource.empty() ? Opts : PerSource[I];
  };
  SummaryRunStats Stats;
  llvm::StringMap<std::string> Digests;
  std::vector<size_t> Stale;
  std::vector<std::string> Commands(Sources.size());
  for (size_t I = 0; I < Sources.size(); ++I) {
    Commands[I] = unitCommand(DB, Sources[I], OptsOf(I));
    const UnitSummaries *U = Index.unit(Sources[I]);
    if (U && isUpToDate(*U, Commands[I], Digests))
      ++Stats.Reused;
    else if (Checked.contains(Sources[I]))
      CheckedStale[Sources[I]] = Commands[I];
    else
      Stale.push_back(I);
  }
  std::mutex Lock;
  auto SummarizeOne = [&](size_t I) {
    UnitSummaries U;
    U.File = Sources[I];
    U.Command = Commands[I];
    bool Done = false;
    tooling::ClangTool Tool(DB, Sources[I],
                            std::make_shared<PCHContainerOperations>(),
                            llvm::vfs::createPhysicalFileSystem());
    // The check that follows prints the unit's diagnostics.
    IgnoringDiagConsumer Quiet;
    Tool.setDiagnosticConsumer(&Quiet);
    adjustCommands(Tool, DB, Sources[I], OptsOf(I));
    struct Factory : tooling::FrontendActionFactory {
      const ToolOptions &Opts;
      UnitSummaries &U;
      bool &Done;
      Factory(const ToolOptions &Opts, UnitSummaries &U, bool &Done)
          : Opts(Opts), U(U), Done(Done) {}
      std::unique_ptr<FrontendAction> create() override {
        return std::make_unique<SummarizeAction>(Opts, U, Done);
      }
    } F(OptsOf(I), U, Done);
    Tool.run(&F);
    std::lock_guard<std::mutex> Guard(Lock);
    if (Done) {
      Index.setUnit(std::move(U));
      ++Stats.Summarised;
    } else {
      ++Stats.Failed;
    }
  };
  unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Stale.size()));
  if (Jobs == 1) {
    for (size_t I : Stale)
      SummarizeOne(I);
  } else {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I : Stale)
      Pool.async([&, I] { SummarizeOne(I); });
    Pool.wait();
  }
  return Stats;
}

void mergeReports(RunResult &Result, std::vector<ReportedFinding> Reports,
                  llvm::ArrayRef<std::string> Suppressed) {
  std::lock_guard<std::mutex> Guard(Result.Lock);
  for (const std::string &K : Suppressed)
    Result.SuppressedByNolint.insert(K);
  for (ReportedFinding &R : Reports) {
    // Whichever unit ran first under -j, it is listed with the first source
    // on the command line that reports it.
    auto [It, New] =
        Result.ReportKeys.try_emplace(reportKey(R), Result.Reports.size());
    if (!New) {
      ReportedFinding &Old = Result.Reports[It->second];
      if (std::tie(R.SourceIndex, R.Sequence) <
          std::tie(Old.SourceIndex, Old.Sequence)) {
        Old.SourceIndex = R.SourceIndex;
        Old.Sequence = R.Sequence;
      }
      continue;
    }
    if (R.Level == "error")
      ++Result.Errors;
    else if (R.Level == "warning" && !R.Fixed)
      ++Result.Warnings;
    if (R.Fixed)
      ++Result.Fixed;
    if (!R.Edits.empty()) {
      tooling::DiagnosticMessage Msg(R.Message);
      Msg.FilePath = R.Loc.File;
      Msg.FileOffset = R.Loc.Offset;
      for (const ReportedEdit &E : R.Edits) {
        tooling::Replacement Rep(E.File, E.Offset, E.Length, E.Text);
        Result.Fixes[E.File].insert(Rep);
        llvm::consumeError(Msg.Fix[E.File].add(Rep));
      }
      Result.Exported.emplace_back(
          R.Check, Msg, llvm::SmallVector<tooling::DiagnosticMessage, 1>(),
          R.Level == "error" ? tooling::Diagnostic::Error
                             : tooling::Diagnostic::Warning,
          "");
    }
    Result.Reports.push_back(std::move(R));
  }
}

void runChecks(const tooling::CompilationDatabase &DB,
               llvm::ArrayRef<std::string> Sources, const ToolOptions &Opts,
               RunResult &Result, llvm::ArrayRef<ToolOptions> PerSource,
               SummaryPass *Pass) {
  auto OptsOf = [&](size_t I) -> const ToolOptions & {
    return PerSource.empty() ? Opts : PerSource[I];
  };
  // Each unit's output waits in Done until those before it are printed.
  std::mutex OutLock;
  std::vector<std::optional<UnitOutput>> Done(Sources.size());
  // The findings printed so far: a shared header's, printed by the first
  // unit (in the order of Sources) that reports it, is left out of the rest.
  llvm::StringSet<> Printed;
  size_t NextToPrint = 0, Finished = 0;
  bool ProgressShown = false;
  auto Finish = [&](size_t I, UnitOutput Out) {
    std::lock_guard<std::mutex> Guard(OutLock);
    Done[I] = std::move(Out);
    ++Finished;
    llvm::raw_ostream &Err = llvm::errs();
    for (; NextToPrint < Sources.size() && Done[NextToPrint]; ++NextToPrint) {
      UnitOutput &U = *Done[NextToPrint];
      if (U.Text.empty())
        continue;
      if (ProgressShown)
        Err << "\r\x1b[K";
      ProgressShown = false;
      size_t Pos = 0;
      for (const UnitOutput::Span &S : U.Findings) {
        if (Printed.insert(S.Key).second)
          continue;
        Err << llvm::StringRef(U.Text).slice(Pos, S.Begin);
        Pos = S.End;
      }
      Err << llvm::StringRef(U.Text).substr(Pos);
      U = UnitOutput();
    }
    if (Opts.Progress) {
      Err << "\r\x1b[K[" << Finished << "/" << Sources.size() << "] "
          << displayPath(Sources[I]);
      ProgressShown = true;
    }
    Err.flush();
  };

  // With a summaries pass: first the sources to summarise, each parsed once
  // to be summarised and checked (a unit without no_escape annotations does
  // not depend on the other units' summaries); then the others, and those
  // deferred, with every summary made.
  // The digest of every unit's summaries, once they are all made (after
  // the first pass): what the findings of a unit with annotations depend on.
  std::string IndexDigest;
  // Stores what checking source I gave, for the next run; a unit with fixes
  // is not stored (--fix must see them), nor one that did not compile.
  auto Store = [&](size_t I, const UnitRecord &Record, const UnitOutput &Out) {
    std::lock_guard<std::mutex> Guard(Pass->Lock);
    const UnitSummaries *U = Pass->Index.unit(Sources[I]);
    bool Storable = U && !U->Inputs.empty() && !Record.Broken &&
                    !Record.Analysed.empty() && isStorable(Record, Out);
    if (!Storable) {
      Pass->ResultsChanged |= Pass->Index.dropResults(Sources[I]);
      return;
    }
    llvm::json::Object New = recordToJSON(
        Record, Out,
        resultsKey(DB, Sources[I], OptsOf(I), *U,
                   Record.HasAnnotations ? StringRef(IndexDigest) : ""));
    const llvm::json::Object *Old = Pass->Index.results(Sources[I]);
    if (Old && *Old == New)
      return;
    Pass->Index.setResults(Sources[I], std::move(New));
    Pass->ResultsChanged = true;
  };
  // The findings of source I from the previous run, given to the run as
  // checking it would; nullopt when they do not hold.
  auto Reuse = [&](size_t I) -> std::optional<UnitOutput> {
    UnitRecord Record;
    UnitOutput Out;
    {
      std::lock_guard<std::mutex> Guard(Pass->Lock);
      if (Pass->Stale.count(Sources[I]))
        return std::nullopt; // summarised again: its inputs changed
      const UnitSummaries *U = Pass->Index.unit(Sources[I]);
      const llvm::json::Object *Stored = Pass->Index.results(Sources[I]);
      if (!U || !Stored)
        return std::nullopt;
      bool Annotated = Stored->getBoolean("annotated").value_or(true);
      if (Stored->getString("key") !=
              resultsKey(DB, Sources[I], OptsOf(I), *U,
                         Annotated ? StringRef(IndexDigest) : "") ||
          !recordFromJSON(*Stored, Record, Out))
        return std::nullopt;
      ++Pass->ResultsReused;
    }
    for (ReportedFinding &R : Record.Reports)
      R.SourceIndex = I;
    {
      std::lock_guard<std::mutex> Guard(Result.Lock);
      for (const std::string &F : Record.Analysed)
        Result.Analysed.insert(F);
      for (const std::string &K : Record.Annotations)
        Result.Annotations.insert(K);
      for (const std::string &K : Record.UnreportedAnnotations)
        Result.UnreportedAnnotations.insert(K);
    }
    mergeReports(Result, std::move(Record.Reports), Record.Suppressed);
    return Out;
  };

  std::vector<size_t> First, Second;
  for (size_t I = 0; I < Sources.size(); ++I)
    (Pass && Pass->Stale.count(Sources[I]) ? First : Second).push_back(I);
  std::mutex DeferLock;
  auto SummariseAndCheck = [&](size_t I) {
    UnitSummaries U;
    U.File = Sources[I];
    U.Command = Pass->Stale.lookup(Sources[I]);
    // Nothing of this pass may read the index the other units are adding
    // to: only units whose findings do not depend on it are checked here.
    ToolOptions O = OptsOf(I);
    O.Escape.Summaries = nullptr;
    bool Deferred = false;
    UnitRecord Record;
    UnitOutput Out =
        checkOne(DB, Sources[I], I, O, Result, &U, &Deferred, &Record);
    {
      std::lock_guard<std::mutex> Guard(Pass->Lock);
      if (U.Inputs.empty()) {
        ++Pass->Stats.Failed;
      } else {
        Pass->Index.setUnit(std::move(U));
        ++Pass->Stats.Summarised;
      }
    }
    if (!Deferred) {
      Store(I, Record, Out);
      return Finish(I, std::move(Out));
    }
    std::lock_guard<std::mutex> Guard(DeferLock);
    Second.push_back(I);
  };
  auto Check = [&](size_t I) {
    if (!Pass)
      return Finish(I, checkOne(DB, Sources[I], I, OptsOf(I), Result));
    if (std::optional<UnitOutput> Out = Reuse(I))
      return Finish(I, std::move(*Out));
    UnitRecord Record;
    UnitOutput Out = checkOne(DB, Sources[I], I, OptsOf(I), Result, nullptr,
                              nullptr, &Record);
    Store(I, Record, Out);
    Finish(I, std::move(Out));
  };
  auto RunAll = [&](const std::vector<size_t> &Which, auto &&Do) {
    unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Which.size()));
    if (Jobs == 1) {
      for (size_t I : Which)
        Do(I);
      return;
    }
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I : Which)
      Pool.async([&, I] { Do(I); });
    Pool.wait();
  };
  RunAll(First, SummariseAndCheck);
  if (Pass)
    IndexDigest = Pass->Index.summariesDigest();
  llvm::sort(Second);
  RunAll(Second, Check);
  if (ProgressShown)
    llvm::errs() << "\r\x1b[K";
}

} // namespace bumper
