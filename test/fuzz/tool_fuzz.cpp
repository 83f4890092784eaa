//===- tool_fuzz.cpp - libFuzzer target: bumper-tool's checks and rewrite -===//
//
// Each input is a source file. It is parsed in-process with the no_escape
// attribute recorded, as bumper-tool parses it, and runAllChecks (Checks.h)
// runs the annotation index, bumper-missing-guard and the escape analysis
// into the tool's FindingPolicy, whose decisions become the reports and
// replacements that --fix applies (Diagnostics.h, Runner.h's mergeReports).
// Then the invariants of the rewrite are checked (docs/reliability.md, "Fuzzing
// the tool"):
//
//  - no crash, no hang (libFuzzer's -timeout), no sanitizer report;
//  - the rewrite only inserts: every replacement deletes nothing, is in the
//    main file, goes at the start of a line or right after a '{', inserts
//    one guard ("bumper::NoEscape bumper_guard_[N_][(<buffer as written>)];")
//    and the replacements do not conflict; C code gets none (a fix of
//    bumper-annotation only corrects or moves the attribute);
//  - the rewritten file parses whenever the original did (unless the tool
//    said that the file does not declare bumper::NoEscape yet);
//  - a second run over the rewritten file has nothing left to fix, and its
//    escape analysis reports the same findings (check and message) as the
//    first run's.
//
// A violation prints the input, the rewritten file and what was wrong, and
// aborts. The first byte of an input chooses the mode:
//
//   bits 0-1  language: 0, 1 C++20, 2 C++17, 3 C (-std=c2x)
//   bit 2     0: the rest of the input is the source text
//             1: the rest drives a generator that writes a translation unit
//                of annotated blocks, allocations, copies, stores, returns,
//                lambdas, loops and guards (Generator below), which reaches
//                the escape analysis far more often than mutated bytes do
//   bit 3     generator: CRLF line endings
//   bit 4     generator: tabs instead of two spaces
//   bit 5     generator, C: every annotated block and function gets a guard
//             written by hand (a checkpoint saved by its first statement and
//             restored right before every way out), and the tool must not
//             report any of them as unguarded (docs/tool.md, "Hand-written
//             guards in C")
//
// The headers come from test/fuzz/tool-headers/ in a virtual file system
// (with -nostdinc), so parsing an input takes milliseconds.
//
// Environment: TOOL_FUZZ_PRINT=1 prints each source (and rewrite) to stderr;
// TOOL_FUZZ_BREAK=delete|duplicate|skip deliberately damages the rewrite, and
// TOOL_FUZZ_BREAK=unrestored leaves out one restore of a hand-written C
// guard, to show that the checks catch it (ctest tool-fuzz-selftest-*).
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/AttributeSpelling.h"
#include "bumper-tool/Checks.h"
#include "bumper-tool/Diagnostics.h"
#include "bumper-tool/NoEscapeAttr.h"
#include "bumper-tool/Runner.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace clang;
using llvm::StringRef;

namespace {

enum class Language { CXX20, CXX17, C };

struct Mode {
  Language Lang = Language::CXX20;
  bool Generate = false;
  bool CRLF = false;
  bool Tabs = false;
  bool GuardC = false;
};

Mode decodeMode(std::uint8_t B) {
  Mode M;
  M.Lang = (B & 3) == 3   ? Language::C
           : (B & 3) == 2 ? Language::CXX17
                          : Language::CXX20;
  M.Generate = B & 4;
  M.CRLF = B & 8;
  M.Tabs = B & 16;
  M.GuardC = B & 32;
  return M;
}

/// Does the generator guard every annotated block of this unit by hand?
bool guardsEveryCBlock(const Mode &M) {
  return M.Generate && M.GuardC && M.Lang == Language::C;
}

/// TOOL_FUZZ_BREAK: the damage to do on purpose, or "".
StringRef breakKind() {
  static const char *Break = std::getenv("TOOL_FUZZ_BREAK");
  return Break ? StringRef(Break) : StringRef();
}

// --- The headers ----------------------------------------------------------

/// The files of test/fuzz/tool-headers/ (and the lit tests' stub header),
/// read once, by their path in the virtual file system.
const std::vector<std::pair<std::string, std::string>> &headers() {
  static const std::vector<std::pair<std::string, std::string>> Files = [] {
    std::vector<std::pair<std::string, std::string>> Out;
    auto Add = [&Out](StringRef Real, StringRef Virtual) {
      auto Buf = llvm::MemoryBuffer::getFile(Real);
      if (!Buf) {
        llvm::errs() << "tool_fuzz: cannot read '" << Real
                     << "': " << Buf.getError().message() << "\n";
        std::abort();
      }
      Out.emplace_back(Virtual.str(), (*Buf)->getBuffer().str());
    };
    StringRef Root = BUMPER_FUZZ_TOOL_HEADERS;
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(Root, EC), End;
         It != End && !EC; It.increment(EC)) {
      StringRef Path = It->path();
      if (It->type() != llvm::sys::fs::file_type::regular_file ||
          Path.ends_with(".md"))
        continue;
      Add(Path, ("/fuzz/" + Path.drop_front(Root.size() + 1)).str());
    }
    if (EC || Out.empty()) {
      llvm::errs() << "tool_fuzz: cannot list '" << Root << "'\n";
      std::abort();
    }
    Add(BUMPER_FUZZ_TOOL_STUB, "/fuzz/include/bumper-stub.hpp");
    // Bumper's C API and configuration as they are: C code (and the
    // stand-in bumper.hpp) include them.
    for (StringRef Name : {"bumper.h", "config.h"})
      Add((llvm::Twine(BUMPER_FUZZ_TOOL_INCLUDE) + "/bumper/" + Name).str(),
          ("/fuzz/include/bumper/" + Name).str());
    return Out;
  }();
  return Files;
}

