//===- SummaryIndexTest.cpp - The summaries file --------------------------===//

#include "bumper-tool/SummaryIndex.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

using namespace bumper;

namespace {

UnitSummaries unitWithKeeper(llvm::StringRef File, unsigned Arity) {
  UnitSummaries U;
  U.File = File.str();
  U.Command = "clang++ -c " + File.str();
  U.Inputs[File.str()] = contentDigest("int x;");
  FunctionSummary F;
  F.USR = "c:@F@keep#*1I#";
  F.Name = "keep";
  F.S.Params.resize(Arity);
  F.S.Returns.resize(Arity);
  F.S.Params[0].Global = true;
  F.S.Params[0].Where = "g_kept";
  F.S.Params[Arity - 1].addThrough(Arity - 2); // beyond 32 bits
  F.S.Returns.set(Arity - 1);
  U.Functions.push_back(F);
  return U;
}

TEST(SummaryIndex, RoundTripsThroughJSON) {
  SummaryIndex I;
  I.setUnit(unitWithKeeper("/p/b.cpp", 40));
  std::string Text;
  llvm::raw_string_ostream(Text) << I.toJSON();
  llvm::Expected<SummaryIndex> Back = SummaryIndex::parse(Text, "s.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  const FunctionSummary *F = Back->lookup("c:@F@keep#*1I#");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Name, "keep");
  ASSERT_EQ(F->S.Params.size(), 40u);
  EXPECT_TRUE(F->S.Params[0].Global);
  EXPECT_EQ(F->S.Params[0].Where, "g_kept");
  EXPECT_TRUE(F->S.Params[39].keepsThrough(38));
  EXPECT_FALSE(F->S.Params[1].keeps());
  EXPECT_TRUE(F->S.Returns.test(39));
  EXPECT_EQ(F->S.Returns.count(), 1u);
  EXPECT_EQ(Back->unit("/p/b.cpp")->Inputs.at("/p/b.cpp"),
            contentDigest("int x;"));
}

// A file's stored findings (Runner.cpp's "results") survive the file, and
// go with dropResults().
TEST(SummaryIndex, StoredResultsRoundTrip) {
  SummaryIndex I;
  I.setUnit(unitWithKeeper("/p/b.cpp", 2));
  I.setResults("/p/b.cpp", llvm::json::Object{{"key", "k1"}, {"text", "t"}});
  std::string Text;
  llvm::raw_string_ostream(Text) << I.toJSON();
  llvm::Expected<SummaryIndex> Back = SummaryIndex::parse(Text, "s.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  const llvm::json::Object *R = Back->results("/p/b.cpp");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->getString("key"), "k1");
  EXPECT_EQ(Back->results("/p/a.cpp"), nullptr);
  EXPECT_TRUE(Back->dropResults("/p/b.cpp"));
  EXPECT_FALSE(Back->dropResults("/p/b.cpp"));
  EXPECT_EQ(Back->results("/p/b.cpp"), nullptr);
}

// The digest a check with annotations depends on follows the functions'
// summaries, not a unit's inputs or command.
TEST(SummaryIndex, SummariesDigestFollowsFunctionsOnly) {
  SummaryIndex I;
  I.setUnit(unitWithKeeper("/p/b.cpp", 2));
  std::string Before = I.summariesDigest();
  UnitSummaries U = unitWithKeeper("/p/b.cpp", 2);
  U.Inputs["/p/b.cpp"] = contentDigest("int x; // changed");
  U.Command += " -O2";
  I.setUnit(U);
  EXPECT_EQ(I.summariesDigest(), Before);
  U.Functions[0].S.Params[0].Global = false;
  I.setUnit(U);
  EXPECT_NE(I.summariesDigest(), Before);
}

TEST(SummaryIndex, FirstUnitInPathOrderDefinesAFunction) {
  SummaryIndex I;
  UnitSummaries B = unitWithKeeper("/p/b.cpp", 2);
  UnitSummaries A = unitWithKeeper("/p/a.cpp", 2);
  A.Functions[0].S.Params[0].Where = "from_a";
  I.setUnit(B);
  I.setUnit(A);
  EXPECT_EQ(I.lookup("c:@F@keep#*1I#")->S.Params[0].Where, "from_a");
  SummaryIndex J;
  J.setUnit(A);
  J.setUnit(B);
  EXPECT_EQ(J.lookup("c:@F@keep#*1I#")->S.Params[0].Where, "from_a");
  // Replacing a unit replaces its functions.
  A.Functions.clear();
  I.setUnit(A);
  EXPECT_EQ(I.lookup("c:@F@keep#*1I#")->S.Params[0].Where, "g_kept");
}

TEST(SummaryIndex, MalformedFilesAreErrorsNamingTheFile) {
  for (const char *Bad :
       {"not json", "{\"version\": 2, \"units\": []}",
        "{\"version\": 1, \"units\": [{\"functions\": []}]}",
        "{\"version\": 1, \"units\": [{\"file\": \"a\", \"functions\": "
        "[{\"usr\": \"u\", \"arity\": 1, \"returns\": [3]}]}]}"}) {
    llvm::Expected<SummaryIndex> I = SummaryIndex::parse(Bad, "s.json");
    ASSERT_FALSE(bool(I)) << Bad;
    EXPECT_NE(llvm::toString(I.takeError()).find("'s.json'"),
              std::string::npos);
  }
}

TEST(SummaryIndex, JoinOnlyGrows) {
  Summary A, B;
  A.Params.resize(2);
  A.Returns.resize(2);
  B = A;
  B.Params[1].addThrough(0);
  B.Returns.set(0);
  EXPECT_TRUE(A.join(B));
  EXPECT_TRUE(A.Params[1].keepsThrough(0));
  EXPECT_TRUE(A.Returns.test(0));
  EXPECT_FALSE(A.join(B));
}

TEST(SummaryIndex, WritesAndReadsAFile) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("summaries", Dir));
  llvm::SmallString<128> Path(Dir);
  llvm::sys::path::append(Path, "bumper-summaries.json");
  llvm::Expected<SummaryIndex> Missing = SummaryIndex::readFile(Path);
  ASSERT_TRUE(bool(Missing));
  EXPECT_TRUE(Missing->empty());
  SummaryIndex I;
  I.setUnit(unitWithKeeper("/p/b.cpp", 3));
  ASSERT_FALSE(bool(I.writeFile(Path)));
  llvm::Expected<SummaryIndex> Back = SummaryIndex::readFile(Path);
  ASSERT_TRUE(bool(Back));
  EXPECT_NE(Back->lookup("c:@F@keep#*1I#"), nullptr);
  llvm::sys::fs::remove_directories(Dir);
}

} // namespace

