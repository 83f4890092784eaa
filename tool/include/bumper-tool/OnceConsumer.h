//===- OnceConsumer.h - Each diagnostic of a source once --------*- C++ -*-===//
//
// A compilation database may compile one file several times (fmt's os.cc
// has five commands, with other macros). The tool's findings are kept once
// by the runner (reportKey); this consumer does the same for the
// compiler's own diagnostics: a warning or error at the same place with
// the same text, and its notes, is forwarded once for all the commands of
// a source.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_ONCECONSUMER_H
#define BUMPER_TOOL_ONCECONSUMER_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringSet.h"

namespace bumper {

class OnceConsumer : public clang::DiagnosticConsumer {
public:
  explicit OnceConsumer(clang::DiagnosticConsumer &Next) : Next(Next) {}

  void BeginSourceFile(const clang::LangOptions &LO,
                       const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void finish() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

private:
  clang::DiagnosticConsumer &Next;
  llvm::StringSet<> Seen;
  /// The last diagnostic other than a note was a repeat: so are its notes.
  bool Repeat = false;
};

} // namespace bumper

#endif // BUMPER_TOOL_ONCECONSUMER_H