// --- One run of the tool's checks -------------------------------------------

/// What one run of the checks over one source gave.
struct Outcome {
  /// The checks ran: the source parsed without errors. (A unit with
  /// compiler errors is neither checked nor written by the tool.)
  bool Checked = false;
  /// The findings, as the tool reports them.
  std::vector<bumper::ReportedFinding> Reports;
  /// The fixes, by file, as --fix would apply them.
  std::map<std::string, std::set<tooling::Replacement>> Fixes;
};

/// As bumper-tool's CheckConsumer (Runner.cpp): a unit with compiler errors
/// is not checked; otherwise every check runs into the FindingPolicy.
class FuzzConsumer : public ASTConsumer {
public:
  FuzzConsumer(CompilerInstance &CI, const bumper::AttributeRecorder &Recorder,
               Outcome &Out)
      : CI(CI), Recorder(Recorder), Out(Out) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (bumper::hasCompilerErrors(CI.getDiagnostics(), Recorder))
      return;
    Out.Checked = true;
    bumper::PolicyOptions PO;
    PO.FixesApplied = true;
    bumper::FindingPolicy Policy(Ctx.getSourceManager(), std::move(PO));
    bumper::runAllChecks(Ctx, Recorder, Policy);
    std::vector<bumper::ReportedFinding> Reports;
    for (const bumper::Decision &D : Policy.take())
      Reports.push_back(
          bumper::toReport(Ctx.getSourceManager(), Ctx.getLangOpts(), D));
    bumper::RunResult Result;
    bumper::mergeReports(Result, std::move(Reports));
    Out.Reports = std::move(Result.Reports);
    Out.Fixes = std::move(Result.Fixes);
  }

private:
  CompilerInstance &CI;
  const bumper::AttributeRecorder &Recorder;
  Outcome &Out;
};

class FuzzAction : public ASTFrontendAction {
public:
  explicit FuzzAction(Outcome &Out) : Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    bumper::watchAttributes(CI.getPreprocessor(), Recorder);
    return std::make_unique<FuzzConsumer>(CI, Recorder, Out);
  }
  bool BeginSourceFileAction(CompilerInstance &) override {
    Scope.emplace(Recorder);
    return true;
  }
  void EndSourceFileAction() override { Scope.reset(); }

private:
  Outcome &Out;
  bumper::AttributeRecorder Recorder;
  std::optional<bumper::RecordingScope> Scope;
};

bool printing() {
  static const bool Print = std::getenv("TOOL_FUZZ_PRINT") != nullptr;
  return Print;
}

StringRef mainPath(const Mode &M) {
  return M.Lang == Language::C ? "/fuzz/input.c" : "/fuzz/input.cpp";
}

