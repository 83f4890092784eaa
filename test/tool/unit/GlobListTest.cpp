//===- GlobListTest.cpp - clang-tidy-style check lists --------------------===//

#include "bumper-tool/CheckRegistry.h"
#include "bumper-tool/Config.h"
#include "gtest/gtest.h"

using bumper::globListMatches;

namespace {

TEST(GlobListTest, EmptyListEnablesNothing) {
  EXPECT_FALSE(globListMatches("", "bumper-escape"));
  EXPECT_FALSE(globListMatches(" , ,", "bumper-escape"));
}

TEST(GlobListTest, PlainNameMatchesOnlyItself) {
  EXPECT_TRUE(globListMatches("bumper-escape", "bumper-escape"));
  EXPECT_FALSE(globListMatches("bumper-escape", "bumper-escapes"));
  EXPECT_FALSE(globListMatches("bumper-escape", "bumper-missing-guard"));
}

TEST(GlobListTest, Wildcards) {
  EXPECT_TRUE(globListMatches("bumper-*", "bumper-unscoped-alloc"));
  EXPECT_TRUE(globListMatches("*", "bumper-annotation"));
  EXPECT_TRUE(globListMatches("bumper-?scape", "bumper-escape"));
  EXPECT_FALSE(globListMatches("clang-*", "bumper-escape"));
}

TEST(GlobListTest, MinusTurnsOffAndTheLastMatchWins) {
  EXPECT_FALSE(globListMatches("bumper-*,-bumper-escape", "bumper-escape"));
  EXPECT_TRUE(
      globListMatches("bumper-*,-bumper-escape", "bumper-missing-guard"));
  EXPECT_TRUE(globListMatches("-*,bumper-escape", "bumper-escape"));
  EXPECT_FALSE(globListMatches("bumper-escape,-bumper-*", "bumper-escape"));
  EXPECT_TRUE(
      globListMatches("bumper-*,-bumper-*,bumper-escape", "bumper-escape"));
  // A negative glob alone enables nothing.
  EXPECT_FALSE(globListMatches("-bumper-escape", "bumper-missing-guard"));
}

TEST(GlobListTest, SpacesAroundGlobsAndAfterTheMinusAreIgnored) {
  EXPECT_TRUE(globListMatches("  bumper-escape  ", "bumper-escape"));
  EXPECT_FALSE(
      globListMatches("bumper-* , - bumper-escape", "bumper-escape"));
}

TEST(GlobListTest, BadGlobIsSkipped) {
  // parseConfig rejects it; here it just matches nothing.
  EXPECT_TRUE(globListMatches("bumper-*,-bumper-[", "bumper-escape"));
  EXPECT_FALSE(globListMatches("bumper-[", "bumper-["));
}

// An opt-in check is enabled only by its exact name; a check on by default
// by any glob that matches it (isCheckEnabled, CheckRegistry.h).
TEST(GlobListTest, OptInCheckNeedsItsExactName) {
  const bumper::CheckInfo &Opt = bumper::checkInfo(bumper::Check::HeapTemporary);
  const bumper::CheckInfo &On = bumper::checkInfo(bumper::Check::Escape);
  ASSERT_FALSE(Opt.OnByDefault);
  ASSERT_TRUE(On.OnByDefault);
  EXPECT_FALSE(bumper::isCheckEnabled("bumper-*", Opt));
  EXPECT_FALSE(bumper::isCheckEnabled("*", Opt));
  EXPECT_FALSE(bumper::isCheckEnabled("bumper-heap-*", Opt));
  EXPECT_TRUE(bumper::isCheckEnabled("bumper-*,bumper-heap-temporary", Opt));
  EXPECT_TRUE(bumper::isCheckEnabled(" bumper-heap-temporary ", Opt));
  EXPECT_FALSE(
      bumper::isCheckEnabled("bumper-heap-temporary,-bumper-*", Opt));
  EXPECT_TRUE(
      bumper::isCheckEnabled("-bumper-*,bumper-heap-temporary", Opt));
  EXPECT_TRUE(bumper::isCheckEnabled("bumper-*", On));
  EXPECT_FALSE(bumper::isCheckEnabled("bumper-*,-bumper-escape", On));
}

} // namespace
