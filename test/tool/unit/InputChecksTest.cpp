//===- InputChecksTest.cpp - The -j value ---------------------------------===//

#include "bumper-tool/InputChecks.h"
#include "gtest/gtest.h"
#include <limits>

using bumper::parseJobs;

namespace {

TEST(ParseJobsTest, WholeNumbersOfAtLeastOne) {
  for (auto [Text, N] : {std::pair<const char *, unsigned>{"1", 1},
                         {"4", 4},
                         {"4294967295", 4294967295u}}) {
    llvm::Expected<unsigned> J = parseJobs(Text);
    ASSERT_TRUE(bool(J)) << Text << ": " << llvm::toString(J.takeError());
    EXPECT_EQ(*J, N) << Text;
  }
}

TEST(ParseJobsTest, ZeroAndNonNumbersAreErrors) {
  for (const char *Text : {"0", "", "-1", "two", "4x", " 4", "1.5"}) {
    llvm::Expected<unsigned> J = parseJobs(Text);
    ASSERT_FALSE(bool(J)) << Text << " was taken as " << *J;
    EXPECT_EQ(llvm::toString(J.takeError()),
              "invalid -j value '" + std::string(Text) +
                  "': want a whole number of jobs, at least 1 (for example "
                  "-j 4)");
  }
}

TEST(ParseJobsTest, MoreThanAnUnsignedHoldsIsAnError) {
  llvm::Expected<unsigned> J = parseJobs("4294967296");
  ASSERT_FALSE(bool(J));
  EXPECT_EQ(llvm::toString(J.takeError()),
            "invalid -j value '4294967296': too many jobs (at most "
            "4294967295)");
}

} // namespace
