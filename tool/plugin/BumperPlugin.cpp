//===- BumperPlugin.cpp - bumper-tool's checks inside clang (-fplugin=) ---===//
//
// libBumperPlugin.so, loaded with clang++ -fplugin=.../libBumperPlugin.so:
//   - linking NoEscapeAttr.cpp registers [[bumper::no_escape]] with Sema (a
//     static ParsedAttrInfoRegistry::Add), so clang stops warning about it;
//   - a consumer that runs before code generation builds the AnnotationIndex
//     and runs bumper-tool's checks (Checks.h), reporting through the
//     compiler's DiagnosticsEngine: bumper-escape is an error, so an escape
//     fails the compile wherever it runs (a distcc or icecream worker, a
//     Bazel remote executor).
// It only diagnoses: rewriting stays bumper-tool --fix, a separate, serial
// step. docs/ci.md describes the arguments:
//   -fplugin-arg-bumper-<check>=error|warning|off   (escape, missing-guard,
//                                                    unscoped-alloc,
//                                                    annotation)
//   -fplugin-arg-bumper-warnings-as-errors
//   -fplugin-arg-bumper-header-filter=<regex>
//   -fplugin-arg-bumper-config-file=<path>
// and .bumper.yaml, found upward from the main file as bumper-tool finds it
// (Config.h): its Checks, WarningsAsErrors, HeaderFilterRegex, Allocators and
// KeepsArgument apply; an argument given to the plugin wins over the file.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Checks.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/Regex.h"
#include <array>
#include <memory>
#include <optional>

using namespace clang;

namespace bumper {
namespace {

enum class Level { Off, Warning, Error };

constexpr unsigned NumChecks = 4;

unsigned indexOf(Check C) { return static_cast<unsigned>(C); }

struct PluginOptions {
  /// Per check: the level given by -fplugin-arg-bumper-<check>=, else the
  /// finding's own (bumper-escape and bumper-annotation are errors, the rest
  /// warnings).
  std::array<std::optional<Level>, NumChecks> Levels;
  bool WarningsAsErrors = false;
  std::optional<std::string> HeaderFilter;
  /// Instead of the .bumper.yaml found above the main file.
  std::string ConfigFile;
};

std::optional<Level> parseLevel(StringRef S) {
  if (S == "error")
    return Level::Error;
  if (S == "warning")
    return Level::Warning;
  if (S == "off" || S == "none" || S == "ignore")
    return Level::Off;
  return std::nullopt;
}

std::optional<bool> parseBool(StringRef S) {
  if (S.empty() || S == "true" || S == "on" || S == "1")
    return true;
  if (S == "false" || S == "off" || S == "0")
    return false;
  return std::nullopt;
}

class BumperConsumer : public ASTConsumer {
public:
  BumperConsumer(CompilerInstance &CI, PluginOptions Opts)
      : CI(CI), Opts(std::move(Opts)), Scope(Recorder) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    // A translation unit that does not compile has already failed; its AST
    // may be incomplete, and the findings would be noise.
    if (Diags.hasErrorOccurred())
      return;
    if (!loadConfig(Ctx.getSourceManager(), Diags))
      return;
    CollectingSink Sink;
    runAllChecks(
        Ctx, Recorder, Sink,
        EscapeOptions{Conf.Allocators.value_or(std::vector<std::string>()),
                      Conf.KeepsArgument.value_or(std::vector<std::string>())});
    // The file's NOLINTBEGIN regions are found once, not once per finding.
    NolintIndex Nolint(Ctx.getSourceManager());
    for (const Finding &F : Sink.take(Ctx.getSourceManager()))
      emit(Diags, F, Nolint);
  }

private:
  /// Reads the configuration of the main file; a bad file is a compile
  /// error, as a bad -fplugin-arg is.
  bool loadConfig(const SourceManager &SM, DiagnosticsEngine &Diags) {
    // Preprocessed input (what a distcc worker compiles) sits in a temporary
    // folder: the files above it say nothing about the source, so only an
    // explicit config-file= applies there.
    const auto &Inputs = CI.getFrontendOpts().Inputs;
    if (!Inputs.empty() && Inputs.front().getKind().isPreprocessed() &&
        Opts.ConfigFile.empty()) {
      if (Opts.HeaderFilter && !Opts.HeaderFilter->empty())
        HeaderFilter.emplace(*Opts.HeaderFilter);
      return true; // Conf keeps the defaults
    }
    StringRef Main;
    if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
      Main = F->getName();
    Expected<Config> C =
        configForSource(Main.empty() ? "-" : Main, Opts.ConfigFile);
    if (!C) {
      Diags.Report(
          Diags.getCustomDiagID(DiagnosticsEngine::Error, "bumper plugin: %0"))
          << toString(C.takeError());
      return false;
    }
    Conf = std::move(*C);
    if (std::optional<std::string> Filter =
            Opts.HeaderFilter ? Opts.HeaderFilter : Conf.HeaderFilterRegex;
        Filter && !Filter->empty())
      HeaderFilter.emplace(*Filter);
    return true;
  }

