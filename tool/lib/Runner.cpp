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
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

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
    // The same checks as the plugin and the clang-tidy module run (Checks.h):
    // annotations, guards, and the escape analysis when it is built in.
    runAllChecks(Ctx, Recorder, Sink);
    Sink.flush();
    ErrorsRendered += Sink.errorsRendered();
  }

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
    return std::make_unique<CheckConsumer>(CI, Recorder, Opts, Result,
                                           ErrorsRendered);
  }

  bool BeginSourceFileAction(CompilerInstance &) override {
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
    return std::make_unique<CheckAction>(Opts, Result, ErrorsRendered);
  }
  /// Error diagnostics of ours rendered by this factory's actions.
  unsigned ErrorsRendered = 0;

private:
  const ToolOptions &Opts;
  RunResult &Result;
};

} // namespace

void runChecks(const tooling::CompilationDatabase &DB,
               llvm::ArrayRef<std::string> Sources, const ToolOptions &Opts,
               RunResult &Result) {
  // One ClangTool per source: it keeps the output free of ClangTool's
  // "[1/2] Processing file" lines, and is what a thread of -j runs.
  for (const std::string &Source : Sources) {
    tooling::ClangTool Tool(DB, Source);
    // A tool outside LLVM's tree cannot find Clang's own headers (stddef.h,
    // ...) relative to its executable; a -resource-dir given by the user
    // wins.
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        {"-resource-dir=" BUMPER_CLANG_RESOURCE_DIR},
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
    if (Tool.run(&Factory) != 0 && Factory.ErrorsRendered == 0) {
      // Our own errors make ClangTool report a failure too; only a failure
      // without any of ours (a -verify mismatch, a crash) is an input
      // problem. Files that never reached the checks are found by the
      // caller.
      std::lock_guard<std::mutex> Guard(Result.Lock);
      Result.InputProblem = true;
    }
  }
}

} // namespace bumper
