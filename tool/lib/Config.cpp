//===- Config.cpp - .bumper.yaml, bumper-tool's configuration file --------===//
//
// llvm::yaml::IO with custom scalar types, so that a bad glob, regular
// expression or function name is reported at its own line and column, and
// yaml::Input's strict key checking, so that a misspelt key is an error
// rather than silently ignored.
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/Config.h"
#include "bumper-tool/CheckRegistry.h"
#include "bumper-tool/Paths.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

namespace bumper {
namespace {

/// The message of the last bad scalar: yaml::ScalarTraits::input returns a
/// StringRef, which must outlive the call.
thread_local std::string ScalarError;

struct GlobList {
  std::string Value;
};
struct RegexValue {
  std::string Value;
};
struct QualifiedName {
  std::string Value;
};
struct ArgGlob {
  std::string Value;
};
/// An argument index of a Functions entry (0: the first argument).
struct ArgIndex {
  unsigned Value = 0;
};
/// Keeps: `all`, or a list of argument indexes. A map is read into
/// BadKeeps, whose validation says what is wanted.
struct KeepsAllWord {
  bool All = false;
};
struct BadKeeps {};
struct KeepsSpec {
  bool IsAll = false;
  KeepsAllWord Word;
  std::vector<ArgIndex> Indexes;
  BadKeeps Bad;
};

/// One entry of Functions, as written.
struct RawFunction {
  std::optional<QualifiedName> Name;
  std::optional<bool> Copies;
  std::optional<bool> Reads;
  std::optional<KeepsSpec> Keeps;
  std::optional<ArgIndex> ReturnsView;
};

/// The names of the Functions entries parsed so far by parseConfig on this
/// thread: a name given twice is an error at its second entry.
thread_local llvm::StringSet<> FunctionNamesSeen;

/// CompileFlags: {Add: [...], Remove: [...]}, as clangd's .clangd has it.
struct RawCompileFlags {
  std::optional<std::vector<std::string>> Add;
  std::optional<std::vector<ArgGlob>> Remove;
};

/// What the file holds, as yaml::IO maps it.
struct RawConfig {
  std::optional<GlobList> Checks;
  std::optional<GlobList> WarningsAsErrors;
  std::optional<RegexValue> HeaderFilterRegex;
  std::optional<std::vector<QualifiedName>> Allocators;
  std::optional<std::vector<QualifiedName>> KeepsArgument;
  std::optional<std::vector<RawFunction>> Functions;
  std::optional<RawCompileFlags> CompileFlags;
};

/// What is wrong with the Functions entry \p F, or "".
std::string checkFunction(const RawFunction &F) {
  if (!F.Name)
    return "a Functions entry needs a Name (the function's qualified name)";
  bool Copies = F.Copies.value_or(false), Reads = F.Reads.value_or(false);
  if (!Copies && !Reads && !F.Keeps && !F.ReturnsView)
    return "the Functions entry of '" + F.Name->Value +
           "' says nothing: give Copies, Reads, Keeps or ReturnsView";
  if (Reads && (Copies || F.Keeps || F.ReturnsView))
    return "the Functions entry of '" + F.Name->Value +
           "': Reads (nothing kept, no result derived) cannot go with "
           "Copies, Keeps or ReturnsView";
  if (Copies && F.ReturnsView)
    return "the Functions entry of '" + F.Name->Value +
           "': its result cannot both own a copy (Copies) and point into an "
           "argument (ReturnsView)";
  if (F.Keeps && !F.Keeps->IsAll) {
    if (F.Keeps->Indexes.empty())
      return "the Functions entry of '" + F.Name->Value +
             "': Keeps is 'all' or a list of argument indexes, not empty";
    llvm::SmallVector<unsigned, 4> Seen;
    for (const ArgIndex &I : F.Keeps->Indexes) {
      if (llvm::is_contained(Seen, I.Value))
        return "the Functions entry of '" + F.Name->Value + "': argument " +
               std::to_string(I.Value) + " is listed twice in Keeps";
      Seen.push_back(I.Value);
    }
  }
  llvm::StringRef Key = llvm::StringRef(F.Name->Value).ltrim(':');
  if (!FunctionNamesSeen.insert(Key).second)
    return "'" + F.Name->Value + "' has two Functions entries";
  return "";
}

llvm::StringRef checkGlobList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Globs;
  List.split(Globs, ',');
  for (llvm::StringRef G : Globs) {
    G = G.trim();
    bool Negative = G.consume_front("-");
    (void)Negative;
    G = G.trim();
    if (G.empty())
      continue;
    auto Pattern = llvm::GlobPattern::create(G);
    if (!Pattern) {
      ScalarError =
          "bad glob '" + G.str() + "': " + llvm::toString(Pattern.takeError());
      return ScalarError;
    }
    if (G.contains('*') || G.contains('?') || G.contains('['))
      continue;
    if (!llvm::any_of(allChecks(),
                      [&](const CheckInfo &I) { return I.Name == G; })) {
      ScalarError = "unknown check '" + G.str() + "' (the checks:";
      for (const CheckInfo &I : allChecks())
        ScalarError += (&I == allChecks().begin() ? " " : ", ") + I.Name.str();
      ScalarError += ")";
      return ScalarError;
    }
  }
  return {};
}

bool isQualifiedName(llvm::StringRef S) {
  static const llvm::Regex Name(
      "^(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$");
  return Name.match(S);
}

} // namespace
} // namespace bumper