Outcome runTool(StringRef Code, const Mode &M) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> FS(
      new llvm::vfs::InMemoryFileSystem);
  FS->setCurrentWorkingDirectory("/fuzz");
  for (const auto &[Path, Text] : headers())
    FS->addFile(Path, 0, llvm::MemoryBuffer::getMemBuffer(Text, Path));
  FS->addFile(mainPath(M), 0,
              llvm::MemoryBuffer::getMemBufferCopy(Code, mainPath(M)));
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), FS));

  // The stand-in headers only (-nostdinc): fast and the same everywhere.
  std::vector<std::string> Args = {"bumper-tool", "-fsyntax-only",
                                   "-ferror-limit=5", "-nostdinc"};
  Args.insert(Args.end(), {"-isystem", "/fuzz/sys", "-I", "/fuzz/include"});
  if (M.Lang == Language::C)
    Args.insert(Args.end(), {"-x", "c", "-std=c2x"});
  else if (M.Lang == Language::CXX17)
    Args.insert(Args.end(), {"-x", "c++", "-std=c++17"});
  else
    Args.insert(Args.end(), {"-x", "c++", "-std=c++20"});
  Args.push_back(mainPath(M).str());

  Outcome Out;
  IgnoringDiagConsumer Quiet;
  tooling::ToolInvocation Invocation(
      Args, std::make_unique<FuzzAction>(Out), Files.get(),
      std::make_shared<PCHContainerOperations>());
  // Clang's own diagnostics are shown only with TOOL_FUZZ_PRINT.
  if (!printing())
    Invocation.setDiagnosticConsumer(&Quiet);
  Invocation.run();
  if (printing())
    llvm::errs() << "tool_fuzz: " << (Out.Checked ? "checked" : "not checked")
                 << ", " << Out.Reports.size() << " findings, "
                 << Out.Fixes.size() << " files with fixes\n";
  return Out;
}

// --- The invariants ---------------------------------------------------------

[[noreturn]] void fail(const char *What, StringRef Code, StringRef Detail,
                       StringRef Rewritten = {}) {
  llvm::errs() << "tool_fuzz: invariant violated: " << What << "\n";
  if (!Detail.empty())
    llvm::errs() << "  " << Detail << "\n";
  llvm::errs() << "--- input ---\n" << Code << "\n--- end of input ---\n";
  if (!Rewritten.empty())
    llvm::errs() << "--- rewritten ---\n"
                 << Rewritten << "\n--- end of rewritten ---\n";
  llvm::errs().flush();
  std::abort();
}

/// Is \p Text one inserted guard, as GuardFixes.cpp writes it? \p Code is
/// the original file: a buffer argument is spelled as in the annotation.
bool isGuardText(StringRef Text, StringRef Code) {
  StringRef S = Text.ltrim(" \t");
  if (!S.consume_front("bumper::NoEscape bumper_guard_"))
    return false;
  StringRef Digits = S.take_while(llvm::isDigit);
  if (!Digits.empty()) {
    S = S.drop_front(Digits.size());
    if (!S.consume_front("_"))
      return false;
  }
  if (S.consume_front("(")) {
    size_t Close = S.rfind(");");
    if (Close == StringRef::npos || Close == 0)
      return false;
    // A C API handle is converted: "bumper::from_c(h)" for the annotation's
    // "h" (which is all the file is sure to contain).
    StringRef Buffer = S.take_front(Close);
    if (Buffer.consume_front("bumper::from_c(") && !Buffer.consume_back(")"))
      return false;
    if (Buffer.empty() || !Code.contains(Buffer))
      return false;
    S = S.drop_front(Close + 1);
  }
  if (!S.consume_front(";"))
    return false;
  return S.empty() || S == " " || S == "\n" || S == "\r\n";
}

std::string describe(const tooling::Replacement &R) {
  return (llvm::Twine("replacement at offset ") + llvm::Twine(R.getOffset()) +
          ", length " + llvm::Twine(R.getLength()) + " in '" + R.getFilePath() +
          "': '" + R.getReplacementText() + "'")
      .str();
}

/// The findings of the escape analysis, as "check: message" lines.
std::string escapeFindings(const Outcome &O) {
  std::string S;
  for (const bumper::ReportedFinding &F : O.Reports)
    if (F.Check != "bumper-missing-guard")
      S += F.Check + ": " + F.Message + "\n";
  return S;
}

bool saysNoEscapeUndeclared(const Outcome &O) {
  for (const bumper::ReportedFinding &F : O.Reports)
    for (const bumper::ReportedNote &N : F.Notes)
      if (StringRef(N.Message).contains("this file does not include it"))
        return true;
  return false;
}

/// The fixes of \p O's findings of \p Check, by file.
std::map<std::string, std::set<tooling::Replacement>> fixesOf(const Outcome &O,
                                                              StringRef Check) {
  std::map<std::string, std::set<tooling::Replacement>> Out;
  for (const bumper::ReportedFinding &F : O.Reports)
    if (F.Check == Check)
      for (const bumper::ReportedEdit &E : F.Edits)
        Out[E.File].insert(
            tooling::Replacement(E.File, E.Offset, E.Length, E.Text));
  return Out;
}

