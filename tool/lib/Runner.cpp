//===- Runner.cpp - The frontend action that runs the checks --------------===//
//
// For each translation unit: an ASTFrontendAction installs the thread-local
// AttributeRecorder while Sema parses, then the consumer builds the
// AnnotationIndex, runs the checks, and renders the findings. A translation
// unit with compiler errors is not checked and none of its fixes is kept.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Runner.h"
#include "bumper-tool/Checks.h"
#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/NoEscapeAttr.h"
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
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace bumper {
namespace {

class CheckConsumer : public ASTConsumer {
public:
  CheckConsumer(CompilerInstance &CI, const AttributeRecorder &Recorder,
                const ToolOptions &Opts, RunResult &Result,
                unsigned &ErrorsRendered)
      : CI(CI), Recorder(Recorder), Opts(Opts), Result(Result),
        ErrorsRendered(ErrorsRendered) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::string MainFile;
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID())) {
      llvm::SmallString<256> P(FE->getName());
      SM.getFileManager().makeAbsolutePath(P);
      llvm::sys::path::remove_dots(P, true);
      MainFile = std::string(P);
    }
    if (CI.getDiagnostics().hasErrorOccurred()) {
      std::lock_guard<std::mutex> Guard(Result.Lock);
      Result.InputProblem = true;
      Result.BrokenFiles.insert(MainFile);
      Result.Analysed.insert(MainFile);
      return;
    }
    {
      std::lock_guard<std::mutex> Guard(Result.Lock);
      Result.Analysed.insert(MainFile);
    }
    RenderingSink Sink(CI.getDiagnostics(), Ctx.getLangOpts(), Opts, Result);
    Sink.setSourceIndex(SourceIndex);
    // The same checks as the plugin and the clang-tidy module run (Checks.h):
    // annotations, guards, and the escape analysis when it is built in.
    runAllChecks(Ctx, Recorder, Sink,
                 EscapeOptions{Opts.Allocators, Opts.KeepsArgument});
    Sink.flush();
    ErrorsRendered += Sink.errorsRendered();
    countAnnotations(SM);
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
      llvm::SmallString<256> P(C.OrigEntry->getName());
      SM.getFileManager().makeAbsolutePath(P);
      llvm::sys::path::remove_dots(P, true);
      Files.emplace_back(std::string(P), *Data);
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
  /// for the summary's count of blocks.
  void countAnnotations(const SourceManager &SM) {
    std::vector<std::string> Keys;
    for (const AttributeUse &U : Recorder.uses()) {
      SourceLocation Loc = U.Range.getBegin();
      if (Loc.isInvalid())
        continue;
      Loc = SM.getExpansionLoc(Loc);
      if (SM.isInSystemHeader(Loc))
        continue;
      auto [FID, Offset] = SM.getDecomposedLoc(Loc);
      OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
      if (!FE)
        continue;
      llvm::SmallString<256> P(FE->getName());
      SM.getFileManager().makeAbsolutePath(P);
      llvm::sys::path::remove_dots(P, true);
      Keys.push_back((P + ":" + llvm::Twine(Offset)).str());
    }
    std::lock_guard<std::mutex> Guard(Result.Lock);
    for (const std::string &K : Keys)
      Result.Annotations.insert(K);
  }

public:
  unsigned SourceIndex = 0;

private:
  CompilerInstance &CI;
  const AttributeRecorder &Recorder;
  const ToolOptions &Opts;
  RunResult &Result;
  unsigned &ErrorsRendered;
};

class CheckAction : public ASTFrontendAction {
public:
  CheckAction(const ToolOptions &Opts, RunResult &Result,
              unsigned &ErrorsRendered)
      : Opts(Opts), Result(Result), ErrorsRendered(ErrorsRendered) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    auto C = std::make_unique<CheckConsumer>(CI, Recorder, Opts, Result,
                                             ErrorsRendered);
    C->SourceIndex = SourceIndex;
    return C;
  }
  unsigned SourceIndex = 0;
  llvm::raw_ostream *VerboseOut = nullptr;

  bool BeginSourceFileAction(CompilerInstance &CI) override {
    // "1 error generated." goes with the unit's diagnostics.
    if (VerboseOut)
      CI.setVerboseOutputStream(*VerboseOut);
    Scope.emplace(Recorder);
    return true;
  }
  void EndSourceFileAction() override { Scope.reset(); }

