//===- Checks.cpp - Every check over one translation unit -----------------===//
//
// The sequence bumper-tool's Runner runs per translation unit, shared by the
// compiler plugin and the clang-tidy module, so the three front ends report
// the same findings from the same code.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Checks.h"
#include "bumper-tool/Annotations.h"
#include "bumper-tool/GuardFixes.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

// tool/CMakeLists.txt defines this when lib/EscapeAnalysis.cpp is built.
#if BUMPER_HAVE_ESCAPE_ANALYSIS
#include "bumper-tool/EscapeAnalysis.h"
#endif

using namespace clang;

namespace bumper {

bool hasEscapeAnalysis() {
#if BUMPER_HAVE_ESCAPE_ANALYSIS
  return true;
#else
  return false;
#endif
}

void runAllChecks(ASTContext &Ctx, const AttributeRecorder &Recorder,
                  FindingSink &Sink, const EscapeOptions &Escape) {
  AnnotationIndex Index;
  buildAnnotationIndex(Ctx, Recorder, Index, Sink);
  checkGuards(Ctx, Index, Sink);
#if BUMPER_HAVE_ESCAPE_ANALYSIS
  analyzeEscapes(Ctx, Index, Sink, Escape);
#else
  (void)Escape;
#endif
}

std::optional<Check> parseCheckName(llvm::StringRef Name) {
  for (Check C : {Check::Escape, Check::MissingGuard, Check::UnscopedAlloc,
                  Check::InvalidAnnotation}) {
    llvm::StringRef Full = checkName(C);
    if (Name == Full || ("bumper-" + Name).str() == Full)
      return C;
  }
  return std::nullopt;
}

void CollectingSink::report(Finding F) {
  for (const Finding &P : Findings)
    if (P.Kind == F.Kind && P.Loc == F.Loc && P.Message == F.Message)
      return;
  Findings.push_back(std::move(F));
}

std::vector<Finding> CollectingSink::take(const SourceManager &SM) {
  llvm::stable_sort(Findings, [&](const Finding &L, const Finding &R) {
    if (L.Loc.isInvalid() || R.Loc.isInvalid())
      return L.Loc.isValid() < R.Loc.isValid();
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(L.Loc),
                                        SM.getExpansionLoc(R.Loc));
  });
  std::vector<Finding> Out;
  Out.swap(Findings);
  return Out;
}

} // namespace bumper
