//===- BumperTidyModule.cpp - bumper-tool's checks as a clang-tidy module -===//
//
// libBumperTidy.so, loaded with clang-tidy-19 --load=.../libBumperTidy.so,
// offers the checks of the registry (Checks.def) as clang-tidy checks, so that
// clang-tidy's --fix, .clang-tidy, NOLINT, --header-filter, WarningsAsErrors
// and run-clang-tidy apply to them. Loading the library also registers
// [[bumper::no_escape]] in clang-tidy's process (NoEscapeAttr.cpp's static
// registration).
//
// The attribute leaves no trace of a statement annotation in the AST, so its
// uses are recorded while clang-tidy parses: the first enabled bumper check
// of a translation unit opens a RecordingScope in registerPPCallbacks (called
// before parsing), the checks run the analysis once per translation unit
// (Checks.h) and each reports the findings of its own kind. As in clang-tidy
// generally, every finding is a warning; WarningsAsErrors: 'bumper-escape'
// makes an escape fail the run (docs/ci.md). Of .bumper.yaml (found upward
// from the main file, Config.h), the keys that are not clang-tidy's own apply:
// Allocators and KeepsArgument; .clang-tidy chooses checks, errors and
// headers. The check option Summaries (any bumper check's; CheckOptions:
// {bumper-escape.Summaries: build/bumper-summaries.json}) names the
// whole-program summaries index to check with (SummaryIndex.h).
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/AttributeSpelling.h"
#include "bumper-tool/Checks.h"
#include "bumper-tool/Config.h"
#include "bumper-tool/FindingPolicy.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "bumper-tool/SummaryIndex.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <map>
#include <memory>
#include <optional>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace bumper {
namespace {

/// What the bumper checks of the translation unit being processed on this
/// thread share: the attribute's uses and, once computed, all findings.
struct TranslationUnitState {
  AttributeRecorder Recorder;
  std::optional<RecordingScope> Scope;
  unsigned Users = 0;
  const ASTContext *AnalysedContext = nullptr;
  std::vector<Decision> Findings;
  /// A .bumper.yaml or summaries file that could not be read, reported by
  /// the first check.
  std::string ConfigError;
  /// The Summaries option of the checks (the first that gives one).
  std::string SummariesFile;
};

/// The summaries index at \p Path, read once per thread (clang-tidy checks
/// the units of a run with the same options).
llvm::Expected<const SummaryIndex *> summariesAt(StringRef Path) {
  thread_local std::map<std::string, std::unique_ptr<SummaryIndex>> Cache;
  auto It = Cache.find(Path.str());
  if (It == Cache.end()) {
    Expected<SummaryIndex> I = SummaryIndex::readFile(Path);
    if (!I)
      return I.takeError();
    It =
        Cache.emplace(Path.str(), std::make_unique<SummaryIndex>(std::move(*I)))
            .first;
  }
  return It->second.get();
}

thread_local TranslationUnitState *Current = nullptr;

void joinTranslationUnit(Preprocessor &PP) {
  if (!Current) {
    Current = new TranslationUnitState;
    Current->Scope.emplace(Current->Recorder);
    watchAttributes(PP, Current->Recorder);
  }
  ++Current->Users;
}

void leaveTranslationUnit() {
  if (Current && --Current->Users == 0) {
    delete Current;
    Current = nullptr;
  }
}

/// The findings of the translation unit of \p Ctx, computed by the first
/// check that asks.
const std::vector<Decision> &findingsFor(ASTContext &Ctx) {
  TranslationUnitState &S = *Current;
  if (S.AnalysedContext != &Ctx) {
    S.AnalysedContext = &Ctx;
    S.Findings.clear();
    // A translation unit with compiler errors may have an incomplete AST;
    // clang-tidy reports the errors themselves.
    S.ConfigError.clear();
    if (!Ctx.getDiagnostics().hasUncompilableErrorOccurred() ||
        !hasCompilerErrors(Ctx.getDiagnostics(), S.Recorder)) {
      const SourceManager &SM = Ctx.getSourceManager();
      StringRef Main;
      if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
        Main = F->getName();
      Expected<Config> C = configForSource(Main.empty() ? "-" : Main);
      if (!C) {
        S.ConfigError = toString(C.takeError());
        return S.Findings;
      }
      // clang-tidy applies its own checks, headers, NOLINT and
      // WarningsAsErrors: the policy only keeps each finding once.
      PolicyOptions PO;
      PO.HostFilters = true;
      FindingPolicy Policy(SM, std::move(PO));
      EscapeOptions Escape = escapeOptions(*C);
      if (!S.SummariesFile.empty()) {
        Expected<const SummaryIndex *> I = summariesAt(S.SummariesFile);
        if (!I) {
          S.ConfigError = toString(I.takeError());
          return S.Findings;
        }
        Escape.Summaries = *I;
      }
      runAllChecks(Ctx, S.Recorder, Policy, Escape);
      S.Findings = Policy.take();
    }
  }
  return S.Findings;
}

class BumperCheck : public ClangTidyCheck {
public:
  BumperCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context),
        Kind(parseCheckName(Name).value_or(Check::Escape)),
        Summaries(Options.get("Summaries", "")) {}

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "Summaries", Summaries);
  }

  ~BumperCheck() override {
    if (Joined)
      leaveTranslationUnit();
  }

  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    if (!Joined) {
      joinTranslationUnit(*PP);
      Joined = true;
      if (Current->SummariesFile.empty())
        Current->SummariesFile = Summaries;
    }
  }

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    if (!Joined || !Current || !Result.Nodes.getNodeAs<Decl>("tu"))
      return;
    const std::vector<Decision> &Findings = findingsFor(*Result.Context);
    if (!Current->ConfigError.empty()) {
      configurationDiag("%0", DiagnosticIDs::Error) << Current->ConfigError;
      Current->ConfigError.clear(); // once per translation unit
      return;
    }
    for (const Decision &D : Findings) {
      if (D.F.Kind != Kind)
        continue;
      {
        DiagnosticBuilder DB = diag(D.F.Loc, "%0") << D.F.Message;
        for (const FixItHint &Hint : D.Fixes)
          DB << Hint;
      }
      for (const FindingNote &N : D.F.Notes)
        diag(N.Loc, "%0", DiagnosticIDs::Note) << N.Message;
    }
  }

private:
  Check Kind;
  std::string Summaries;
  bool Joined = false;
};

class BumperTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &I : allChecks())
      if (I.InTidy)
        Factories.registerCheck<BumperCheck>(I.Name);
  }
};

} // namespace
} // namespace bumper

static clang::tidy::ClangTidyModuleRegistry::Add<bumper::BumperTidyModule>
    X("bumper-module", "Bumper's checks (bumper-tool --list-checks).");
