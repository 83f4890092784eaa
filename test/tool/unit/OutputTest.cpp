//===- OutputTest.cpp - The unified diff of --diff ------------------------===//

#include "bumper-tool/Output.h"
#include "gtest/gtest.h"

using bumper::unifiedDiff;

namespace {

/// "1\n2\n...\nN\n".
std::string numbered(unsigned N) {
  std::string S;
  for (unsigned I = 1; I <= N; ++I)
    S += std::to_string(I) + "\n";
  return S;
}

TEST(UnifiedDiffTest, EqualTextsHaveNoDiff) {
  EXPECT_EQ(unifiedDiff("f.cpp", "a\nb\n", "a\nb\n"), "");
  EXPECT_EQ(unifiedDiff("f.cpp", "", ""), "");
}

TEST(UnifiedDiffTest, InsertionWithThreeLinesOfContext) {
  EXPECT_EQ(unifiedDiff("f.cpp", numbered(10),
                        "1\n2\n3\n4\n5\nguard\n6\n7\n8\n9\n10\n"),
            "--- f.cpp\n"
            "+++ f.cpp\n"
            "@@ -3,6 +3,7 @@\n"
            " 3\n"
            " 4\n"
            " 5\n"
            "+guard\n"
            " 6\n"
            " 7\n"
            " 8\n");
}

TEST(UnifiedDiffTest, ContextStopsAtTheEndsOfTheFile) {
  EXPECT_EQ(unifiedDiff("f", "a\nb\n", "x\na\nb\n"), "--- f\n"
                                                     "+++ f\n"
                                                     "@@ -1,2 +1,3 @@\n"
                                                     "+x\n"
                                                     " a\n"
                                                     " b\n");
}

TEST(UnifiedDiffTest, ChangedLineIsARemovalAndAnAddition) {
  EXPECT_EQ(unifiedDiff("f", "a\nb\nc\n", "a\nB\nc\n"), "--- f\n"
                                                        "+++ f\n"
                                                        "@@ -1,3 +1,3 @@\n"
                                                        " a\n"
                                                        "-b\n"
                                                        "+B\n"
                                                        " c\n");
}

TEST(UnifiedDiffTest, ChangesFarApartMakeTwoHunks) {
  std::string New = numbered(20);
  New.replace(New.find("\n2\n") + 1, 1, "two");
  New.replace(New.find("\n15\n") + 1, 2, "fifteen");
  EXPECT_EQ(unifiedDiff("f", numbered(20), New), "--- f\n"
                                                 "+++ f\n"
                                                 "@@ -1,5 +1,5 @@\n"
                                                 " 1\n"
                                                 "-2\n"
                                                 "+two\n"
                                                 " 3\n"
                                                 " 4\n"
                                                 " 5\n"
                                                 "@@ -12,7 +12,7 @@\n"
                                                 " 12\n"
                                                 " 13\n"
                                                 " 14\n"
                                                 "-15\n"
                                                 "+fifteen\n"
                                                 " 16\n"
                                                 " 17\n"
                                                 " 18\n");
}

TEST(UnifiedDiffTest, ChangesAtMostSixLinesApartShareAHunk) {
  std::string New = numbered(20);
  New.replace(New.find("\n2\n") + 1, 1, "two");
  New.replace(New.find("\n9\n") + 1, 1, "nine");
  EXPECT_EQ(unifiedDiff("f", numbered(20), New), "--- f\n"
                                                 "+++ f\n"
                                                 "@@ -1,12 +1,12 @@\n"
                                                 " 1\n"
                                                 "-2\n"
                                                 "+two\n"
                                                 " 3\n"
                                                 " 4\n"
                                                 " 5\n"
                                                 " 6\n"
                                                 " 7\n"
                                                 " 8\n"
                                                 "-9\n"
                                                 "+nine\n"
                                                 " 10\n"
                                                 " 11\n"
                                                 " 12\n");
}

TEST(UnifiedDiffTest, MissingNewlineAtTheEndIsMarked) {
  EXPECT_EQ(unifiedDiff("f", "a\nb", "a\nb\nc\n"),
            "--- f\n"
            "+++ f\n"
            "@@ -1,2 +1,3 @@\n"
            " a\n"
            "-b\n"
            "\\ No newline at end of file\n"
            "+b\n"
            "+c\n");
}

TEST(UnifiedDiffTest, FromAndToAnEmptyFile) {
  EXPECT_EQ(unifiedDiff("f", "", "a\nb\n"), "--- f\n"
                                            "+++ f\n"
                                            "@@ -0,0 +1,2 @@\n"
                                            "+a\n"
                                            "+b\n");
  EXPECT_EQ(unifiedDiff("f", "a\n", ""), "--- f\n"
                                         "+++ f\n"
                                         "@@ -1,1 +0,0 @@\n"
                                         "-a\n");
}

TEST(UnifiedDiffTest, CrLfLinesKeepTheirEndings) {
  EXPECT_EQ(unifiedDiff("f", "a\r\nb\r\n", "a\r\nx\r\nb\r\n"),
            "--- f\n"
            "+++ f\n"
            "@@ -1,2 +1,3 @@\n"
            " a\r\n"
            "+x\r\n"
            " b\r\n");
}

} // namespace
