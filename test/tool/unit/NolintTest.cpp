//===- NolintTest.cpp - NOLINT comments -----------------------------------===//

#include "bumper-tool/FindingPolicy.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

using namespace clang;
using bumper::NolintIndex;

namespace {

class NolintTest : public ::testing::Test {
protected:
  NolintTest()
      : Files(FileSystemOptions()),
        Diags(new DiagnosticIDs, new DiagnosticOptions,
              new IgnoringDiagConsumer),
        SM(Diags, Files) {}

  /// Makes \p Code the file the index reads.
  void setFile(llvm::StringRef Code) {
    FID = SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(Code, "t.cpp"));
  }

  /// Does the index suppress \p Check at line \p Line, column 3?
  bool suppressed(unsigned Line, llvm::StringRef Check) {
    return Index.suppresses(SM.translateLineCol(FID, Line, 3), Check);
  }

  FileManager Files;
  DiagnosticsEngine Diags;
  SourceManager SM;
  FileID FID;
  NolintIndex Index{SM};
};

TEST_F(NolintTest, NolintOnTheLineSuppressesIt) {
  setFile("int a;\n"
          "int b; // NOLINT\n"
          "int c;\n");
  EXPECT_FALSE(suppressed(1, "bumper-escape"));
  EXPECT_TRUE(suppressed(2, "bumper-escape"));
  EXPECT_TRUE(suppressed(2, "bumper-missing-guard"));
  EXPECT_FALSE(suppressed(3, "bumper-escape"));
}

TEST_F(NolintTest, ListNamesTheChecksWithGlobs) {
  setFile("a; // NOLINT(bumper-escape)\n"
          "b; // NOLINT(other-check, bumper-missing-*)\n"
          "c; // NOLINT()\n");
  EXPECT_TRUE(suppressed(1, "bumper-escape"));
  EXPECT_FALSE(suppressed(1, "bumper-missing-guard"));
  EXPECT_TRUE(suppressed(2, "bumper-missing-guard"));
  EXPECT_FALSE(suppressed(2, "bumper-escape"));
  // An empty list names no check.
  EXPECT_FALSE(suppressed(3, "bumper-escape"));
}

TEST_F(NolintTest, NolintNextLineCoversTheNextLineOnly) {
  setFile("// NOLINTNEXTLINE(bumper-escape)\n"
          "a;\n"
          "b;\n"
          "c; // NOLINTNEXTLINE\n");
  EXPECT_TRUE(suppressed(2, "bumper-escape"));
  EXPECT_FALSE(suppressed(2, "bumper-unscoped-alloc"));
  EXPECT_FALSE(suppressed(3, "bumper-escape"));
  // NOLINTNEXTLINE is not a NOLINT of its own line.
  EXPECT_FALSE(suppressed(4, "bumper-escape"));
}

TEST_F(NolintTest, BeginEndRegion) {
  setFile("a;\n"
          "// NOLINTBEGIN(bumper-escape)\n"
          "b;\n"
          "c;\n"
          "// NOLINTEND(bumper-escape)\n"
          "d;\n");
  EXPECT_FALSE(suppressed(1, "bumper-escape"));
  EXPECT_TRUE(suppressed(3, "bumper-escape"));
  EXPECT_TRUE(suppressed(4, "bumper-escape"));
  EXPECT_FALSE(suppressed(4, "bumper-missing-guard"));
  EXPECT_FALSE(suppressed(6, "bumper-escape"));
}

TEST_F(NolintTest, RegionsNest) {
  setFile("// NOLINTBEGIN(bumper-escape)\n"
          "a;\n"
          "// NOLINTBEGIN(bumper-missing-guard)\n"
          "b;\n"
          "// NOLINTEND(bumper-missing-guard)\n"
          "c;\n"
          "// NOLINTEND(bumper-escape)\n"
          "d;\n");
  EXPECT_TRUE(suppressed(2, "bumper-escape"));
  EXPECT_FALSE(suppressed(2, "bumper-missing-guard"));
  EXPECT_TRUE(suppressed(4, "bumper-escape"));
  EXPECT_TRUE(suppressed(4, "bumper-missing-guard"));
  EXPECT_TRUE(suppressed(6, "bumper-escape"));
  EXPECT_FALSE(suppressed(6, "bumper-missing-guard"));
  EXPECT_FALSE(suppressed(8, "bumper-escape"));
}

TEST_F(NolintTest, InvalidLocationIsNeverSuppressed) {
  setFile("a; // NOLINT\n");
  EXPECT_FALSE(Index.suppresses(SourceLocation(), "bumper-escape"));
}

} // namespace

namespace {

TEST_F(NolintTest, UnmatchedRegionsSuppressNothingAndAreListed) {
  setFile("// NOLINTBEGIN(bumper-escape)\n"
          "a;\n"
          "// NOLINTEND(bumper-missing-guard)\n"
          "b;\n");
  // An end with another check list closes nothing: both halves are left.
  EXPECT_FALSE(suppressed(2, "bumper-escape"));
  EXPECT_FALSE(suppressed(4, "bumper-escape"));
  std::vector<NolintIndex::Unmatched> U = Index.unmatched();
  ASSERT_EQ(U.size(), 2u);
  EXPECT_TRUE(U[0].IsBegin);
  EXPECT_EQ(SM.getSpellingLineNumber(U[0].Loc), 1u);
  EXPECT_FALSE(U[1].IsBegin);
  EXPECT_EQ(SM.getSpellingLineNumber(U[1].Loc), 3u);
}

TEST_F(NolintTest, BeginAndEndOnOneLineMakeARegionOfThatLine) {
  setFile("a; // NOLINTBEGIN(bumper-escape) ... NOLINTEND(bumper-escape)\n"
          "b;\n");
  EXPECT_TRUE(suppressed(1, "bumper-escape"));
  EXPECT_FALSE(suppressed(2, "bumper-escape"));
  EXPECT_TRUE(Index.unmatched().empty());
}

} // namespace
