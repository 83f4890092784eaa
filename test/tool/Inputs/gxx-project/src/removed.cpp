// Compiles with g++; for Clang, -DGXX_ONLY_BUILD must be removed
// (--remove-arg or .bumper.yaml's CompileFlags.Remove), and
// CompileFlags.Add's -DFROM_CONFIG is seen.
#if defined(__clang__) && defined(GXX_ONLY_BUILD)
#error GXX_ONLY_BUILD reached Clang
#endif
#if defined(__clang__) && defined(EXPECT_FROM_CONFIG) && !defined(FROM_CONFIG)
#error CompileFlags.Add did not reach Clang
#endif
int removed() { return 0; }
