//===- OnceConsumer.cpp - Each diagnostic of a source once ----------------===//

#include "bumper-tool/OnceConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"

using namespace clang;

namespace bumper {

void OnceConsumer::BeginSourceFile(const LangOptions &LO,
                                   const Preprocessor *PP) {
  Next.BeginSourceFile(LO, PP);
}

void OnceConsumer::EndSourceFile() { Next.EndSourceFile(); }

void OnceConsumer::finish() { Next.finish(); }

void OnceConsumer::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                    const Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info);
  if (Level == DiagnosticsEngine::Note) {
    if (!Repeat)
      Next.HandleDiagnostic(Level, Info);
    return;
  }
  llvm::SmallString<256> Message;
  Info.FormatDiagnostic(Message);
  std::string Place;
  if (Info.getLocation().isValid() && Info.hasSourceManager()) {
    PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
    if (P.isValid())
      Place = (llvm::Twine(P.getFilename()) + ":" + llvm::Twine(P.getLine()) +
               ":" + llvm::Twine(P.getColumn()))
                  .str();
  }
  Repeat =
      !Seen.insert((llvm::Twine(unsigned(Level)) + " " + Place + " " + Message)
                       .str())
           .second;
  if (!Repeat)
    Next.HandleDiagnostic(Level, Info);
}

} // namespace bumper
