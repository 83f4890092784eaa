//===- ConfigTest.cpp - .bumper.yaml parsing and printing -----------------===//

#include "bumper-tool/Config.h"
#include "gtest/gtest.h"

using namespace bumper;

namespace {

/// The message of the error \p C holds; "" (and a test failure) if it is a
/// configuration.
std::string errorOf(llvm::Expected<Config> C) {
  if (C) {
    ADD_FAILURE() << "expected an error, got a configuration";
    return "";
  }
  return llvm::toString(C.takeError());
}

TEST(ConfigTest, DefaultsTurnEveryCheckOnAndNoWarningIntoAnError) {
  Config C = defaultConfig();
  EXPECT_EQ(C.Checks, "bumper-*");
  EXPECT_EQ(C.WarningsAsErrors, "");
  EXPECT_EQ(C.HeaderFilterRegex, "");
  ASSERT_TRUE(C.Allocators);
  EXPECT_TRUE(C.Allocators->empty());
  ASSERT_TRUE(C.KeepsArgument);
  EXPECT_TRUE(C.KeepsArgument->empty());
  EXPECT_EQ(C.File, "");
}

TEST(ConfigTest, ParsesEveryKey) {
  llvm::Expected<Config> C =
      parseConfig("Checks: 'bumper-*,-bumper-unscoped-alloc'\n"
                  "WarningsAsErrors: 'bumper-missing-guard'\n"
                  "HeaderFilterRegex: 'src/.*\\.h$'\n"
                  "Allocators: [thirdparty::arena_alloc, ::pool::get]\n"
                  "KeepsArgument:\n"
                  "  - registry::remember\n",
                  "dir/.bumper.yaml");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Checks, "bumper-*,-bumper-unscoped-alloc");
  EXPECT_EQ(C->WarningsAsErrors, "bumper-missing-guard");
  EXPECT_EQ(C->HeaderFilterRegex, "src/.*\\.h$");
  EXPECT_EQ(C->Allocators,
            std::vector<std::string>({"thirdparty::arena_alloc", "::pool::get"}));
  EXPECT_EQ(C->KeepsArgument, std::vector<std::string>({"registry::remember"}));
  EXPECT_EQ(C->File, "dir/.bumper.yaml");
}

TEST(ConfigTest, KeysNotWrittenStayUnset) {
  // Unset, not defaulted: the command line's options fill them in later.
  llvm::Expected<Config> C = parseConfig("Checks: '-*'\n", "c.yaml");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Checks, "-*");
  EXPECT_FALSE(C->WarningsAsErrors);
  EXPECT_FALSE(C->HeaderFilterRegex);
  EXPECT_FALSE(C->Allocators);
  EXPECT_FALSE(C->KeepsArgument);
}

TEST(ConfigTest, UnknownKeyIsAnErrorAtItsLineAndColumn) {
  std::string E = errorOf(parseConfig("Checks: 'bumper-*'\n"
                                      "Chekcs: 'bumper-escape'\n",
                                      "bad.yaml"));
  EXPECT_EQ(E.rfind("bad.yaml:2:1: error: unknown key 'Chekcs'", 0), 0u) << E;
}

TEST(ConfigTest, BadGlobIsAnError) {
  std::string E = errorOf(parseConfig("Checks: 'bumper-[x'\n", "g.yaml"));
  EXPECT_EQ(E.rfind("g.yaml:1:9: error: bad glob 'bumper-[x'", 0), 0u) << E;
}

TEST(ConfigTest, UnknownCheckNameIsAnErrorButGlobsNeedNotMatchOne) {
  std::string E =
      errorOf(parseConfig("Checks: 'bumper-*,-bumper-escpe'\n", "c.yaml"));
  EXPECT_EQ(E.rfind("c.yaml:1:9: error: unknown check 'bumper-escpe'", 0), 0u)
      << E;
  // A glob is not checked against the names: it may match none of them.
  llvm::Expected<Config> C = parseConfig("Checks: 'other-*'\n", "c.yaml");
  EXPECT_TRUE(bool(C)) << llvm::toString(C.takeError());
}

TEST(ConfigTest, WarningsAsErrorsIsCheckedLikeChecks) {
  std::string E = errorOf(
      parseConfig("Checks: '*'\nWarningsAsErrors: 'nope'\n", "w.yaml"));
  EXPECT_EQ(E.rfind("w.yaml:2:19: error: unknown check 'nope'", 0), 0u) << E;
}

TEST(ConfigTest, BadRegularExpressionIsAnError) {
  std::string E = errorOf(parseConfig("Checks: 'bumper-*'\n"
                                      "HeaderFilterRegex: '(unclosed'\n",
                                      "r.yaml"));
  EXPECT_EQ(E.rfind("r.yaml:2:20: error: bad regular expression '(unclosed'",
                    0),
            0u)
      << E;
}

TEST(ConfigTest, NameThatIsNotQualifiedIsAnError) {
  std::string E = errorOf(parseConfig("Allocators:\n"
                                      "  - ok::name\n"
                                      "  - arena alloc\n",
                                      "n.yaml"));
  EXPECT_EQ(E.rfind("n.yaml:3:5: error: 'arena alloc' is not a qualified "
                    "function name",
                    0),
            0u)
      << E;
}

