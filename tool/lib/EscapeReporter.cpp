//===- EscapeReporter.cpp - The findings of the escape analysis -----------===//
//
// A bumper-escape finding says how the value leaves its block, with notes
// along its origin's chain (allocated here, stored into 'x' here, captured
// here), where the block ends, and last how to fix it (docs/diagnostics.md).
//
//===----------------------------------------------------------------------===//

#include "EscapeEngine.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace bumper {
namespace escape {

static constexpr const char *Subject =
    "pointer into arena memory allocated in this no_escape block ";

static const char *fixText(Fix K, bool Captured) {
  if (Captured)
    return "to fix: capture copies of the values, not the pointer, or call "
           "the lambda only inside the block";
  switch (K) {
  case Fix::Store:
    return "to fix: copy the data out before the block ends, or allocate it "
           "outside the block";
  case Fix::Insert:
    return "to fix: keep values, not pointers, in the container, or clear "
           "it before the block ends";
  case Fix::Call:
    return "to fix: pass a copy that the callee may keep, or allocate the "
           "data outside the block";
  case Fix::Return:
    return "to fix: return the data by value (a copy), or move the block to "
           "the caller";
  case Fix::Throw:
    return "to fix: throw a value that owns a copy of the data";
  }
  return "";
}

void Reporter::chainNotes(Finding &F, unsigned Last, bool IncludeLast,
                          bool &Captured) const {
  llvm::SmallVector<unsigned, 8> Chain;
  for (unsigned O = Last; O != NoParent; O = OT[O].Parent)
    Chain.push_back(O);
  std::reverse(Chain.begin(), Chain.end());
  if (!IncludeLast)
    Chain.pop_back();
  unsigned LastLine = 0;
  for (unsigned O : Chain) {
    const Origin &Or = OT[O];
    SourceLocation L = Or.S ? Or.S->getBeginLoc() : SourceLocation();
    if (L.isInvalid())
      continue;
    unsigned Line = Run.SM.getExpansionLineNumber(L);
    switch (Or.Kind) {
    case Step::Alloc:
      Run.EC.addNote(F, L, "allocated here");
      break;
    case Step::Capture:
      Captured = true;
      Run.EC.addNote(F, L, "captured by the lambda here");
      break;
    case Step::Store:
    case Step::Insert:
    case Step::CallKeep:
    case Step::LibraryKeep:
    case Step::ConfigKeep:
      // Steps on the same line as the previous note say nothing new.
      if (Line != LastLine && !Or.Target.empty())
        Run.EC.addNote(F, L,
                       "derived value stored into '" + Or.Target + "' here");
      break;
    case Step::Param:
      break;
    }
    LastLine = Line;
  }
}

void Reporter::finish(Finding F, unsigned O, SourceLocation At, std::string How,
                      bool Captured, Fix K) const {
  int B = OT[O].Block;
  F.Message = Subject;
  if (Captured)
    F.Message += "is captured by a lambda that escapes: the lambda ";
  F.Message += How;
  Run.EC.addNote(F, Nest[B].Body->getRBracLoc(),
                 "block ends here; its memory is reset");
  // The last note says how to fix it, at the reported statement.
  F.Notes.push_back({Run.SM.getExpansionLoc(At), fixText(K, Captured)});
  Run.EC.emit(std::move(F), At);
}

void Reporter::reportStore(unsigned O) {
  const Origin &Or = OT[O];
  Finding F{Check::Escape, SourceLocation(), "", {}, {}};
  bool Captured = false;
  for (unsigned X = Or.Parent; X != NoParent; X = OT[X].Parent)
    Captured |= OT[X].Kind == Step::Capture;
  chainNotes(F, O, false, Captured);
  std::string How;
  switch (Or.Kind) {
  case Step::Insert:
    How = "is kept by '" + Or.Callee + "', and '" + Or.Target +
          "' outlives the block";
    break;
  case Step::LibraryKeep:
    How = "is passed to '" + Or.Callee +
          "', which keeps it past the call (the library model)";
    break;
  case Step::ConfigKeep:
    How = "is passed to '" + Or.Callee +
          "', which keeps it past the call (Functions in the configuration)";
    break;
  case Step::CallKeep:
    How = Or.Target.empty()
              ? "is passed to '" + Or.Callee +
                    "', which keeps its arguments (KeepsArgument in the "
                    "configuration)"
              : "is passed to '" + Or.Callee + "', which stores it into '" +
                    Or.Target + "', which outlives the block";
    break;
  default:
    How = "is stored into '" + Or.Target + "', which outlives the block";
    break;
  }
  Fix K = Or.Kind == Step::Insert ? Fix::Insert
          : Or.Kind == Step::CallKeep || Or.Kind == Step::LibraryKeep ||
                  Or.Kind == Step::ConfigKeep
              ? Fix::Call
              : Fix::Store;
  if (Or.Kind == Step::CallKeep)
    Run.EC.addExternalNote(F, Or.S, Or.Target);
  finish(std::move(F), O, Or.S->getBeginLoc(), How, Captured, K);
}

void Reporter::reportEscape(unsigned O, const Stmt *At, const char *How,
                            Fix K) {
  Finding F{Check::Escape, SourceLocation(), "", {}, {}};
  bool Captured = false;
  chainNotes(F, O, true, Captured);
  finish(std::move(F), O, At->getBeginLoc(), How, Captured, K);
}

void Reporter::reportNotConverged() {
  // Reporting from a state that is not a fixpoint could both miss escapes
  // and report false ones: one finding says so instead.
  const FunctionDecl *FD = Run.FD;
  std::string Name = FD->getNameAsString();
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
      M && M->getParent()->isLambda())
    Name = "lambda";
  Finding F{Check::Escape, SourceLocation(), "", {}, {}};
  F.Message = "escape analysis of '" + Name +
              "' stopped at its iteration cap before reaching a fixpoint; "
              "its no_escape blocks are not checked";
  Run.EC.addNote(F, FD->getLocation(), "function '" + Name + "' is here");
  SourceLocation Open = Nest[0].Body->getLBracLoc();
  F.Notes.push_back({Run.SM.getExpansionLoc(Open),
                     "to fix: split the function so that each part has "
                     "fewer paths between its variables"});
  Run.EC.emit(std::move(F), Open);
}

} // namespace escape
} // namespace bumper
