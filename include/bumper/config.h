/* Bumper's configuration macros, shared by the C API (bumper.h) and the C++
 * API (bumper.hpp). Usable from C99 and C++. */
#ifndef BUMPER_CONFIG_H
#define BUMPER_CONFIG_H

/* BUMPER_ALLOCATOR marks a function as returning arena memory. bumper-tool's
 * escape analysis treats every call to a marked function as a source of
 * arena-derived values; the runtime's own allocation functions carry it, and
 * users mark their wrappers with it. Clang keeps the mark in the AST as an
 * annotation; other compilers need nothing. */
#if defined(__clang__)
#if defined(__cplusplus)
#define BUMPER_ALLOCATOR [[clang::annotate("bumper::allocator")]]
#else
#define BUMPER_ALLOCATOR __attribute__((annotate("bumper::allocator")))
#endif
#else
#define BUMPER_ALLOCATOR
#endif

/* BUMPER_DEBUG_CHECKS turns on the checks for misuse (a buffer used from a
 * thread that does not own it, a checkpoint restored on the wrong buffer or
 * after the buffer was restored past it). On by default when NDEBUG is not
 * defined. It changes no class layout, so code compiled with and without it
 * links together. */
#ifndef BUMPER_DEBUG_CHECKS
#ifdef NDEBUG
#define BUMPER_DEBUG_CHECKS 0
#else
#define BUMPER_DEBUG_CHECKS 1
#endif
#endif

/* BUMPER_HAS_ASAN is 1 when compiled with AddressSanitizer: memory handed back
 * by restore/reset is then poisoned, and allocation unpoisons exactly the bytes
 * it returns. */
#if defined(__SANITIZE_ADDRESS__)
#define BUMPER_HAS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUMPER_HAS_ASAN 1
#endif
#endif
#ifndef BUMPER_HAS_ASAN
#define BUMPER_HAS_ASAN 0
#endif

/* BUMPER_ASAN_REDZONE: under AddressSanitizer, the bytes left poisoned after
 * every allocation (rounded up to a multiple of 8), so that an overflow into
 * the next allocation is reported too, not only one past the newest. 0 (the
 * default) packs allocations; 16 or 32 are typical. Ignored without ASan.
 * Define it the same way in every unit (CMake: a compile definition), since
 * it changes what used() counts. */
#ifndef BUMPER_ASAN_REDZONE
#define BUMPER_ASAN_REDZONE 0
#endif

/* BUMPER_PRESERVING_CALLS: when 1, the inline fast paths reach the runtime's
 * slow paths (a new slab, a restore into an older block, the first use of the
 * default buffer) through a trampoline that preserves every general-purpose
 * register but rax, so a function that allocates need not save registers of
 * its own for the rare call (docs/runtime.md, "The fast path and the slow
 * paths"). On by default on x86-64 ELF with GCC and Clang; define it to 0 for
 * plain calls. The runtime provides both, so units compiled either way link
 * together. */
#ifndef BUMPER_PRESERVING_CALLS
#if defined(__x86_64__) && defined(__ELF__) && defined(__GNUC__)
#define BUMPER_PRESERVING_CALLS 1
#else
#define BUMPER_PRESERVING_CALLS 0
#endif
#endif

#endif /* BUMPER_CONFIG_H */
