//===- GuardPlannerTest.cpp - Guard names and their place in the text -----===//

#include "bumper-tool/GuardPlanner.h"
#include "clang/Basic/LangOptions.h"
#include "gtest/gtest.h"
#include <vector>

using bumper::GuardPlanner;
using bumper::TextInsertion;

namespace {

clang::LangOptions cxx() {
  clang::LangOptions LO;
  LO.CPlusPlus = LO.CPlusPlus11 = LO.CPlusPlus14 = LO.CPlusPlus17 =
      LO.CPlusPlus20 = true;
  LO.LineComment = true;
  return LO;
}

/// The blocks of \p Code as [offset of '{', offset of its '}'], in the order
/// of their '{' (the test sources have no braces in comments or strings).
std::vector<std::pair<unsigned, unsigned>> blocks(llvm::StringRef Code) {
  std::vector<std::pair<unsigned, unsigned>> Out;
  std::vector<size_t> Open;
  for (unsigned I = 0; I < Code.size(); ++I)
    if (Code[I] == '{') {
      Open.push_back(Out.size());
      Out.push_back({I, 0});
    } else if (Code[I] == '}') {
      Out[Open.back()].second = I;
      Open.pop_back();
    }
  return Out;
}

class GuardNameTest : public ::testing::Test {
protected:
  /// The names picked for the blocks numbered \p Order (0 is the first
  /// '{' of \p Code), asked for in that order.
  std::vector<std::string> pick(llvm::StringRef Code,
                                std::vector<unsigned> Order) {
    auto B = blocks(Code);
    GuardPlanner P(Code, LO);
    std::vector<std::string> Names;
    for (unsigned I : Order)
      Names.push_back(P.pickName(B[I].first, B[I].second));
    return Names;
  }
  clang::LangOptions LO = cxx();
};

TEST_F(GuardNameTest, NestedBlocksGetNewNamesSiblingsReuseThem) {
  llvm::StringRef Code = "void f() {\n"
                         "  {\n"
                         "    {\n"
                         "      { }\n"
                         "    }\n"
                         "  }\n"
                         "  { }\n"
                         "}\n";
  EXPECT_EQ(pick(Code, {1, 2, 3, 4}),
            std::vector<std::string>({"bumper_guard_", "bumper_guard_1_",
                                      "bumper_guard_2_", "bumper_guard_"}));
}

TEST_F(GuardNameTest, NameVisibleAtTheBlockIsTaken) {
  llvm::StringRef Code = "int bumper_guard_;\n"
                         "void f() {\n"
                         "  int bumper_guard_1_;\n"
                         "  { }\n"
                         "}\n";
  EXPECT_EQ(pick(Code, {1}), std::vector<std::string>({"bumper_guard_2_"}));
}

TEST_F(GuardNameTest, NameUsedInTheBlockIsTaken) {
  llvm::StringRef Code = "void f() {\n"
                         "  { int bumper_guard_ = 0; }\n"
                         "}\n";
  EXPECT_EQ(pick(Code, {1}), std::vector<std::string>({"bumper_guard_1_"}));
}

TEST_F(GuardNameTest, NameOfAClosedScopeIsFree) {
  llvm::StringRef Code = "void f() {\n"
                         "  { int bumper_guard_; }\n"
                         "  { }\n"
                         "}\n";
  EXPECT_EQ(pick(Code, {2}), std::vector<std::string>({"bumper_guard_"}));
}

TEST_F(GuardNameTest, OnlyGuardLikeNamesMatter) {
  llvm::StringRef Code = "void f() {\n"
                         "  int bumper_guard; int guard_; int my_bumper_guard_;\n"
                         "  { }\n"
                         "}\n";
  EXPECT_EQ(pick(Code, {1}), std::vector<std::string>({"bumper_guard_"}));
}

TEST_F(GuardNameTest, BlockBeforeTheLastOneAskedForStartsTheSweepOver) {
  // Block 3 first: bumper_guard_ is declared in a scope closed before it.
  // Then block 2: that scope is open around it again.
  llvm::StringRef Code = "void f() {\n"
                         "  {\n"
                         "    int bumper_guard_;\n"
                         "    { }\n"
                         "  }\n"
                         "  { }\n"
                         "}\n";
  EXPECT_EQ(pick(Code, {3, 2}), std::vector<std::string>(
                                    {"bumper_guard_", "bumper_guard_1_"}));
}

class GuardInsertionTest : public ::testing::Test {
protected:
  /// The text of \p Code with the guard "G;" inserted into its block
  /// number \p Block.
  std::string insert(llvm::StringRef Code, unsigned Block = 0) {
    GuardPlanner P(Code, LO);
    TextInsertion I = P.insertion(blocks(Code)[Block].first, "G;");
    EXPECT_LE(I.Offset, Code.size());
    return (Code.substr(0, I.Offset) + I.Text + Code.substr(I.Offset)).str();
  }
  clang::LangOptions LO = cxx();
};

TEST_F(GuardInsertionTest, OwnLineIndentedLikeTheFirstStatement) {
  EXPECT_EQ(insert("void f() {\n"
                   "    x();\n"
                   "}\n"),
            "void f() {\n"
            "    G;\n"
            "    x();\n"
            "}\n");
}

TEST_F(GuardInsertionTest, KeepsTheLineEndingOfTheBraceLine) {
  EXPECT_EQ(insert("void f() {\r\n"
                   "\tx();\r\n"
                   "}\r\n"),
            "void f() {\r\n"
            "\tG;\r\n"
            "\tx();\r\n"
            "}\r\n");
}

TEST_F(GuardInsertionTest, StatementOnTheBraceLineGetsTheGuardBeforeIt) {
  EXPECT_EQ(insert("void f() { x(); }\n"), "void f() { G; x(); }\n");
  EXPECT_EQ(insert("void f() {x();}\n"), "void f() { G; x();}\n");
}

TEST_F(GuardInsertionTest, EmptyBlockIsIndentedOneLevelDeeper) {
  EXPECT_EQ(insert("  if (c) {\n"
                   "  }\n"),
            "  if (c) {\n"
            "    G;\n"
            "  }\n");
  EXPECT_EQ(insert("\tif (c) {\n"
                   "\t}\n"),
            "\tif (c) {\n"
            "\t\tG;\n"
            "\t}\n");
}

TEST_F(GuardInsertionTest, CommentOnTheBraceLineStaysThere) {
  EXPECT_EQ(insert("void f() { // why\n"
                   "  x();\n"
                   "}\n"),
            "void f() { // why\n"
            "  G;\n"
            "  x();\n"
            "}\n");
  EXPECT_EQ(insert("void f() { /* a */ x(); }\n"),
            "void f() { G; /* a */ x(); }\n");
}

TEST_F(GuardInsertionTest, DirectiveFirstIsIndentedFromTheBraceLine) {
  EXPECT_EQ(insert("void f() {\n"
                   "#if X\n"
                   "      x();\n"
                   "#endif\n"
                   "}\n"),
            "void f() {\n"
            "  G;\n"
            "#if X\n"
            "      x();\n"
            "#endif\n"
            "}\n");
}

TEST_F(GuardInsertionTest, InnerBlock) {
  EXPECT_EQ(insert("void f() {\n"
                   "  for (;;) {\n"
                   "      y();\n"
                   "  }\n"
                   "}\n",
                   1),
            "void f() {\n"
            "  for (;;) {\n"
            "      G;\n"
            "      y();\n"
            "  }\n"
            "}\n");
}

} // namespace