private:
  const ToolOptions &Opts;
  RunResult &Result;
  unsigned &ErrorsRendered;
  AttributeRecorder Recorder;
  std::optional<RecordingScope> Scope;
};

class CheckActionFactory : public tooling::FrontendActionFactory {
public:
  CheckActionFactory(const ToolOptions &Opts, RunResult &Result)
      : Opts(Opts), Result(Result) {}
  std::unique_ptr<FrontendAction> create() override {
    auto A = std::make_unique<CheckAction>(Opts, Result, ErrorsRendered);
    A->SourceIndex = SourceIndex;
    A->VerboseOut = VerboseOut;
    return A;
  }
  unsigned SourceIndex = 0;
  llvm::raw_ostream *VerboseOut = nullptr;
  /// Error diagnostics of ours rendered by this factory's actions.
  unsigned ErrorsRendered = 0;

private:
  const ToolOptions &Opts;
  RunResult &Result;
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
  }
  DiagnosticConsumer *consumer() { return Printer.get(); }
  llvm::raw_ostream &stream() { return OS; }
  std::string take() {
    OS.flush();
    return std::move(Text);
  }

private:
  std::string Text;
  llvm::raw_string_ostream OS;
  std::unique_ptr<TextDiagnosticPrinter> Printer;
};

/// Checks one source; returns what it printed.
std::string checkOne(const tooling::CompilationDatabase &DB,
                     const std::string &Source, unsigned Index,
                     const ToolOptions &Opts, RunResult &Result) {
  BufferingPrinter Printer(DB, Source, Opts);
  // One ClangTool per source: it keeps the output free of ClangTool's
  // "[1/2] Processing file" lines, and is what a thread of -j runs.
  // Its own file system: the shared real one changes the process's working
  // folder to each command's "directory", which threads cannot share.
  tooling::ClangTool Tool(DB, Source,
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  Tool.setDiagnosticConsumer(Printer.consumer());
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
  CheckActionFactory Factory(Opts, Result);
  Factory.SourceIndex = Index;
  Factory.VerboseOut = &Printer.stream();
  if (Tool.run(&Factory) != 0 && Factory.ErrorsRendered == 0) {
    // Our own errors make ClangTool report a failure too; only a failure
    // without any of ours (a -verify mismatch, a crash) is an input
    // problem. Files that never reached the checks are found by the
    // caller.
    std::lock_guard<std::mutex> Guard(Result.Lock);
    Result.InputProblem = true;
  }
  return Printer.take();
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

} // namespace

void runChecks(const tooling::CompilationDatabase &DB,
               llvm::ArrayRef<std::string> Sources, const ToolOptions &Opts,
               RunResult &Result, llvm::ArrayRef<ToolOptions> PerSource) {
  auto OptsOf = [&](size_t I) -> const ToolOptions & {
    return PerSource.empty() ? Opts : PerSource[I];
  };
  // Each unit's output waits in Done until those before it are printed.
  std::mutex OutLock;
  std::vector<std::optional<std::string>> Done(Sources.size());
  size_t NextToPrint = 0, Finished = 0;
  bool ProgressShown = false;
  auto Finish = [&](size_t I, std::string Text) {
    std::lock_guard<std::mutex> Guard(OutLock);
    Done[I] = std::move(Text);
    ++Finished;
    llvm::raw_ostream &Err = llvm::errs();
    for (; NextToPrint < Sources.size() && Done[NextToPrint]; ++NextToPrint) {
      if (Done[NextToPrint]->empty())
        continue;
      if (ProgressShown)
        Err << "\r\x1b[K";
      ProgressShown = false;
      Err << *Done[NextToPrint];
      Done[NextToPrint]->clear();
    }
    if (Opts.Progress) {
      Err << "\r\x1b[K[" << Finished << "/" << Sources.size() << "] "
          << displayPath(Sources[I]);
      ProgressShown = true;
    }
    Err.flush();
  };

  unsigned Jobs = std::max(1u, std::min<unsigned>(Opts.Jobs, Sources.size()));
  if (Jobs == 1) {
    for (size_t I = 0; I < Sources.size(); ++I)
      Finish(I, checkOne(DB, Sources[I], I, OptsOf(I), Result));
  } else {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I < Sources.size(); ++I)
      Pool.async([&, I] {
        Finish(I, checkOne(DB, Sources[I], I, OptsOf(I), Result));
      });
    Pool.wait();
  }
  if (ProgressShown)
    llvm::errs() << "\r\x1b[K";
}

} // namespace bumper