namespace llvm {
namespace yaml {

template <> struct ScalarTraits<bumper::GlobList> {
  static void output(const bumper::GlobList &V, void *, raw_ostream &OS) {
    OS << V.Value;
  }
  static StringRef input(StringRef S, void *, bumper::GlobList &V) {
    V.Value = S.str();
    return bumper::checkGlobList(S);
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::Single; }
};

template <> struct ScalarTraits<bumper::RegexValue> {
  static void output(const bumper::RegexValue &V, void *, raw_ostream &OS) {
    OS << V.Value;
  }
  static StringRef input(StringRef S, void *, bumper::RegexValue &V) {
    V.Value = S.str();
    std::string Err;
    if (!Regex(S).isValid(Err)) {
      bumper::ScalarError = "bad regular expression '" + S.str() + "': " + Err;
      return bumper::ScalarError;
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::Single; }
};

template <> struct ScalarTraits<bumper::QualifiedName> {
  static void output(const bumper::QualifiedName &V, void *, raw_ostream &OS) {
    OS << V.Value;
  }
  static StringRef input(StringRef S, void *, bumper::QualifiedName &V) {
    V.Value = S.str();
    if (!bumper::isQualifiedName(S)) {
      bumper::ScalarError = "'" + S.str() +
                            "' is not a qualified function name (like "
                            "thirdparty::arena_alloc)";
      return bumper::ScalarError;
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct ScalarTraits<bumper::ArgGlob> {
  static void output(const bumper::ArgGlob &V, void *, raw_ostream &OS) {
    OS << V.Value;
  }
  static StringRef input(StringRef S, void *, bumper::ArgGlob &V) {
    V.Value = S.str();
    if (auto Pattern = GlobPattern::create(S); !Pattern) {
      bumper::ScalarError =
          "bad glob '" + S.str() + "': " + toString(Pattern.takeError());
      return bumper::ScalarError;
    }
    if (S.empty()) {
      bumper::ScalarError = "an empty glob removes nothing";
      return bumper::ScalarError;
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::Single; }
};

/// Indexes are small: a function has at most this many parameters here.
template <> struct ScalarTraits<bumper::ArgIndex> {
  static void output(const bumper::ArgIndex &V, void *, raw_ostream &OS) {
    OS << V.Value;
  }
  static StringRef input(StringRef S, void *, bumper::ArgIndex &V) {
    unsigned long long N = 0;
    if (S.getAsInteger(10, N) || N > 255) {
      bumper::ScalarError = "'" + S.str() +
                            "' is not an argument index (0 for the first "
                            "argument, not counting a member call's object)";
      return bumper::ScalarError;
    }
    V.Value = unsigned(N);
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct ScalarTraits<bumper::KeepsAllWord> {
  static void output(const bumper::KeepsAllWord &, void *, raw_ostream &OS) {
    OS << "all";
  }
  static StringRef input(StringRef S, void *, bumper::KeepsAllWord &V) {
    V.All = S == "all";
    if (!V.All) {
      bumper::ScalarError = "Keeps is 'all' or a list of argument indexes "
                            "([0, 2]), not '" +
                            S.str() + "'";
      return bumper::ScalarError;
    }
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct MappingTraits<bumper::BadKeeps> {
  static void mapping(IO &, bumper::BadKeeps &) {}
  static std::string validate(IO &, bumper::BadKeeps &) {
    return "Keeps is 'all' or a list of argument indexes ([0, 2]), not a map";
  }
};

template <> struct PolymorphicTraits<bumper::KeepsSpec> {
  static NodeKind getKind(const bumper::KeepsSpec &K) {
    return K.IsAll ? NodeKind::Scalar : NodeKind::Sequence;
  }
  static bumper::KeepsAllWord &getAsScalar(bumper::KeepsSpec &K) {
    K.IsAll = true;
    return K.Word;
  }
  static std::vector<bumper::ArgIndex> &getAsSequence(bumper::KeepsSpec &K) {
    K.IsAll = false;
    return K.Indexes;
  }
  static bumper::BadKeeps &getAsMap(bumper::KeepsSpec &K) { return K.Bad; }
};

template <> struct MappingTraits<bumper::RawFunction> {
  static void mapping(IO &IO, bumper::RawFunction &F) {
    IO.mapOptional("Name", F.Name);
    IO.mapOptional("Copies", F.Copies);
    IO.mapOptional("Reads", F.Reads);
    IO.mapOptional("Keeps", F.Keeps);
    IO.mapOptional("ReturnsView", F.ReturnsView);
  }
  static std::string validate(IO &IO, bumper::RawFunction &F) {
    if (IO.outputting())
      return "";
    // An error already reported (a bad index), or an unknown key that
    // yaml::Input reports after this, says more than a check of what was
    // read.
    if (static_cast<Input &>(IO).error())
      return "";
    for (StringRef K : IO.keys())
      if (!is_contained({"Name", "Copies", "Reads", "Keeps", "ReturnsView"}, K))
        return "";
    return bumper::checkFunction(F);
  }
};

template <> struct MappingTraits<bumper::RawCompileFlags> {
  static void mapping(IO &IO, bumper::RawCompileFlags &F) {
    IO.mapOptional("Add", F.Add);
    IO.mapOptional("Remove", F.Remove);
  }
};

template <> struct MappingTraits<bumper::RawConfig> {
  static void mapping(IO &IO, bumper::RawConfig &C) {
    IO.mapOptional("Checks", C.Checks);
    IO.mapOptional("WarningsAsErrors", C.WarningsAsErrors);
    IO.mapOptional("HeaderFilterRegex", C.HeaderFilterRegex);
    IO.mapOptional("Allocators", C.Allocators);
    IO.mapOptional("KeepsArgument", C.KeepsArgument);
    IO.mapOptional("Functions", C.Functions);
    IO.mapOptional("CompileFlags", C.CompileFlags);
  }
};

} // namespace yaml
} // namespace llvm

LLVM_YAML_IS_SEQUENCE_VECTOR(bumper::QualifiedName)
LLVM_YAML_IS_SEQUENCE_VECTOR(bumper::ArgGlob)
LLVM_YAML_IS_FLOW_SEQUENCE_VECTOR(bumper::ArgIndex)
LLVM_YAML_IS_SEQUENCE_VECTOR(bumper::RawFunction)

namespace bumper {

static std::vector<std::string>
names(const std::optional<std::vector<QualifiedName>> &V) {
  std::vector<std::string> Out;
  if (V)
    for (const QualifiedName &N : *V)
      Out.push_back(N.Value);
  return Out;
}

Config defaultConfig() {
  Config C;
  C.Checks = "bumper-*";
  C.WarningsAsErrors = "";
  C.HeaderFilterRegex = "";
  C.Allocators.emplace();
  C.KeepsArgument.emplace();
  C.Functions.emplace();
  C.CompileFlagsAdd.emplace();
  C.CompileFlagsRemove.emplace();
  return C;
}

static void collectDiagnostic(const llvm::SMDiagnostic &D, void *Ctx) {
  llvm::raw_string_ostream OS(*static_cast<std::string *>(Ctx));
  D.print(nullptr, OS, /*ShowColors=*/false);
}

llvm::Expected<Config> parseConfig(llvm::StringRef Text,
                                   llvm::StringRef FileName) {
  std::string Diags;
  RawConfig Raw;
  FunctionNamesSeen.clear();
  llvm::yaml::Input In(llvm::MemoryBufferRef(Text, FileName), nullptr,
                       collectDiagnostic, &Diags);
  In >> Raw;
  if (In.error() || !Diags.empty()) {
    if (Diags.empty())
      Diags = (FileName + ": error: not a valid configuration file\n").str();
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   llvm::StringRef(Diags).rtrim());
  }
  Config C;
  C.File = FileName.str();
  if (Raw.Checks)
    C.Checks = Raw.Checks->Value;
  if (Raw.WarningsAsErrors)
    C.WarningsAsErrors = Raw.WarningsAsErrors->Value;
  if (Raw.HeaderFilterRegex)
    C.HeaderFilterRegex = Raw.HeaderFilterRegex->Value;
  if (Raw.Allocators)
    C.Allocators = names(Raw.Allocators);
  if (Raw.KeepsArgument)
    C.KeepsArgument = names(Raw.KeepsArgument);
  if (Raw.Functions) {
    C.Functions.emplace();
    for (const RawFunction &R : *Raw.Functions) {
      FunctionModel M;
      M.Name = R.Name->Value;
      M.Copies = R.Copies.value_or(false);
      M.Reads = R.Reads.value_or(false);
      if (R.Keeps) {
        M.KeepsAll = R.Keeps->IsAll;
        for (const ArgIndex &I : R.Keeps->Indexes)
          M.Keeps.push_back(I.Value);
      }
      if (R.ReturnsView)
        M.ReturnsView = R.ReturnsView->Value;
      C.Functions->push_back(std::move(M));
    }
  }
  if (Raw.CompileFlags) {
    if (Raw.CompileFlags->Add)
      C.CompileFlagsAdd = *Raw.CompileFlags->Add;
    if (Raw.CompileFlags->Remove) {
      C.CompileFlagsRemove.emplace();
      for (const ArgGlob &G : *Raw.CompileFlags->Remove)
        C.CompileFlagsRemove->push_back(G.Value);
    }
  }
  return C;
}

llvm::Expected<Config> readConfigFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(
        Buf.getError(), "cannot read the configuration file '%s': %s",
        Path.str().c_str(), Buf.getError().message().c_str());
  return parseConfig((*Buf)->getBuffer(), Path);
}

std::string findConfigFile(llvm::StringRef Dir) {
  std::string D = absolutePath(Dir);
  for (llvm::StringRef P = D; !P.empty(); P = llvm::sys::path::parent_path(P)) {
    llvm::SmallString<256> Candidate(P);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
  }
  return "";
}

llvm::Expected<Config> configForSource(llvm::StringRef Source,
                                       llvm::StringRef ExplicitFile) {
  return ConfigCache(ExplicitFile.str()).forSource(Source);
}

llvm::Expected<Config> ConfigCache::forSource(llvm::StringRef Source) {
  std::string Path = ExplicitFile;
  if (Path.empty()) {
    llvm::SmallString<256> Dir(absolutePath(Source));
    if (!llvm::sys::fs::is_directory(Dir))
      llvm::sys::path::remove_filename(Dir);
    Path = findConfigFile(Dir);
  }
  if (Path.empty())
    return defaultConfig();
  if (auto It = ByFile.find(Path); It != ByFile.end())
    return It->second;
  llvm::Expected<Config> C = readConfigFile(Path);
  if (C)
    ByFile[Path] = *C;
  return C;
}

EscapeOptions escapeOptions(const Config &C) {
  return {C.Allocators.value_or(std::vector<std::string>()),
          C.KeepsArgument.value_or(std::vector<std::string>()),
          C.Functions.value_or(std::vector<FunctionModel>())};
}

std::string dumpConfig(const Config &C) {
  Config D = defaultConfig();
  RawConfig Raw;
  Raw.Checks = GlobList{C.Checks.value_or(*D.Checks)};
  Raw.WarningsAsErrors =
      GlobList{C.WarningsAsErrors.value_or(*D.WarningsAsErrors)};
  Raw.HeaderFilterRegex =
      RegexValue{C.HeaderFilterRegex.value_or(*D.HeaderFilterRegex)};
  Raw.Allocators.emplace();
  for (const std::string &N : C.Allocators.value_or(*D.Allocators))
    Raw.Allocators->push_back({N});
  Raw.KeepsArgument.emplace();
  for (const std::string &N : C.KeepsArgument.value_or(*D.KeepsArgument))
    Raw.KeepsArgument->push_back({N});
  Raw.Functions.emplace();
  for (const FunctionModel &M : C.Functions.value_or(*D.Functions)) {
    RawFunction R;
    R.Name = QualifiedName{M.Name};
    if (M.Copies)
      R.Copies = true;
    if (M.Reads)
      R.Reads = true;
    if (M.KeepsAll || !M.Keeps.empty()) {
      R.Keeps.emplace();
      R.Keeps->IsAll = M.KeepsAll;
      for (unsigned I : M.Keeps)
        R.Keeps->Indexes.push_back({I});
    }
    if (M.ReturnsView)
      R.ReturnsView = ArgIndex{*M.ReturnsView};
    Raw.Functions->push_back(std::move(R));
  }
  Raw.CompileFlags.emplace();
  Raw.CompileFlags->Add = C.CompileFlagsAdd.value_or(*D.CompileFlagsAdd);
  Raw.CompileFlags->Remove.emplace();
  for (const std::string &G :
       C.CompileFlagsRemove.value_or(*D.CompileFlagsRemove))
    Raw.CompileFlags->Remove->push_back({G});
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::yaml::Output YOut(OS);
  YOut << Raw;
  OS.flush();
  if (!Out.empty() && Out.back() != '\n')
    Out += '\n';
  return Out;
}

bool globListMatches(llvm::StringRef List, llvm::StringRef Check) {
  bool Enabled = false;
  llvm::SmallVector<llvm::StringRef, 8> Globs;
  List.split(Globs, ',');
  for (llvm::StringRef G : Globs) {
    G = G.trim();
    bool Positive = !G.consume_front("-");
    G = G.trim();
    if (G.empty())
      continue;
    auto Pattern = llvm::GlobPattern::create(G);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      continue;
    }
    if (Pattern->match(Check))
      Enabled = Positive;
  }
  return Enabled;
}

} // namespace bumper