namespace {

TEST(SummaryIndex, ForwardsAreResolvedThroughUnits) {
  // b(p) passes p to c(q), which keeps q; c2 forwards to b and back (a cycle).
  auto Unit = [](llvm::StringRef File, llvm::StringRef USR) {
    UnitSummaries U;
    U.File = File.str();
    FunctionSummary F;
    F.USR = USR.str();
    F.Name = USR.str();
    F.S.Params.resize(1);
    F.S.Returns.resize(1);
    U.Functions.push_back(F);
    return U;
  };
  UnitSummaries B = Unit("/p/b.cpp", "b"), C = Unit("/p/c.cpp", "c"),
                D = Unit("/p/d.cpp", "d");
  B.Functions[0].S.addForward(0, "c", 0);
  C.Functions[0].S.Params[0].Global = true;
  C.Functions[0].S.Params[0].Where = "g";
  C.Functions[0].S.Params[0].At = "/p/c.cpp:3";
  D.Functions[0].S.addForward(0, "d", 0);
  SummaryIndex I;
  I.setUnit(B);
  I.setUnit(C);
  I.setUnit(D);
  std::string Text;
  llvm::raw_string_ostream(Text) << I.toJSON();
  llvm::Expected<SummaryIndex> Back = SummaryIndex::parse(Text, "s.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  std::optional<Summary> S = Back->resolved("b");
  ASSERT_TRUE(S.has_value());
  EXPECT_TRUE(S->Params[0].Global);
  EXPECT_EQ(S->Params[0].Where, "g");
  EXPECT_EQ(S->Params[0].At, "/p/c.cpp:3");
  std::optional<Summary> Cycle = Back->resolved("d");
  ASSERT_TRUE(Cycle.has_value());
  EXPECT_FALSE(Cycle->Params[0].keeps());
  EXPECT_FALSE(Back->resolved("nowhere").has_value());
}

} // namespace