/// A bumper-annotation fix only corrects or moves the attribute: it replaces
/// text without a statement's punctuation with an attribute's spelling.
void checkAnnotationFixes(const Outcome &O, StringRef Code) {
  static const llvm::Regex Attribute(
      "^(\\[\\[)?(bumper(::)?)?(no_escape)?(\\([^)]*\\))?(\\]\\])?[ \t]*$");
  for (const auto &[File, Set] : fixesOf(O, "bumper-annotation"))
    for (const tooling::Replacement &R : Set) {
      StringRef Deleted = Code.substr(R.getOffset(), R.getLength());
      if (!Attribute.match(R.getReplacementText()) ||
          Deleted.find_first_of(";{}") != StringRef::npos)
        fail("an annotation fix does more than correct or move the attribute",
             Code, describe(R));
    }
}

void checkRewrite(StringRef Code, const Mode &M) {
  StringRef Break = breakKind();
  if (printing())
    llvm::errs() << "--- source ---\n" << Code << "\n";

  Outcome First = runTool(Code, M);
  if (!First.Checked)
    return; // Not checked, nothing to write: only "no crash" applies.
  if (guardsEveryCBlock(M))
    for (const bumper::ReportedFinding &F : First.Reports)
      if (F.Check == "bumper-missing-guard")
        fail("a C block guarded by hand is reported as unguarded", Code,
             F.Message + " (line " + std::to_string(F.Loc.Line) + ")");

  // The annotation checks' fixes (a misspelt or misplaced attribute) are
  // checked on their own; the rest is about the guards.
  checkAnnotationFixes(First, Code);
  StringRef Main = mainPath(M);
  std::vector<tooling::Replacement> Fixes;
  for (const auto &[File, Set] : fixesOf(First, "bumper-missing-guard"))
    for (const tooling::Replacement &R : Set) {
      if (File != Main || R.getFilePath() != Main)
        fail("a fix outside the main file", Code, describe(R));
      Fixes.push_back(R);
    }
  if (Fixes.empty())
    return;
  if (M.Lang == Language::C)
    fail("a guard inserted into C code", Code, describe(Fixes.front()));
  for (const tooling::Replacement &R : Fixes) {
    unsigned Off = R.getOffset();
    if (R.getLength() != 0)
      fail("the rewrite deletes text", Code, describe(R));
    if (Off > Code.size() ||
        (Off > 0 && Code[Off - 1] != '\n' && Code[Off - 1] != '{'))
      fail("a guard inserted in the middle of a line", Code, describe(R));
    if (!isGuardText(R.getReplacementText(), Code))
      fail("the rewrite inserts something other than a guard", Code,
           describe(R));
  }

  if (Break == "delete")
    Fixes.emplace_back(Main, Fixes.front().getOffset(), 1, "");
  if (Break == "duplicate")
    Fixes.emplace_back(Main, Fixes.front().getOffset(),
                       Fixes.front().getLength(),
                       Fixes.front().getReplacementText().str() +
                           Fixes.front().getReplacementText().str());
  tooling::Replacements Merged;
  for (const tooling::Replacement &R : Fixes)
    if (llvm::Error E = Merged.add(R))
      fail("conflicting fixes", Code, llvm::toString(std::move(E)));
  for (const tooling::Replacement &R : Merged)
    if (R.getLength() != 0)
      fail("the rewrite deletes text", Code, describe(R));
  llvm::Expected<std::string> New = tooling::applyAllReplacements(Code, Merged);
  if (!New)
    fail("the fixes do not apply", Code, llvm::toString(New.takeError()));
  if (Break == "skip")
    *New = Code.str();
  if (printing())
    llvm::errs() << "--- rewritten ---\n" << *New << "\n";

  Outcome Second = runTool(*New, M);
  if (!Second.Checked) {
    if (saysNoEscapeUndeclared(First))
      return; // The tool said so: the file has to include <bumper/bumper.hpp>.
    fail("the rewritten file does not parse, but the original did", Code, "",
         *New);
  }
  for (const auto &[File, Set] : fixesOf(Second, "bumper-missing-guard"))
    if (!Set.empty())
      fail("a second rewrite is not a no-op", Code, describe(*Set.begin()),
           *New);
  std::string Before = escapeFindings(First), After = escapeFindings(Second);
  if (Before != After)
    fail("the rewrite changed what the escape analysis reports", Code,
         "before:\n" + Before + "  after:\n" + After, *New);
}

// --- The generator ----------------------------------------------------------

