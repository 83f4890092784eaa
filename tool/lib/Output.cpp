//===- Output.cpp - Unified diff and YAML export --------------------------===//

#include "bumper-tool/Output.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <vector>

namespace bumper {

/// Splits \p Text into lines, each with its line ending.
static std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

namespace {
/// One line of an edit script: ' ' kept, '-' removed, '+' added.
struct EditLine {
  char Op;
  llvm::StringRef Text;
  size_t OldLine, NewLine; // 0-based positions before this line.
};
} // namespace

/// Myers' O(ND) difference algorithm on lines.
static std::vector<EditLine> diffLines(const std::vector<llvm::StringRef> &A,
                                       const std::vector<llvm::StringRef> &B) {
  const long N = A.size(), M = B.size(), Max = N + M;
  std::vector<long> V(2 * Max + 2, 0);
  std::vector<std::vector<long>> Trace;
  long FinalD = 0;
  for (long D = 0; D <= Max; ++D) {
    Trace.push_back(V);
    bool Done = false;
    for (long K = -D; K <= D; K += 2) {
      long X;
      if (K == -D || (K != D && V[Max + K - 1] < V[Max + K + 1]))
        X = V[Max + K + 1];
      else
        X = V[Max + K - 1] + 1;
      long Y = X - K;
      while (X < N && Y < M && A[X] == B[Y])
        ++X, ++Y;
      V[Max + K] = X;
      if (X >= N && Y >= M) {
        Done = true;
        break;
      }
    }
    if (Done) {
      FinalD = D;
      break;
    }
  }
  // Walk back through the saved frontiers.
  std::vector<EditLine> Script;
  long X = N, Y = M;
  for (long D = FinalD; D >= 0; --D) {
    const std::vector<long> &Prev = Trace[D];
    long K = X - Y;
    long PrevK;
    if (D == 0)
      PrevK = 0;
    else if (K == -D || (K != D && Prev[Max + K - 1] < Prev[Max + K + 1]))
      PrevK = K + 1;
    else
      PrevK = K - 1;
    long PrevX = D == 0 ? 0 : Prev[Max + PrevK];
    long PrevY = PrevX - PrevK;
    while (X > PrevX && Y > PrevY) {
      --X, --Y;
      Script.push_back({' ', A[X], size_t(X), size_t(Y)});
    }
    if (D == 0)
      break;
    if (X == PrevX) {
      --Y;
      Script.push_back({'+', B[Y], size_t(X), size_t(Y)});
    } else {
      --X;
      Script.push_back({'-', A[X], size_t(X), size_t(Y)});
    }
  }
  std::reverse(Script.begin(), Script.end());
  return Script;
}

std::string unifiedDiff(llvm::StringRef Name, llvm::StringRef Old,
                        llvm::StringRef New) {
  return unifiedDiff(Name, Name, Old, New);
}

std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName,
                        llvm::StringRef Old, llvm::StringRef New) {
  if (Old == New)
    return "";
  std::vector<llvm::StringRef> A = splitLines(Old), B = splitLines(New);
  // Trim the common head and tail so that Myers works on the changed middle.
  size_t Head = 0;
  while (Head < A.size() && Head < B.size() && A[Head] == B[Head])
    ++Head;
  size_t Tail = 0;
  while (Tail < A.size() - Head && Tail < B.size() - Head &&
         A[A.size() - 1 - Tail] == B[B.size() - 1 - Tail])
    ++Tail;
  std::vector<llvm::StringRef> MidA(A.begin() + Head, A.end() - Tail);
  std::vector<llvm::StringRef> MidB(B.begin() + Head, B.end() - Tail);
  std::vector<EditLine> Script;
  for (size_t I = 0; I < Head; ++I)
    Script.push_back({' ', A[I], I, I});
  for (EditLine E : diffLines(MidA, MidB)) {
    E.OldLine += Head;
    E.NewLine += Head;
    Script.push_back(E);
  }
  for (size_t I = Tail; I > 0; --I)
    Script.push_back({' ', A[A.size() - I], A.size() - I, B.size() - I});

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "--- " << OldName << "\n+++ " << NewName << "\n";
  const size_t Context = 3;
  size_t I = 0;
  while (I < Script.size()) {
    if (Script[I].Op == ' ') {
      ++I;
      continue;
    }
    // A hunk: from Context lines before this change to Context lines after
    // the last change that is at most 2*Context lines further on.
    size_t Begin = I >= Context ? I - Context : 0;
    size_t End = I;
    while (End < Script.size()) {
      if (Script[End].Op != ' ') {
        ++End;
        continue;
      }
      size_t Next = End;
      while (Next < Script.size() && Script[Next].Op == ' ')
        ++Next;
      if (Next == Script.size() || Next - End > 2 * Context) {
        End = std::min(Script.size(), End + Context);
        break;
      }
      End = Next;
    }
    size_t OldStart = Script[Begin].OldLine, NewStart = Script[Begin].NewLine;
    size_t OldCount = 0, NewCount = 0;
    for (size_t J = Begin; J < End; ++J) {
      OldCount += Script[J].Op != '+';
      NewCount += Script[J].Op != '-';
    }
    OS << "@@ -" << (OldCount ? OldStart + 1 : OldStart) << "," << OldCount
       << " +" << (NewCount ? NewStart + 1 : NewStart) << "," << NewCount
       << " @@\n";
    for (size_t J = Begin; J < End; ++J) {
      llvm::StringRef Text = Script[J].Text;
      OS << Script[J].Op << Text;
      if (!Text.ends_with("\n"))
        OS << "\n\\ No newline at end of file\n";
    }
    I = End;
  }
  return Out;
}

llvm::Error exportFixes(llvm::StringRef Path, llvm::StringRef MainSourceFile,
                        llvm::ArrayRef<clang::tooling::Diagnostic> Diags) {
  clang::tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = MainSourceFile.str();
  TUD.Diagnostics.assign(Diags.begin(), Diags.end());
  // Atomically (a temporary file renamed over it): a failed run leaves the
  // previous file whole.
  llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    llvm::yaml::Output YAML(OS);
    YAML << TUD;
    return llvm::Error::success();
  });
  if (E)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write '%s': %s", Path.str().c_str(),
                                   llvm::toString(std::move(E)).c_str());
  return llvm::Error::success();
}

} // namespace bumper
