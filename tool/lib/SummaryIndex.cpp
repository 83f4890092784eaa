//===- SummaryIndex.cpp - Function summaries as a JSON index --------------===//
//
// The summaries file: {"version": 1, "units": [{"file", "command", "inputs":
// {path: digest}, "functions": [{"usr", "name", "arity", "returns": [i],
// "params": [{"index", "global", "this", "through": [j], "where", "at"}],
// "forwards": [[param, usr, arg]]}]}]}.
// Only the parameters with an effect are written. "results": {file: ...}
// holds each checked file's findings for the next run (Runner.cpp).
//
//===----------------------------------------------------------------------===//

#include "bumper-tool/SummaryIndex.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace bumper {

void ParamEffect::addThrough(unsigned J) {
  auto *It = llvm::lower_bound(Through, J);
  if (It == Through.end() || *It != J)
    Through.insert(It, J);
}

bool Summary::join(const Summary &O) {
  bool Changed = false;
  if (Params.size() < O.Params.size())
    Params.resize(O.Params.size());
  for (size_t I = 0; I < O.Params.size(); ++I) {
    ParamEffect &P = Params[I];
    const ParamEffect &Q = O.Params[I];
    Changed |= (!P.Global && Q.Global) || (!P.This && Q.This);
    P.Global |= Q.Global;
    P.This |= Q.This;
    for (unsigned J : Q.Through)
      if (!P.keepsThrough(J)) {
        P.addThrough(J);
        Changed = true;
      }
    if (P.Where.empty())
      P.Where = Q.Where;
    if (P.At.empty())
      P.At = Q.At;
  }
  for (const Forward &F : O.Forwards)
    if (!llvm::is_contained(Forwards, F)) {
      Forwards.push_back(F);
      Changed = true;
    }
  if (Returns.size() < O.Returns.size())
    Returns.resize(O.Returns.size());
  for (int I = O.Returns.find_first(); I >= 0; I = O.Returns.find_next(I))
    if (!Returns.test(I)) {
      Returns.set(I);
      Changed = true;
    }
  return Changed;
}

void Summary::addForward(unsigned Param, llvm::StringRef USR, unsigned Arg) {
  Forward F{Param, USR.str(), Arg};
  if (!llvm::is_contained(Forwards, F))
    Forwards.push_back(std::move(F));
}

std::string contentDigest(llvm::StringRef Content) {
  return llvm::utohexstr(Content.size(), /*LowerCase=*/true) + "-" +
         llvm::utohexstr(llvm::xxh3_64bits(Content), /*LowerCase=*/true);
}

const FunctionSummary *SummaryIndex::lookup(llvm::StringRef USR) const {
  auto It = ByUSR.find(USR);
  if (It == ByUSR.end())
    return nullptr;
  auto U = Units.find(It->second.first);
  return U == Units.end() ? nullptr : &U->second.Functions[It->second.second];
}

/// resolved() of \p USR, with the functions being resolved in \p Visiting.
static std::optional<Summary> resolve(const SummaryIndex &Index,
                                      llvm::StringRef USR,
                                      llvm::StringSet<> &Visiting) {
  const FunctionSummary *F = Index.lookup(USR);
  if (!F)
    return std::nullopt;
  Summary S = F->S;
  if (S.Forwards.empty() || !Visiting.insert(USR).second)
    return S;
  for (const Forward &Fw : F->S.Forwards) {
    if (Fw.Param >= S.Params.size())
      continue;
    std::optional<Summary> Callee = resolve(Index, Fw.USR, Visiting);
    if (!Callee || Fw.Arg >= Callee->Params.size() ||
        !Callee->Params[Fw.Arg].Global)
      continue;
    ParamEffect &P = S.Params[Fw.Param];
    const ParamEffect &Q = Callee->Params[Fw.Arg];
    P.Global = true;
    if (P.Where.empty()) {
      P.Where = Q.Where;
      P.At = Q.At;
    }
  }
  Visiting.erase(USR);
  return S;
}

std::optional<Summary> SummaryIndex::resolved(llvm::StringRef USR) const {
  llvm::StringSet<> Visiting;
  return resolve(*this, USR, Visiting);
}

const UnitSummaries *SummaryIndex::unit(llvm::StringRef File) const {
  auto It = Units.find(File.str());
  return It == Units.end() ? nullptr : &It->second;
}

void SummaryIndex::setUnit(UnitSummaries U) {
  std::string File = U.File;
  auto [It, New] = Units.insert_or_assign(File, std::move(U));
  if (!New) {
    rebuildLookup(); // the unit's old functions may be gone
    return;
  }
  // A new unit: its functions win over those of units after it in path
  // order (a merge of thousands of units stays linear).
  const std::vector<FunctionSummary> &Fs = It->second.Functions;
  for (size_t I = 0; I < Fs.size(); ++I) {
    auto [E, Added] = ByUSR.try_emplace(Fs[I].USR, File, I);
    if (!Added && File < E->second.first)
      E->second = {File, I};
  }
}