/// Writes a translation unit from the input's bytes: each byte (or two)
/// picks the next construct. Every block is closed and every name declared,
/// so most generated units parse and reach the checks.
class Generator {
public:
  Generator(const std::uint8_t *Data, size_t Size, const Mode &M)
      : P(Data), End(Data + Size), M(M), C(M.Lang == Language::C),
        EOL(M.CRLF ? "\r\n" : "\n") {}

  std::string run() {
    prologue();
    while (P < End && Out.size() < 64 * 1024) {
      if (Scopes.empty())
        openFunction();
      else
        statement();
    }
    while (!Scopes.empty())
      close();
    return Out;
  }

private:
  struct Scope {
    std::string Close;              ///< Text that closes it.
    std::vector<std::string> Vars;  ///< int * variables declared in it.
    std::vector<std::string> Exprs; ///< Other int * expressions.
    bool Loop = false;
    bool Switch = false;    ///< A switch's body: a break ends there.
    bool Endless = false;   ///< 'for (;;)': only a jump leaves it.
    bool DoWhile = false;   ///< 'do { } while (...)': its body runs first.
    bool Plain = false;     ///< '{ }', no_escape or not: its end is the body's.
    bool BrokenOut = false; ///< A break leaves it.
    bool Continued = false; ///< A continue goes to its next iteration.
    bool Function = false;  ///< A function or lambda body.
    bool ReturnsPtr = true; ///< Its function returns int *.
    std::string After;      ///< Text after the close (an instantiation).
    /// A C block guarded by hand: its checkpoint and buffer.
    std::string Checkpoint, Buffer;
    /// A C function's label, at its end: where its gotos go.
    std::string Label;
  };

  std::uint8_t next() { return P < End ? *P++ : 0; }

  void line(const std::string &Text) {
    EndUnreachable = false;
    for (size_t I = 0; I < Scopes.size(); ++I)
      Out += M.Tabs ? "\t" : "  ";
    Out += Text;
    Out += EOL;
  }

  std::string fresh(const char *Prefix) {
    return Prefix + std::to_string(NextName++);
  }

  /// A visible int * variable that may be assigned, or "".
  std::string assignable() {
    std::vector<std::string> Names;
    for (size_t I = Scopes.size(); I-- > 0;) {
      Names.insert(Names.end(), Scopes[I].Vars.begin(), Scopes[I].Vars.end());
    }
    if (Names.empty())
      return "";
    return Names[next() % Names.size()];
  }

  /// A visible int * expression.
  std::string pointer() {
    std::vector<std::string> Exprs;
    for (size_t I = Scopes.size(); I-- > 0;) {
      Exprs.insert(Exprs.end(), Scopes[I].Vars.begin(), Scopes[I].Vars.end());
      Exprs.insert(Exprs.end(), Scopes[I].Exprs.begin(), Scopes[I].Exprs.end());
    }
    if (Exprs.empty())
      return "out";
    return Exprs[next() % Exprs.size()];
  }

  bool inLoop() const {
    for (size_t I = Scopes.size(); I-- > 0;) {
      if (Scopes[I].Loop)
        return true;
      if (Scopes[I].Function)
        return false;
    }
    return false;
  }

  size_t functionIndex() const {
    for (size_t I = Scopes.size(); I-- > 0;)
      if (Scopes[I].Function)
        return I;
    return 0;
  }

  const Scope &function() const { return Scopes[functionIndex()]; }

  /// The scope a break (or a continue) written here leaves.
  size_t jumpTarget(bool Continue) const {
    for (size_t I = Scopes.size(); I-- > 0;)
      if (Scopes[I].Loop || (!Continue && Scopes[I].Switch))
        return I;
    return 0;
  }

  /// Under bit 5, the guard of the annotated C block (or function) just
  /// opened: its first statement saves a checkpoint of \p Buffer.
  void guard(const std::string &Buffer) {
    if (!guardsEveryCBlock(M))
      return;
    std::string CP = fresh("cp");
    line("bumper_checkpoint " + CP + " = bumper_checkpoint_save(" + Buffer +
         ");");
    Scopes.back().Checkpoint = CP;
    Scopes.back().Buffer = Buffer;
  }

  /// The restores a way out of the scopes from the innermost to
  /// Scopes[Outermost] needs, innermost first.
  void restoreUpTo(size_t Outermost) {
    for (size_t I = Scopes.size(); I-- > Outermost;) {
      const Scope &S = Scopes[I];
      if (S.Checkpoint.empty())
        continue;
      if (breakKind() == "unrestored" && !DroppedRestore) {
        DroppedRestore = true;
        continue;
      }
      line("bumper_checkpoint_restore(" + S.Buffer + ", " + S.Checkpoint +
           ");");
    }
  }