  /// Main file only, as compilers and clang-tidy do, unless the header filter
  /// asks for a header. Presumed locations, so that a preprocessed file (what
  /// a distcc worker compiles) is judged by its line markers.
  bool wanted(const SourceManager &SM, SourceLocation Loc) const {
    if (Loc.isInvalid())
      return true;
    Loc = SM.getExpansionLoc(Loc);
    if (SM.isInSystemHeader(Loc))
      return false;
    if (SM.isInMainFile(Loc))
      return true;
    if (!HeaderFilter)
      return false;
    PresumedLoc P = SM.getPresumedLoc(Loc);
    return P.isValid() && HeaderFilter->match(P.getFilename());
  }

  void emit(DiagnosticsEngine &Diags, const Finding &F, NolintIndex &Nolint) {
    const SourceManager &SM = Diags.getSourceManager();
    StringRef Name = checkName(F.Kind);
    Level L = F.Level == Severity::Error ? Level::Error : Level::Warning;
    if (std::optional<Level> Given = Opts.Levels[indexOf(F.Kind)])
      L = *Given;
    else if (!globListMatches(Conf.Checks.value_or("bumper-*"), Name))
      L = Level::Off;
    if (L == Level::Off || !wanted(SM, F.Loc) || Nolint.suppresses(F.Loc, Name))
      return;
    std::string Suffix = ("[" + Name + "]").str();
    if (L == Level::Warning) {
      // Custom diagnostics ignore -Werror and -w: honour them here.
      if (Diags.getIgnoreAllWarnings())
        return;
      if (Opts.WarningsAsErrors || Diags.getWarningsAsErrors() ||
          globListMatches(Conf.WarningsAsErrors.value_or(""), Name)) {
        L = Level::Error;
        Suffix = ("[" + Name + ",-warnings-as-errors]").str();
      }
    }
    {
      DiagnosticBuilder DB = Diags.Report(
          F.Loc,
          Diags.getCustomDiagID(L == Level::Error ? DiagnosticsEngine::Error
                                                  : DiagnosticsEngine::Warning,
                                "%0"));
      DB << (F.Message + " " + Suffix);
      // Shown as a suggestion (and with -fdiagnostics-parseable-fixits);
      // never applied: the plugin does not rewrite.
      for (const FixItHint &Hint : F.Fixes)
        if (Hint.RemoveRange.getBegin().isValid() &&
            !Hint.RemoveRange.getBegin().isMacroID())
          DB << Hint;
    }
    unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    for (const FindingNote &N : F.Notes)
      Diags.Report(N.Loc, NoteID) << N.Message;
  }

  CompilerInstance &CI;
  PluginOptions Opts;
  Config Conf;
  std::optional<llvm::Regex> HeaderFilter;
  // The attribute's uses while this translation unit is parsed: the consumer
  // is made before parsing starts and lives until it ends.
  AttributeRecorder Recorder;
  RecordingScope Scope;
};

class BumperPluginAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    return std::make_unique<BumperConsumer>(CI, Opts);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    unsigned BadArg = Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "bumper plugin: %0 (in -fplugin-arg-bumper-%1); expected "
        "<check>=error|warning|off with <check> one of escape, "
        "missing-guard, unscoped-alloc, annotation; warnings-as-errors; "
        "header-filter=<regex>; or config-file=<path>");
    bool OK = true;
    for (const std::string &Arg : Args) {
      auto [Key, Value] = StringRef(Arg).split('=');
      bool HasValue = StringRef(Arg).contains('=');
      if (Key == "warnings-as-errors") {
        if (std::optional<bool> B = parseBool(Value)) {
          Opts.WarningsAsErrors = *B;
          continue;
        }
        Diags.Report(BadArg) << "bad value '" + Value.str() + "'" << Arg;
        OK = false;
      } else if (Key == "header-filter" && HasValue) {
        llvm::Regex R(Value);
        std::string Error;
        if (R.isValid(Error)) {
          Opts.HeaderFilter = Value.str();
          continue;
        }
        Diags.Report(BadArg) << "bad regular expression: " + Error << Arg;
        OK = false;
      } else if (Key == "config-file" && HasValue && !Value.empty()) {
        Opts.ConfigFile = Value.str();
      } else if (std::optional<Check> C = parseCheckName(Key)) {
        if (std::optional<Level> L = parseLevel(Value); L && HasValue) {
          Opts.Levels[indexOf(*C)] = *L;
          continue;
        }
        Diags.Report(BadArg) << "bad level '" + Value.str() + "'" << Arg;
        OK = false;
      } else {
        Diags.Report(BadArg) << "unknown argument '" + Key.str() + "'" << Arg;
        OK = false;
      }
    }
    return OK;
  }

  // Before the main action: an escape is reported before code generation
  // spends time on a translation unit that is going to fail.
  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginOptions Opts;
};

} // namespace
} // namespace bumper

static clang::FrontendPluginRegistry::Add<bumper::BumperPluginAction>
    X("bumper", "bumper-tool's checks: bumper-escape, bumper-missing-guard, "
                "bumper-unscoped-alloc");
