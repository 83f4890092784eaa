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
//   -fplugin-arg-bumper-<check>=error|warning|off   (a check of the registry,
//                                                    Checks.def, without its
//                                                    "bumper-")
//   -fplugin-arg-bumper-warnings-as-errors
//   -fplugin-arg-bumper-header-filter=<regex>
//   -fplugin-arg-bumper-config-file=<path>
//   -fplugin-arg-bumper-summary-out[=<file>]   (the unit's summaries, beside
//                                               the object file by default)
//   -fplugin-arg-bumper-summaries=<file>       (the index to check with)
// and .bumper.yaml, found upward from the main file as bumper-tool finds it
// (Config.h): its Checks, WarningsAsErrors, HeaderFilterRegex, Allocators and
// KeepsArgument apply; an argument given to the plugin wins over the file.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/AttributeSpelling.h"
#include "bumper-tool/Checks.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/EscapeAnalysis.h"
#include "bumper-tool/FindingPolicy.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "bumper-tool/Paths.h"
#include "bumper-tool/SummaryIndex.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <optional>

using namespace clang;

namespace bumper {
namespace {

struct PluginOptions {
  /// Per check, the level given by -fplugin-arg-bumper-<check>= (nullopt:
  /// off); a check not named here has its registry level.
  std::map<Check, std::optional<Severity>> Levels;
  bool WarningsAsErrors = false;
  std::optional<std::string> HeaderFilter;
  /// Instead of the .bumper.yaml found above the main file.
  std::string ConfigFile;
  /// summary-out: write the unit's summaries (SummaryIndex.h) here; "" with
  /// SummaryOutBesideObject: "<object file>.bumper-summary.json".
  std::string SummaryOut;
  bool SummaryOutBesideObject = false;
  /// summaries: the index of the program's summaries to check with.
  std::string Summaries;
};

/// Reads "error", "warning" or "off" (\p Level empty: the check is off);
/// false for anything else.
bool parseLevel(StringRef S, std::optional<Severity> &Level) {
  if (S == "error")
    Level = Severity::Error;
  else if (S == "warning")
    Level = Severity::Warning;
  else if (S == "off" || S == "none" || S == "ignore")
    Level.reset();
  else
    return false;
  return true;
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
      : CI(CI), Opts(std::move(Opts)), Scope(Recorder) {
    watchAttributes(CI.getPreprocessor(), Recorder);
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    // A translation unit that does not compile has already failed; its AST
    // may be incomplete, and the findings would be noise.
    if (hasCompilerErrors(Diags, Recorder))
      return;
    std::optional<Config> Conf = loadConfig(Ctx.getSourceManager(), Diags);
    if (!Conf)
      return;
    PolicyOptions PO;
    PO.Checks = Conf->Checks.value_or("bumper-*");
    PO.WarningsAsErrorsChecks = Conf->WarningsAsErrors.value_or("");
    PO.HeaderFilter =
        Opts.HeaderFilter.value_or(Conf->HeaderFilterRegex.value_or(""));
    PO.Levels = Opts.Levels;
    // Custom diagnostics ignore -Werror and -w: the policy honours them.
    PO.WarningsAsErrors = Opts.WarningsAsErrors || Diags.getWarningsAsErrors();
    PO.IgnoreWarnings = Diags.getIgnoreAllWarnings();
    FindingPolicy Policy(Ctx.getSourceManager(), std::move(PO));
    EscapeOptions Escape = escapeOptions(*Conf);
    // The index of the previous build (a missing file is an empty index: the
    // first build has none yet).
    SummaryIndex Index;
    if (!Opts.Summaries.empty()) {
      Expected<SummaryIndex> I = SummaryIndex::readFile(Opts.Summaries);
      if (!I)
        return reportError(Diags, llvm::toString(I.takeError()));
      Index = std::move(*I);
      Escape.Summaries = &Index;
    }
    runAllChecks(Ctx, Recorder, Policy, Escape);
    // Fix-its are shown as suggestions (and with
    // -fdiagnostics-parseable-fixits); never applied: the plugin does not
    // rewrite.
    for (const Decision &D : Policy.take())
      renderDiagnostic(Diags, D);
    if (!Opts.SummaryOut.empty() || Opts.SummaryOutBesideObject)
      writeSummaries(Ctx, Escape, Diags);
  }

private:
  void reportError(DiagnosticsEngine &Diags, const std::string &Message) {
    Diags.Report(
        Diags.getCustomDiagID(DiagnosticsEngine::Error, "bumper plugin: %0"))
        << Message;
  }

  /// Writes the unit's summaries for bumper-tool --merge-summaries. The
  /// unit is named by its presumed main file, so that preprocessed input
  /// names the source it came from.
  void writeSummaries(ASTContext &Ctx, const EscapeOptions &Escape,
                      DiagnosticsEngine &Diags) {
    std::string Out = Opts.SummaryOut;
    if (Out.empty()) {
      StringRef Object = CI.getFrontendOpts().OutputFile;
      if (Object.empty() || Object == "-")
        return reportError(Diags, "summary-out needs a file name when the "
                                  "output is not a file");
      Out = (Object + ".bumper-summary.json").str();
    }
    const SourceManager &SM = Ctx.getSourceManager();
    UnitSummaries U;
    PresumedLoc P =
        SM.getPresumedLoc(SM.getLocForStartOfFile(SM.getMainFileID()));
    U.File = absolutePath(P.isValid() ? P.getFilename() : "-");
    summarizeUnit(Ctx, Escape, U);
    SummaryIndex I;
    I.setUnit(std::move(U));
    if (llvm::Error E = I.writeFile(Out))
      reportError(Diags, llvm::toString(std::move(E)));
  }

  /// Reads the configuration of the main file; a bad file is a compile
  /// error, as a bad -fplugin-arg is.
  std::optional<Config> loadConfig(const SourceManager &SM,
                                   DiagnosticsEngine &Diags) {
    // Preprocessed input (what a distcc worker compiles) sits in a temporary
    // folder: the files above it say nothing about the source, so only an
    // explicit config-file= applies there.
    const auto &Inputs = CI.getFrontendOpts().Inputs;
    if (!Inputs.empty() && Inputs.front().getKind().isPreprocessed() &&
        Opts.ConfigFile.empty())
      return defaultConfig();
    StringRef Main;
    if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
      Main = F->getName();
    Expected<Config> C =
        configForSource(Main.empty() ? "-" : Main, Opts.ConfigFile);
    if (!C) {
      Diags.Report(
          Diags.getCustomDiagID(DiagnosticsEngine::Error, "bumper plugin: %0"))
          << toString(C.takeError());
      return std::nullopt;
    }
    return std::move(*C);
  }

  CompilerInstance &CI;
  PluginOptions Opts;
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
        "<check>=error|warning|off with <check> one of %2; "
        "warnings-as-errors; header-filter=<regex>; config-file=<path>; "
        "summary-out[=<file>]; or summaries=<file>");
    std::string CheckList;
    for (const CheckInfo &I : allChecks())
      CheckList += (CheckList.empty() ? "" : ", ") +
                   I.Name.drop_front(sizeof("bumper-") - 1).str();
    bool OK = true;
    for (const std::string &Arg : Args) {
      auto [Key, Value] = StringRef(Arg).split('=');
      bool HasValue = StringRef(Arg).contains('=');
      if (Key == "warnings-as-errors") {
        if (std::optional<bool> B = parseBool(Value)) {
          Opts.WarningsAsErrors = *B;
          continue;
        }
        Diags.Report(BadArg)
            << "bad value '" + Value.str() + "'" << Arg << CheckList;
        OK = false;
      } else if (Key == "header-filter" && HasValue) {
        llvm::Regex R(Value);
        std::string Error;
        if (R.isValid(Error)) {
          Opts.HeaderFilter = Value.str();
          continue;
        }
        Diags.Report(BadArg)
            << "bad regular expression: " + Error << Arg << CheckList;
        OK = false;
      } else if (Key == "config-file" && HasValue && !Value.empty()) {
        Opts.ConfigFile = Value.str();
      } else if (Key == "summary-out" && (!HasValue || !Value.empty())) {
        Opts.SummaryOut = Value.str();
        Opts.SummaryOutBesideObject = !HasValue;
      } else if (Key == "summaries" && HasValue && !Value.empty()) {
        Opts.Summaries = Value.str();
      } else if (std::optional<Check> C = parseCheckName(Key)) {
        if (std::optional<Severity> L; HasValue && parseLevel(Value, L)) {
          Opts.Levels[*C] = L;
          continue;
        }
        Diags.Report(BadArg)
            << "bad level '" + Value.str() + "'" << Arg << CheckList;
        OK = false;
      } else {
        Diags.Report(BadArg)
            << "unknown argument '" + Key.str() + "'" << Arg << CheckList;
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
    X("bumper", "bumper-tool's checks (bumper-tool --list-checks)");