void SummaryIndex::merge(const SummaryIndex &O) {
  for (const auto &[File, U] : O.Units)
    setUnit(U);
}

void SummaryIndex::rebuildLookup() {
  ByUSR.clear();
  // Units in path order: the first that defines a function gives its
  // summary, whatever order the units were summarised in.
  for (const auto &[File, U] : Units)
    for (size_t I = 0; I < U.Functions.size(); ++I)
      ByUSR.try_emplace(U.Functions[I].USR, File, I);
}

static llvm::json::Value summaryToJSON(const FunctionSummary &F) {
  llvm::json::Object O{
      {"usr", F.USR}, {"name", F.Name}, {"arity", int64_t(F.S.Params.size())}};
  llvm::json::Array Returns;
  for (int I = F.S.Returns.find_first(); I >= 0; I = F.S.Returns.find_next(I))
    Returns.push_back(I);
  if (!Returns.empty())
    O["returns"] = std::move(Returns);
  llvm::json::Array Params;
  for (size_t I = 0; I < F.S.Params.size(); ++I) {
    const ParamEffect &P = F.S.Params[I];
    if (!P.keeps())
      continue;
    llvm::json::Object E{{"index", int64_t(I)}};
    if (P.Global)
      E["global"] = true;
    if (P.This)
      E["this"] = true;
    if (!P.Through.empty()) {
      llvm::json::Array T;
      for (unsigned J : P.Through)
        T.push_back(int64_t(J));
      E["through"] = std::move(T);
    }
    if (!P.Where.empty())
      E["where"] = P.Where;
    if (!P.At.empty())
      E["at"] = P.At;
    Params.push_back(std::move(E));
  }
  if (!Params.empty())
    O["params"] = std::move(Params);
  llvm::json::Array Forwards;
  for (const Forward &Fw : F.S.Forwards)
    Forwards.push_back(
        llvm::json::Array{int64_t(Fw.Param), Fw.USR, int64_t(Fw.Arg)});
  if (!Forwards.empty())
    O["forwards"] = std::move(Forwards);
  return O;
}

llvm::json::Value SummaryIndex::toJSON() const {
  llvm::json::Array JUnits;
  for (const auto &[File, U] : Units) {
    llvm::json::Object Inputs;
    for (const auto &[Path, Digest] : U.Inputs)
      Inputs[Path] = Digest;
    llvm::json::Array Functions;
    for (const FunctionSummary &F : U.Functions)
      Functions.push_back(summaryToJSON(F));
    JUnits.push_back(llvm::json::Object{{"file", U.File},
                                        {"command", U.Command},
                                        {"inputs", std::move(Inputs)},
                                        {"functions", std::move(Functions)}});
  }
  llvm::json::Object Top{{"version", 1}, {"units", std::move(JUnits)}};
  if (!Results.empty()) {
    llvm::json::Object R;
    for (const auto &[File, O] : Results)
      R[File] = llvm::json::Object(O);
    Top["results"] = std::move(R);
  }
  return Top;
}

std::string SummaryIndex::summariesDigest() const {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  for (const auto &[File, U] : Units) {
    OS << File << '\n';
    for (const FunctionSummary &F : U.Functions)
      OS << llvm::json::Value(summaryToJSON(F)) << '\n';
  }
  return contentDigest(OS.str());
}

const llvm::json::Object *SummaryIndex::results(llvm::StringRef File) const {
  auto It = Results.find(File.str());
  return It == Results.end() ? nullptr : &It->second;
}

void SummaryIndex::setResults(llvm::StringRef File, llvm::json::Object R) {
  Results[File.str()] = std::move(R);
}

bool SummaryIndex::dropResults(llvm::StringRef File) {
  return Results.erase(File.str()) != 0;
}

