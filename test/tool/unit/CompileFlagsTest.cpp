//===- CompileFlagsTest.cpp - Compile commands made fit for Clang ---------===//

#include "bumper-tool/CompileFlags.h"
#include "bumper-tool/Paths.h"
#include "gtest/gtest.h"

using bumper::adjustCompileCommand;
using bumper::CompileFlagsOptions;

namespace {

using Args = std::vector<std::string>;

/// The tail every adjusted command ends with when nothing else is added.
Args withTail(Args A) {
  A.push_back("-Wno-unknown-warning-option");
  A.push_back("-Wno-error");
  return A;
}

TEST(CompileFlagsTest, DropsWhatClangDoesNotKnow) {
  EXPECT_EQ(adjustCompileCommand({"g++", "-fconcepts-diagnostics-depth=2",
                                  "-O2", "-Wlogical-op", "-c", "a.cpp"},
                                 {}),
            withTail({"g++", "-O2", "-Wlogical-op", "-c", "a.cpp"}));
}

TEST(CompileFlagsTest, RemoveGlobsTakeTheValuesAlong) {
  CompileFlagsOptions O;
  O.Remove = {"-include", "-D*"};
  EXPECT_EQ(adjustCompileCommand({"clang++", "-include", "pre.h", "-DX=1",
                                  "-D", "Y", "-Iinc", "a.cpp"},
                                 O),
            withTail({"clang++", "-Iinc", "a.cpp"}));
  // The source is never removed, whatever the glob.
  O.Remove = {"*"};
  EXPECT_EQ(adjustCompileCommand({"clang++", "-O2", "a.cpp"}, O),
            withTail({"clang++", "a.cpp"}));
}

TEST(CompileFlagsTest, WarningsNeverStopTheCheck) {
  Args Out = adjustCompileCommand(
      {"g++", "-Werror", "-Werror=useless-cast", "-pedantic-errors", "a.cpp"},
      {});
  EXPECT_EQ(Out, Args({"g++", "-Werror", "-Werror=useless-cast", "-pedantic",
                       "a.cpp", "-Wno-unknown-warning-option", "-Wno-error",
                       "-Wno-error=useless-cast"}));
}

TEST(CompileFlagsTest, AddComesBeforeTheTailAndAfterDashDash) {
  CompileFlagsOptions O;
  O.Add = {"-DFROM_CONFIG"};
  EXPECT_EQ(adjustCompileCommand({"clang++", "-c", "--", "a.cpp"}, O),
            Args({"clang++", "-c", "-DFROM_CONFIG",
                  "-Wno-unknown-warning-option", "-Wno-error", "--",
                  "a.cpp"}));
}

TEST(CompileFlagsTest, BadGlobsAreNamed) {
  EXPECT_FALSE(bool(bumper::checkRemoveGlobs({"-W*", "-D?"})));
  llvm::Error E = bumper::checkRemoveGlobs({"-W[z-a]"});
  ASSERT_TRUE(bool(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("bad --remove-arg glob '-W[z-a]'"),
            std::string::npos);
}

TEST(CompileFlagsTest, PathsAreAbsoluteAndNormalised) {
  EXPECT_EQ(bumper::withAbsolutePaths({"g++", "-I../include", "-isystem",
                                       "gen/../x", "-c", "../src/a.cpp"},
                                      "../src/a.cpp", "/p/src/a.cpp",
                                      "/p/build"),
            Args({"g++", "-I/p/include", "-isystem", "/p/build/x", "-c",
                  "/p/src/a.cpp"}));
}

TEST(PathsTest, RelativePath) {
  EXPECT_EQ(bumper::relativePath("/p/src/a.cpp", "/p"), "src/a.cpp");
  EXPECT_EQ(bumper::relativePath("/p/src/a.cpp", "/p/include"),
            "../src/a.cpp");
  EXPECT_EQ(bumper::relativePath("/p/src/../src/a.cpp", "/p/./"),
            "src/a.cpp");
}

} // namespace