  void open(const std::string &Text, Scope S) {
    line(Text);
    Scopes.push_back(std::move(S));
  }

  /// Writes a jump (a return, break, continue or goto): what follows it is
  /// not reached.
  void jump(const std::string &Text) {
    line(Text);
    EndUnreachable = true;
  }

  void close() {
    // A block whose '}' cannot be reached (it ends in a jump, in an endless
    // loop, or in a block or do-while that ends so) needs no restore there:
    // it is left out (docs/tool.md). The 'return 0;' added to a function is
    // a way out like any other.
    bool BodyEndUnreachable = EndUnreachable;
    bool AddsReturn = Scopes.back().Function && Scopes.size() == 1;
    if (AddsReturn && !Scopes.back().Label.empty())
      line(Scopes.back().Label + ":;");
    if (!Scopes.back().Checkpoint.empty() &&
        (AddsReturn || !BodyEndUnreachable))
      restoreUpTo(Scopes.size() - 1);
    Scope S = std::move(Scopes.back());
    if (AddsReturn)
      line(C ? "  return 0;" : "  return nullptr;");
    Scopes.pop_back();
    line(S.Close);
    if (!S.After.empty())
      line(S.After);
    // What follows the scope is reached only through its end, except after
    // a loop (by a break, or by its condition).
    if (S.Endless)
      EndUnreachable = !S.BrokenOut;
    else if (S.DoWhile)
      EndUnreachable = BodyEndUnreachable && !S.Continued && !S.BrokenOut;
    else if (S.Plain)
      EndUnreachable = BodyEndUnreachable;
  }

  void declare(const std::string &Init) {
    std::string Name = fresh("p");
    line("int *" + Name + " = " + Init + ";");
    Scopes.back().Vars.push_back(Name);
  }

  void prologue() {
    if (C) {
      for (const char *L :
           {"#include <bumper/bumper.h>", "#include <stddef.h>", "",
            "static int *g_ptr;", "struct Holder { int *p; };",
            "static struct Holder g_holder;",
            "static void keep(int *q) { g_ptr = q; }",
            "static int use(const int *q) { return q ? *q : 0; }",
            "#define NO_ESCAPE [[bumper::no_escape]]", ""})
        Out += std::string(L) + EOL;
      return;
    }
    for (const char *L :
         {"#include <bumper/bumper.hpp>",
          "#include <functional>",
          "#include <map>",
          "#include <span>",
          "#include <string_view>",
          "#include <vector>",
          "",
          "int *g_ptr;",
          "std::vector<int *> g_vec;",
          "std::map<int, std::span<int>> g_map;",
          "std::function<int()> g_fn;",
          "struct Holder {",
          "  int *p = nullptr;",
          "  std::span<int> s;",
          "  void keep(int *q) { p = q; }",
          "};",
          "Holder g_holder;",
          "void keep(int *q) { g_ptr = q; }",
          "int use(const int *q) { return q ? *q : 0; }",
          "BUMPER_ALLOCATOR int *make_ints(bumper::Buffer &buf, int n) {",
          "  return bumper::alloc<int>(buf, n).data();",
          "}",
          "#define NO_ESCAPE [[bumper::no_escape]]",
          "#define BLOCK(...) [[bumper::no_escape]] { __VA_ARGS__ }",
          ""})
      Out += std::string(L) + EOL;
  }

  void openFunction() {
    std::string Name = fresh("f");
    Scope S;
    S.Function = true;
    S.Close = "}";
    if (C)
      S.Label = fresh("done");
    const char *Params =
        C ? "(int n, int *out, struct Holder *h, bumper_buffer *buf)"
          : "(int n, int *out, int *&ref, Holder &h, bumper::Buffer &buf)";
    switch (C ? next() % 2 : next() % 4) {
    case 0:
      open("int *" + Name + Params + " {", std::move(S));
      break;
    case 1:
      open("[[bumper::no_escape]] int *" + Name + Params + " {", std::move(S));
      guard("bumper_default_buffer()");
      break;
    case 2:
      S.After = "template int *" + Name +
                "<long>(long, int, int *, int *&, Holder &, bumper::Buffer &);";
      open("template <class T> int *" + Name +
               "(T t, int n, int *out, int *&ref, Holder &h, bumper::Buffer "
               "&buf) {",
           std::move(S));
      break;
    default:
      // A member function: stores through 'this' outlive the block.
      S.Close = "} };";
      open("struct " + fresh("S") + " { int *m = nullptr; int *" + Name +
               Params + " {",
           std::move(S));
      Scopes.back().Vars.push_back("m");
      break;
    }
  }