namespace {

/// Reads one function; false (with \p Why set) when it is malformed.
bool functionFromJSON(const llvm::json::Object &O, FunctionSummary &F,
                      std::string &Why) {
  std::optional<llvm::StringRef> USR = O.getString("usr");
  std::optional<int64_t> Arity = O.getInteger("arity");
  if (!USR || !Arity || *Arity < 0 || *Arity > 100000) {
    Why = "a function needs \"usr\" and \"arity\"";
    return false;
  }
  F.USR = USR->str();
  F.Name = O.getString("name").value_or("").str();
  F.S.Params.resize(*Arity);
  F.S.Returns.resize(*Arity);
  auto Index = [&](const llvm::json::Value &V) -> std::optional<unsigned> {
    std::optional<int64_t> I = V.getAsInteger();
    if (!I || *I < 0 || *I >= *Arity)
      return std::nullopt;
    return unsigned(*I);
  };
  if (const llvm::json::Array *R = O.getArray("returns"))
    for (const llvm::json::Value &V : *R) {
      std::optional<unsigned> I = Index(V);
      if (!I) {
        Why = "a \"returns\" index is not a parameter of '" + F.Name + "'";
        return false;
      }
      F.S.Returns.set(*I);
    }
  if (const llvm::json::Array *Fs = O.getArray("forwards"))
    for (const llvm::json::Value &V : *Fs) {
      const llvm::json::Array *A = V.getAsArray();
      std::optional<unsigned> P =
          A && A->size() == 3 ? Index((*A)[0]) : std::nullopt;
      std::optional<llvm::StringRef> Callee =
          A && A->size() == 3 ? (*A)[1].getAsString() : std::nullopt;
      std::optional<int64_t> Arg =
          A && A->size() == 3 ? (*A)[2].getAsInteger() : std::nullopt;
      if (!P || !Callee || !Arg || *Arg < 0) {
        Why = "a \"forwards\" entry is not [parameter, usr, argument]";
        return false;
      }
      F.S.addForward(*P, *Callee, unsigned(*Arg));
    }
  if (const llvm::json::Array *Ps = O.getArray("params"))
    for (const llvm::json::Value &V : *Ps) {
      const llvm::json::Object *P = V.getAsObject();
      std::optional<unsigned> I =
          P && P->get("index") ? Index(*P->get("index")) : std::nullopt;
      if (!I) {
        Why = "a \"params\" entry has no valid \"index\"";
        return false;
      }
      ParamEffect &E = F.S.Params[*I];
      E.Global = P->getBoolean("global").value_or(false);
      E.This = P->getBoolean("this").value_or(false);
      E.Where = P->getString("where").value_or("").str();
      E.At = P->getString("at").value_or("").str();
      if (const llvm::json::Array *T = P->getArray("through"))
        for (const llvm::json::Value &J : *T) {
          std::optional<unsigned> K = Index(J);
          if (!K) {
            Why = "a \"through\" index is not a parameter of '" + F.Name + "'";
            return false;
          }
          E.addThrough(*K);
        }
    }
  return true;
}

} // namespace

llvm::Expected<SummaryIndex> SummaryIndex::parse(llvm::StringRef Text,
                                                 llvm::StringRef FileName) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the summaries file '" + FileName +
                                       "' cannot be read: " + Why);
  };
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V)
    return Fail(llvm::toString(V.takeError()));
  const llvm::json::Object *Top = V->getAsObject();
  if (!Top || Top->getInteger("version") != 1 || !Top->getArray("units"))
    return Fail("not a version 1 summaries file");
  SummaryIndex Index;
  for (const llvm::json::Value &JU : *Top->getArray("units")) {
    const llvm::json::Object *O = JU.getAsObject();
    std::optional<llvm::StringRef> File =
        O ? O->getString("file") : std::nullopt;
    if (!File)
      return Fail("a unit has no \"file\"");
    UnitSummaries U;
    U.File = File->str();
    U.Command = O->getString("command").value_or("").str();
    if (const llvm::json::Object *In = O->getObject("inputs"))
      for (const auto &[Path, Digest] : *In)
        if (std::optional<llvm::StringRef> D = Digest.getAsString())
          U.Inputs[Path.str()] = D->str();
    if (const llvm::json::Array *Fs = O->getArray("functions"))
      for (const llvm::json::Value &JF : *Fs) {
        const llvm::json::Object *FO = JF.getAsObject();
        FunctionSummary F;
        std::string Why = "a function is not an object";
        if (!FO || !functionFromJSON(*FO, F, Why))
          return Fail(Why);
        U.Functions.push_back(std::move(F));
      }
    Index.Units[U.File] = std::move(U);
  }
  // Stored findings that are not objects are dropped: the next check makes
  // them again.
  if (const llvm::json::Object *R = Top->getObject("results"))
    for (const auto &[File, V] : *R)
      if (const llvm::json::Object *O = V.getAsObject())
        Index.Results[File.str()] = *O;
  Index.rebuildLookup();
  return Index;
}

llvm::Expected<SummaryIndex> SummaryIndex::readFile(llvm::StringRef Path) {
  if (!llvm::sys::fs::exists(Path))
    return SummaryIndex();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(
        Buf.getError(), "the summaries file '" + Path +
                            "' cannot be read: " + Buf.getError().message());
  return parse((*Buf)->getBuffer(), Path);
}

llvm::Error SummaryIndex::writeFile(llvm::StringRef Path) const {
  llvm::json::Value V = toJSON();
  if (llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
        OS << llvm::formatv("{0:1}", V) << "\n";
        return llvm::Error::success();
      }))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the summaries file '" + Path +
            "' cannot be written: " + llvm::toString(std::move(E)));
  return llvm::Error::success();
}

} // namespace bumper
