/* Stand-in of <bumper/config.h> for the tool's fuzzer (../../README.md). */
#ifndef BUMPER_CONFIG_H
#define BUMPER_CONFIG_H
#if defined(__cplusplus)
#define BUMPER_ALLOCATOR [[clang::annotate("bumper::allocator")]]
#else
#define BUMPER_ALLOCATOR __attribute__((annotate("bumper::allocator")))
#endif
#endif