  void openBlock(unsigned Choice) {
    Scope S;
    S.Close = "}";
    S.Plain = Choice <= 4 || (C && Choice > 9);
    switch (Choice) {
    case 0:
      open("[[bumper::no_escape]] {", std::move(S));
      return guard("bumper_default_buffer()");
    case 1:
      open("[[bumper::no_escape(buf)]] {", std::move(S));
      return guard("buf");
    case 2:
      open(C ? "NO_ESCAPE {"
             : "[[bumper::no_escape(bumper::default_buffer())]] {",
           std::move(S));
      return guard("bumper_default_buffer()");
    case 3:
      open("NO_ESCAPE {", std::move(S));
      return guard("bumper_default_buffer()");
    case 4:
      return open("{", std::move(S));
    case 5:
      return open("if (n > " + std::to_string(next() % 8) + ") {",
                  std::move(S));
    case 6:
      S.Loop = true;
      return open("for (int i = 0; i < n; ++i) {", std::move(S));
    case 7:
      S.Loop = S.DoWhile = true;
      S.Close = "} while (n-- > 0);";
      return open("do {", std::move(S));
    case 8:
      S.Switch = true;
      S.Close = "} default: break; }";
      return open("switch (n) { case 0: {", std::move(S));
    }
    if (C) {
      if (Choice == 9) {
        S.Loop = S.Endless = true;
        return open("for (;;) {", std::move(S));
      }
      open("[[bumper::no_escape]] {", std::move(S));
      return guard("bumper_default_buffer()");
    }
    switch (Choice) {
    case 9:
    case 10: {
      // A lambda returning int *, by reference and called, or by copy and
      // stored into a global std::function.
      std::string L = fresh("l");
      bool ByCopy = Choice == 10;
      S.Function = true;
      S.Close = "return nullptr; };";
      S.After = ByCopy ? "g_fn = [=]() mutable { return use(" + L + "()); };"
                       : "use(" + L + "());";
      return open("auto " + L + (ByCopy ? " = [=]() mutable" : " = [&]()") +
                      " -> int * {",
                  std::move(S));
    }
    case 11:
      S.Function = true;
      S.ReturnsPtr = false;
      S.Close = "});";
      return open("bumper::with_buffer(buf, [&] {", std::move(S));
    case 12:
      S.Close = "} catch (int *e) { g_ptr = e; }";
      return open("try {", std::move(S));
    default:
      // A lambda called where it is written.
      S.Function = true;
      S.ReturnsPtr = false;
      S.Close = "}();";
      return open("[&] {", std::move(S));
    }
  }

  std::string alloc() {
    if (C) {
      switch (next() % 3) {
      case 0:
        return "(int *)bumper_alloc(bumper_default_buffer(), n * sizeof(int), "
               "_Alignof(int))";
      case 1:
        return "(int *)bumper_alloc(buf, sizeof(int), 4)";
      default:
        return "g_holder.p";
      }
    }
    switch (next() % 6) {
    case 0:
      return "bumper::alloc<int>(n).data()";
    case 1:
      return "bumper::alloc<int>(buf, n + 1).data()";
    case 2:
      return "make_ints(buf, n)";
    case 3:
      return "static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)))";
    case 4:
      return M.Lang == Language::CXX20 ? "bumper::alloc<int>(n, 2).data()"
                                       : "bumper::alloc<int>(2).data()";
    default:
      return "&bumper::alloc<int>(n)[1]";
    }
  }