TEST(ConfigTest, ValueOfTheWrongKindIsAnError) {
  std::string E =
      errorOf(parseConfig("Allocators: thirdparty::arena_alloc\n", "k.yaml"));
  EXPECT_EQ(E.rfind("k.yaml:1:13: error: not a sequence", 0), 0u) << E;
}

TEST(ConfigTest, ParsesFunctionsEntries) {
  llvm::Expected<Config> C =
      parseConfig("Functions:\n"
                  "  - {Name: ZSTD_createCDict, Copies: true}\n"
                  "  - {Name: registry::remember, Keeps: [0, 2]}\n"
                  "  - {Name: ::events::watch, Keeps: all}\n"
                  "  - {Name: lib::find, ReturnsView: 1}\n"
                  "  - {Name: log::write, Reads: true}\n",
                  "f.yaml");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  ASSERT_TRUE(C->Functions);
  ASSERT_EQ(C->Functions->size(), 5u);
  const std::vector<FunctionModel> &F = *C->Functions;
  EXPECT_EQ(F[0].Name, "ZSTD_createCDict");
  EXPECT_TRUE(F[0].Copies);
  EXPECT_EQ(F[1].Keeps, std::vector<unsigned>({0, 2}));
  EXPECT_FALSE(F[1].KeepsAll);
  EXPECT_TRUE(F[2].KeepsAll);
  EXPECT_EQ(F[3].ReturnsView, 1u);
  EXPECT_TRUE(F[4].Reads);
  EXPECT_FALSE(F[4].Copies);
}

TEST(ConfigTest, BadFunctionsEntriesAreErrorsAtTheirLine) {
  EXPECT_EQ(errorOf(parseConfig("Functions:\n"
                                "  - {Name: a::f, Keeps: {x: 1}}\n",
                                "m.yaml"))
                .rfind("m.yaml:2:26: error: Keeps is 'all' or a list of "
                       "argument indexes ([0, 2]), not a map",
                       0),
            0u);
  EXPECT_EQ(errorOf(parseConfig("Functions:\n"
                                "  - {Name: a::f, Reads: true, Keeps: [0]}\n",
                                "r.yaml"))
                .rfind("r.yaml:2:6: error: the Functions entry of 'a::f': "
                       "Reads",
                       0),
            0u);
  EXPECT_EQ(errorOf(parseConfig("Functions:\n"
                                "  - {Keeps: [0]}\n",
                                "n.yaml"))
                .rfind("n.yaml:2:6: error: a Functions entry needs a Name", 0),
            0u);
  // A second parse on the same thread does not remember the first's names.
  ASSERT_TRUE(bool(parseConfig("Functions: [{Name: a::f, Copies: true}]\n",
                               "1.yaml")));
  EXPECT_TRUE(bool(parseConfig("Functions: [{Name: a::f, Copies: true}]\n",
                               "2.yaml")));
}

TEST(ConfigTest, DumpFillsInTheDefaults) {
  Config C;
  C.Checks = "-*,bumper-missing-guard";
  // llvm::yaml::Output lines the values of short keys up.
  EXPECT_EQ(dumpConfig(C), "---\n"
                           "Checks:          '-*,bumper-missing-guard'\n"
                           "WarningsAsErrors: ''\n"
                           "HeaderFilterRegex: ''\n"
                           "Allocators:      []\n"
                           "KeepsArgument:   []\n"
                           "Functions:       []\n"
                           "CompileFlags:\n"
                           "  Add:             []\n"
                           "  Remove:          []\n"
                           "...\n");
}

TEST(ConfigTest, DumpThenParseGivesTheSameConfiguration) {
  Config C;
  C.Checks = "bumper-*,-bumper-escape";
  C.WarningsAsErrors = "bumper-*";
  C.HeaderFilterRegex = "include/.*\\.hpp$";
  C.Allocators = std::vector<std::string>{"a::alloc", "::b::c"};
  C.KeepsArgument = std::vector<std::string>{"keep::it"};
  FunctionModel Copy, Keep, View;
  Copy.Name = "z::make";
  Copy.Copies = true;
  Copy.Keeps = {1};
  Keep.Name = "::r::keep";
  Keep.KeepsAll = true;
  View.Name = "t::find";
  View.ReturnsView = 2;
  C.Functions = std::vector<FunctionModel>{Copy, Keep, View};
  C.CompileFlagsAdd = std::vector<std::string>{"-DX=1", "-Wno-foo"};
  C.CompileFlagsRemove = std::vector<std::string>{"-f*", "-include"};
  std::string Dumped = dumpConfig(C);
  llvm::Expected<Config> Back = parseConfig(Dumped, "dumped.yaml");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError()) << "\n"
                          << Dumped;
  EXPECT_EQ(Back->Checks, C.Checks);
  EXPECT_EQ(Back->WarningsAsErrors, C.WarningsAsErrors);
  EXPECT_EQ(Back->HeaderFilterRegex, C.HeaderFilterRegex);
  EXPECT_EQ(Back->Allocators, C.Allocators);
  EXPECT_EQ(Back->KeepsArgument, C.KeepsArgument);
  EXPECT_EQ(Back->Functions, C.Functions);
  EXPECT_EQ(Back->CompileFlagsAdd, C.CompileFlagsAdd);
  EXPECT_EQ(Back->CompileFlagsRemove, C.CompileFlagsRemove);
  EXPECT_EQ(dumpConfig(*Back), Dumped);
}

} // namespace
