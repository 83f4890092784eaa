//===- Checks.cpp - Every check over one translation unit -----------------===//
//
// The sequence every front end runs per translation unit, so the three report
// the same findings from the same code.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Checks.h"
#include "bumper-tool/Annotations.h"
#include "bumper-tool/AttributeSpelling.h"
#include "bumper-tool/EscapeAnalysis.h"
#include "bumper-tool/GuardFixes.h"
#include "bumper-tool/HeapTemporary.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "bumper-tool/SuspendCheck.h"

using namespace clang;

namespace bumper {

void runAllChecks(ASTContext &Ctx, const AttributeRecorder &Recorder,
                  FindingSink &Sink, const EscapeOptions &Escape,
                  bool Explain) {
  checkAttributeSpellings(Ctx.getSourceManager(), Ctx.getLangOpts(), Recorder,
                          Sink);
  AnnotationIndex Index;
  buildAnnotationIndex(Ctx, Recorder, Index, Sink);
  checkSuspensions(Ctx, Index, Sink);
  checkGuards(Ctx, Index, Sink);
  analyzeEscapes(Ctx, Index, Sink, Escape);
  checkHeapTemporaries(Ctx, Index, Sink, Escape, Explain);
}

} // namespace bumper