  void statement() {
    std::uint8_t Op = next();
    if (Op < 40) {
      if (Scopes.size() < 12)
        openBlock(Op % 14);
      return;
    }
    if (Op < 64) {
      if (Scopes.size() > 1 || Op < 44)
        close();
      return;
    }
    if (Op < 96) {
      declare(alloc());
      return;
    }
    std::string V = pointer();
    std::string Suffix = (next() % 16 == 0) ? " // NOLINT(bumper-escape)" : "";
    switch (Op % 32) {
    case 0:
      return declare(V + " + 1");
    case 1:
      return declare("&" + V + "[" + std::to_string(next() % 4) + "]");
    case 2:
      return declare(C ? "0" : "nullptr");
    case 3: {
      std::string A = assignable();
      if (!A.empty())
        line(A + " = " + V + ";" + Suffix);
      return;
    }
    case 4: {
      std::string A = assignable();
      if (!A.empty())
        line(A + (C ? " = 0;" : " = nullptr;"));
      return;
    }
    case 5:
      return line("g_ptr = " + V + ";" + Suffix);
    case 6:
      restoreUpTo(functionIndex());
      return jump(function().ReturnsPtr ? "return " + V + ";" + Suffix
                                        : std::string("return;"));
    case 7:
      return line(C ? "h->p = " + V + ";" + Suffix
                    : "h.p = " + V + ";" + Suffix);
    case 8:
      return line("keep(" + V + ");" + Suffix);
    case 9:
      return line("use(" + V + ");");
    case 10:
      return line("int " + fresh("x") + " = " + V + "[0];");
    case 11:
      return line(V + "[0] = n;");
    case 12:
      return line("g_holder.p = " + V + ";" + Suffix);
    case 13:
      return line(C ? "g_ptr = 0;" : "g_ptr = nullptr;");
    case 14:
      if (inLoop()) {
        bool Continue = next() % 2;
        size_t Target = jumpTarget(Continue);
        restoreUpTo(Target + 1);
        jump(Continue ? "continue;" : "break;");
        (Continue ? Scopes[Target].Continued : Scopes[Target].BrokenOut) = true;
      }
      return;
    case 15:
      return line("out[0] = *" + V + ";");
    }
    if (C) {
      switch (Op % 32) {
      case 16:
        return line("*out = " + V + "[n];");
      case 17:
        return line("bumper_checkpoint " + fresh("cp") +
                    " = bumper_checkpoint_save(bumper_default_buffer());");
      case 18: {
        // To the label at the function's end: out of every block between.
        size_t F = functionIndex();
        restoreUpTo(F + 1);
        return jump("goto " + Scopes[F].Label + ";");
      }
      default:
        return line("n += use(" + V + ");");
      }
    }
    switch (Op % 32) {
    case 16:
      return line("g_vec.push_back(" + V + ");" + Suffix);
    case 17:
      return line("g_map[n] = std::span<int>(" + V + ", 1);" + Suffix);
    case 18:
      return line("ref = " + V + ";" + Suffix);
    case 19:
      return line("h.keep(" + V + ");" + Suffix);
    case 20:
      return line("throw " + V + ";" + Suffix);
    case 21:
      return line("static int *" + fresh("st") + " = " + V + ";" + Suffix);
    case 22:
      return line("g_holder.s = std::span<int>(" + V + ", n);" + Suffix);
    case 23: {
      std::string A = assignable();
      if (!A.empty())
        line("g_fn = [=] { return use(" + A + "); };" + Suffix);
      return;
    }
    case 24:
      return line("std::vector<int> " + fresh("c") + "(" + V + ", " + V +
                  " + n);");
    case 25: {
      std::string S = fresh("s");
      line("std::span<int> " + S + " = bumper::alloc<int>(" +
           (next() % 2 ? "buf, " : "") + "n);");
      Scopes.back().Exprs.push_back("(" + S + ".data())");
      Scopes.back().Exprs.push_back("(&" + S + "[1])");
      return;
    }
    case 26:
      switch (next() % 4) {
      case 0:
        return line("bumper::NoEscape " + fresh("guard") + ";");
      case 1:
        return line("bumper::NoEscape " + fresh("guard") + "(buf);");
      default: {
        // The names the tool picks for its guards, taken.
        std::string Name = "bumper_guard_";
        if (unsigned K = next() % 3)
          Name += std::to_string(K) + "_";
        std::vector<std::string> &Vars = Scopes.back().Vars;
        if (std::find(Vars.begin(), Vars.end(), Name) == Vars.end()) {
          line("int *" + Name + " = out;");
          Vars.push_back(Name);
        }
        return;
      }
      }
    case 27:
      return line("BLOCK(int *" + fresh("b") + " = " + alloc() + "; use(b" +
                  std::to_string(NextName - 1) + ");)");
    case 28:
      return line("[[bumper::no_escape]] { use(" + V + "); }");
    case 29:
      return line("std::string_view " + fresh("v") +
                  "(reinterpret_cast<const char *>(" + V + "), 4);");
    case 30:
      return declare("std::move(" + V + ")");
    default:
      return line("/* { */ // }");
    }
  }

  const std::uint8_t *P, *End;
  const Mode &M;
  bool C;
  const char *EOL;
  std::string Out;
  std::vector<Scope> Scopes;
  unsigned NextName = 0;
  bool DroppedRestore = false; ///< TOOL_FUZZ_BREAK=unrestored did its harm.
  /// Control cannot reach the point after the last thing written (a sound
  /// under-approximation: a line written after a jump resets it).
  bool EndUnreachable = false;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  Mode M = decodeMode(Data[0]);
  std::string Code =
      M.Generate
          ? Generator(Data + 1, Size - 1, M).run()
          : std::string(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  checkRewrite(Code, M);
  return 0;
}
