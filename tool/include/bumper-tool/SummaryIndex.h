//===- SummaryIndex.h - Function summaries of the escape analysis -*- C++
//-*-===//
//
// What a function does with its parameters (keeps them, returns a value
// derived from them), as the escape analysis computes it from the function's
// body, and the index of those summaries for a whole program: keyed by USR
// (clang::index::generateUSRForDecl), so that a call in one translation unit
// finds the summary made from the body in another. The index is a JSON file
// (docs/diagnostics.md, "Summaries across files"); it needs no Clang header.
//
//===----------------------------------------------------------------------===//

#ifndef BUMPER_TOOL_SUMMARYINDEX_H
#define BUMPER_TOOL_SUMMARYINDEX_H

#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bumper {

/// What a function does with one of its parameters.
struct ParamEffect {
  bool Global = false; ///< stores it where it outlives the call
  bool This = false;   ///< stores it into *this
  /// Stores it through parameter j (sorted, unique); any number of
  /// parameters.
  llvm::SmallVector<unsigned, 2> Through;
  std::string Where; ///< for messages: where it is kept
  /// "file:line" of the statement that keeps it, for the note of a call
  /// from another translation unit.
  std::string At;

  bool keeps() const { return Global || This || !Through.empty(); }
  bool keepsThrough(unsigned J) const { return llvm::is_contained(Through, J); }
  void addThrough(unsigned J);
  bool operator==(const ParamEffect &O) const {
    return Global == O.Global && This == O.This && Through == O.Through;
  }
};

/// A parameter passed to a function whose body the unit does not have: the
/// index resolves it with that function's summary (SummaryIndex::resolved).
struct Forward {
  unsigned Param = 0; ///< this function's parameter
  std::string USR;    ///< the callee
  unsigned Arg = 0;   ///< the callee's parameter it is passed as
  bool operator==(const Forward &O) const {
    return Param == O.Param && USR == O.USR && Arg == O.Arg;
  }
};

struct Summary {
  llvm::SmallVector<ParamEffect, 4> Params;
  /// Parameters passed on to functions of other units (summaries made for
  /// the index only).
  std::vector<Forward> Forwards;
  /// Bit i: the result (or, for a reference result, what it refers to) may
  /// be derived from parameter i.
  llvm::SmallBitVector Returns;
  /// The summary is being computed: a call in its strongly connected
  /// component of the call graph sees the current approximation.
  bool InProgress = false;

  bool keepsAnything() const {
    for (const ParamEffect &P : Params)
      if (P.keeps())
        return true;
    return false;
  }
  /// Adds what \p O says (keeps and results); returns whether this changed.
  /// Where names are kept from the first summary that gave one.
  bool join(const Summary &O);
  void addForward(unsigned Param, llvm::StringRef USR, unsigned Arg);
  bool operator==(const Summary &O) const {
    return Params == O.Params && Returns == O.Returns && Forwards == O.Forwards;
  }
};

/// A function's summary, as the index holds it.
struct FunctionSummary {
  std::string USR;
  std::string Name; ///< qualified name, for people reading the file
  Summary S;
};

/// What the index knows of one translation unit.
struct UnitSummaries {
  /// The main file, absolute.
  std::string File;
  /// The unit's compile command, joined: a change of flags re-summarises.
  std::string Command;
  /// The digest (contentDigest()) of every file outside system headers the
  /// unit read, by absolute path: the unit is up to date while they hold.
  std::map<std::string, std::string> Inputs;
  /// The functions defined in the unit outside system headers.
  std::vector<FunctionSummary> Functions;
};

/// A short digest of a file's content (size and a 64-bit hash, in hex).
std::string contentDigest(llvm::StringRef Content);

/// Every unit's summaries, and the functions by USR.
class SummaryIndex {
public:
  /// The summary of the function with \p USR, or null. A function defined in
  /// several units (an inline function of a header) has the summary of the
  /// first unit in path order.
  const FunctionSummary *lookup(llvm::StringRef USR) const;
  /// The summary of \p USR with its forwards resolved: a parameter it passes
  /// to a function whose summary keeps that argument where it outlives the
  /// call is kept too (through any chain of units; a cycle adds nothing).
  /// Null when the index has no summary of \p USR.
  std::optional<Summary> resolved(llvm::StringRef USR) const;

  const UnitSummaries *unit(llvm::StringRef File) const;
  /// Adds \p U, replacing what the index had of its file.
  void setUnit(UnitSummaries U);
  /// Adds every unit of \p O (its units win over ours).
  void merge(const SummaryIndex &O);
  const std::map<std::string, UnitSummaries> &units() const { return Units; }
  bool empty() const { return Units.empty(); }

  /// A digest of every unit's function summaries: what a check that uses
  /// the index can see of it (not the units' commands or inputs).
  std::string summariesDigest() const;

  /// The findings a check of \p File stored for the next run to reuse
  /// (Runner.cpp gives them their meaning), or null.
  const llvm::json::Object *results(llvm::StringRef File) const;
  void setResults(llvm::StringRef File, llvm::json::Object R);
  /// Returns whether there were any.
  bool dropResults(llvm::StringRef File);

  llvm::json::Value toJSON() const;
  /// Parses the index from \p Text; errors name \p FileName.
  static llvm::Expected<SummaryIndex> parse(llvm::StringRef Text,
                                            llvm::StringRef FileName);
  /// Reads \p Path; a file that does not exist is an empty index.
  static llvm::Expected<SummaryIndex> readFile(llvm::StringRef Path);
  /// Writes \p Path atomically (a temporary file renamed over it).
  llvm::Error writeFile(llvm::StringRef Path) const;

private:
  void rebuildLookup();
  std::map<std::string, UnitSummaries> Units;
  /// File -> its stored findings ("results" in the file).
  std::map<std::string, llvm::json::Object> Results;
  /// USR -> (unit file, index in its Functions).
  llvm::StringMap<std::pair<std::string, size_t>> ByUSR;
};

} // namespace bumper

#endif // BUMPER_TOOL_SUMMARYINDEX_H
