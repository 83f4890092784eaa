//===- Config.h - .bumper.yaml, the configuration file ----------*- C++ -*-===//
//
// Found upward from each source like .clang-tidy (the nearest file wins), or
// given with --config-file. Keys (docs/ci.md has the reference):
//
//   Checks: 'bumper-*,-bumper-unscoped-alloc'  # which checks report
//   WarningsAsErrors: 'bumper-missing-guard'   # which warnings are errors
//   HeaderFilterRegex: 'src/.*\.h$'            # as --header-filter
//   Allocators: [thirdparty::arena_alloc]      # extra BUMPER_ALLOCATORs
//   KeepsArgument: [registry::remember]        # functions that keep an
//                                              # argument
//   Functions:                                 # what third-party functions
//     - {Name: ZSTD_createCDict, Copies: true} # do with their arguments
//     - {Name: registry::remember, Keeps: [0]}
//   CompileFlags: {Add: [-DX], Remove: [-f*]}  # change each compile command
//
// Parsed with llvm::yaml::IO, strictly: an unknown key or a bad value is an
// error at its line and column. No Clang headers.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_CONFIG_H
#define BUMPER_TOOL_CONFIG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bumper {

/// One entry of .bumper.yaml's Functions: what a call to a function does with
/// the arena pointers it is given, for a function whose body the analysis
/// cannot see (a third-party library). Argument indexes count the call's
/// arguments from 0, the object of a member call not included.
struct FunctionModel {
  /// Qualified, as in Allocators ("lib::f"; a leading "::" is allowed).
  std::string Name;
  /// The result owns a copy: it is not derived from the arguments.
  bool Copies = false;
  /// Only reads its arguments: nothing kept, no result derived from them.
  bool Reads = false;
  /// Keeps every argument past the call (KeepsArgument's meaning).
  bool KeepsAll = false;
  /// The arguments it keeps past the call.
  std::vector<unsigned> Keeps;
  /// The result points into this argument (and no other), like strchr's.
  std::optional<unsigned> ReturnsView;
  bool operator==(const FunctionModel &O) const {
    return Name == O.Name && Copies == O.Copies && Reads == O.Reads &&
           KeepsAll == O.KeepsAll && Keeps == O.Keeps &&
           ReturnsView == O.ReturnsView;
  }
};

/// The name bumper-tool looks for in each folder above a source.
inline constexpr const char *ConfigFileName = ".bumper.yaml";

struct Config {
  /// A clang-tidy-style glob list: "bumper-*,-bumper-unscoped-alloc". The
  /// last glob that matches a check decides; '-' turns it off.
  std::optional<std::string> Checks;
  /// A glob list of checks whose warnings are errors.
  std::optional<std::string> WarningsAsErrors;
  /// As --header-filter (which wins when given).
  std::optional<std::string> HeaderFilterRegex;
  /// Qualified names of functions to treat as BUMPER_ALLOCATOR.
  std::optional<std::vector<std::string>> Allocators;
  /// Qualified names of functions that keep (store) their arguments.
  std::optional<std::vector<std::string>> KeepsArgument;
  /// What named functions do with their arguments.
  std::optional<std::vector<FunctionModel>> Functions;
  /// CompileFlags.Add: arguments appended to each compile command.
  std::optional<std::vector<std::string>> CompileFlagsAdd;
  /// CompileFlags.Remove: globs of arguments dropped from each compile
  /// command, with their values (CompileFlags.h).
  std::optional<std::vector<std::string>> CompileFlagsRemove;
  /// The file it came from; "" for the defaults.
  std::string File;
};

/// Functions named by the configuration for code that cannot carry
/// annotations: third-party allocators, functions that keep their
/// arguments, and what other functions do with theirs. Names are qualified
/// ("lib::arena_alloc"; a leading "::" is allowed) and match every overload.
class SummaryIndex;

struct EscapeOptions {
  /// Treated like BUMPER_ALLOCATOR functions: each call is a source.
  std::vector<std::string> Allocators;
  /// Keep every argument past the call, like a function that stores its
  /// parameter into a global. Shorthand for a Functions entry with
  /// Keeps: all (a name in both keeps all its arguments).
  std::vector<std::string> KeepsArgument;
  /// Described one by one: these win over the analysis's own rules.
  std::vector<FunctionModel> Functions;
  /// The summaries of the other translation units (SummaryIndex.h): a call
  /// to a function with no body here uses its summary. Not owned; may be
  /// null. Not part of the configuration file.
  const SummaryIndex *Summaries = nullptr;
};

/// The escape analysis's part of \p C, as every front end applies it.
EscapeOptions escapeOptions(const Config &C);

/// The configuration with no file: every check on, no warning an error.
Config defaultConfig();

/// Parses \p Text, the content of \p FileName. An unknown key, a value of the
/// wrong kind, a bad glob or regular expression, or a name that is not a
/// qualified identifier is an error whose message starts with
/// "<FileName>:<line>:<col>: error: ".
llvm::Expected<Config> parseConfig(llvm::StringRef Text,
                                   llvm::StringRef FileName);

/// Reads and parses \p Path.
llvm::Expected<Config> readConfigFile(llvm::StringRef Path);

/// The configuration of \p Source: \p ExplicitFile if given, else the
/// nearest .bumper.yaml above the source's folder, else the defaults.
llvm::Expected<Config> configForSource(llvm::StringRef Source,
                                       llvm::StringRef ExplicitFile = "");

/// configForSource() for many sources: each file is read once.
class ConfigCache {
public:
  explicit ConfigCache(std::string ExplicitFile = "")
      : ExplicitFile(std::move(ExplicitFile)) {}
  /// \p Source may be a file or a folder (its own configuration).
  llvm::Expected<Config> forSource(llvm::StringRef Source);

private:
  std::string ExplicitFile;
  std::map<std::string, Config> ByFile;
};

/// The nearest .bumper.yaml in \p Dir or a folder above it; "" if none.
std::string findConfigFile(llvm::StringRef Dir);

/// \p C with every key set (defaults filled in), as YAML.
std::string dumpConfig(const Config &C);

/// Does the glob list \p List (clang-tidy syntax) enable \p Check?
bool globListMatches(llvm::StringRef List, llvm::StringRef Check);

} // namespace bumper

#endif // BUMPER_TOOL_CONFIG_H
