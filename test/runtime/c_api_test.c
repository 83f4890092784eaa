/* The C API, compiled as C99. Returns nonzero on failure. */
#include <bumper/bumper.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int checks = 0;
static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    ++checks;                                                                  \
    if (!(cond)) {                                                             \
      ++failures;                                                              \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

static int aligned(const void *p, size_t alignment) {
  return (uintptr_t)p % alignment == 0;
}

/* The seed's example, f([1,2,3]) == 9, in C. */
static long seed_f(const long *x, size_t n) {
  bumper_buffer *buf = bumper_default_buffer();
  bumper_checkpoint cp = bumper_checkpoint_save(buf);
  long *y = bumper_alloc(buf, n * sizeof *y, sizeof(long));
  long sum = 0;
  size_t i;
  for (i = 0; i < n; ++i)
    y[i] = x[i] + 1;
  for (i = 0; i < n; ++i)
    sum += y[i];
  bumper_checkpoint_restore(buf, cp);
  return sum;
}

static void test_seed(void) {
  const long x[] = {1, 2, 3};
  size_t before = bumper_used(bumper_default_buffer());
  CHECK(seed_f(x, 3) == 9);
  CHECK(bumper_used(bumper_default_buffer()) == before);
}

static void test_fixed_buffer(void) {
  bumper_buffer *buf = bumper_buffer_create(256);
  unsigned char *all;
  CHECK(buf != NULL);
  CHECK(bumper_capacity(buf) == 256);
  CHECK(bumper_slab_count(buf) == 1);
  all = bumper_alloc(buf, 256, 1);
  CHECK(all != NULL);
  memset(all, 0x5a, 256);
  CHECK(bumper_used(buf) == 256);
  /* Full: NULL, and nothing changes. */
  CHECK(bumper_alloc(buf, 1, 1) == NULL);
  CHECK(bumper_used(buf) == 256);
  bumper_reset(buf);
  CHECK(bumper_used(buf) == 0);
  CHECK(bumper_high_water(buf) == 256);
  CHECK(bumper_alloc(buf, 256, 1) == all);
  bumper_buffer_destroy(buf);
}

static void test_checkpoints(void) {
  bumper_buffer *buf = bumper_slab_buffer_create(1024);
  bumper_checkpoint cp;
  void *first;
  int i;
  CHECK(buf != NULL);
  CHECK(bumper_capacity(buf) == 1024); /* the first slab */
  CHECK(bumper_alloc(buf, 10, 1) != NULL);
  cp = bumper_checkpoint_save(buf);
  first = bumper_alloc(buf, 100, 8);
  for (i = 0; i < 50; ++i)
    CHECK(bumper_alloc(buf, 700, 16) != NULL); /* several slabs */
  CHECK(bumper_alloc(buf, 5000, 64) != NULL);  /* its own allocation */
  CHECK(bumper_slab_count(buf) > 10);
  bumper_checkpoint_restore(buf, cp);
  CHECK(bumper_used(buf) == 16);      /* 10 bytes in whole 8-byte granules */
  CHECK(bumper_slab_count(buf) == 2); /* the first slab and a spare */
  CHECK(bumper_alloc(buf, 100, 8) == first);
  bumper_buffer_destroy(buf);
}

static void test_alignment(void) {
  bumper_buffer *kinds[3];
  size_t k, alignment;
  kinds[0] = bumper_buffer_create(1 << 20);
  kinds[1] = bumper_slab_buffer_create(4096);
  kinds[2] = bumper_resize_buffer_create(0);
  for (k = 0; k < 3; ++k) {
    CHECK(kinds[k] != NULL);
    for (alignment = 1; alignment <= 4096; alignment *= 2) {
      void *p;
      CHECK(bumper_alloc(kinds[k], 1, 1) != NULL);
      p = bumper_alloc(kinds[k], 3 * alignment, alignment);
      CHECK(p != NULL && aligned(p, alignment));
    }
    /* Not a power of two: NULL. */
    CHECK(bumper_alloc(kinds[k], 8, 3) == NULL);
    CHECK(bumper_alloc(kinds[k], 8, 0) == NULL);
    bumper_buffer_destroy(kinds[k]);
  }
}

static void test_edge_cases(void) {
  bumper_buffer *buf = bumper_buffer_create(64);
  void *a = bumper_alloc(buf, 0, 1);
  void *b = bumper_alloc(buf, 0, 1);
  CHECK(a != NULL && b != NULL); /* zero size: never NULL */
  CHECK(bumper_used(buf) == 0);  /* ...and no memory used */
  CHECK(bumper_alloc(buf, 64, 1) != NULL);
  CHECK(bumper_alloc(buf, 0, 1) != NULL); /* on a full buffer too */
  CHECK(bumper_alloc(NULL, 8, 8) == NULL);
  CHECK(bumper_alloc(buf, SIZE_MAX, 8) == NULL); /* overflow-safe */
  bumper_buffer_destroy(buf);
  bumper_buffer_destroy(NULL);
  CHECK(bumper_version() != NULL && strlen(bumper_version()) >= 5);
}

static void test_resize_owns_limit_trim(void) {
  bumper_buffer *fixed = bumper_buffer_create(256);
  bumper_buffer *slabs = bumper_slab_buffer_create(4096);
  bumper_buffer *resizing;
  bumper_checkpoint cp;
  char *p;
  int local = 0;
  CHECK(fixed != NULL && slabs != NULL);
  p = bumper_alloc(fixed, 10, 1);
  CHECK(bumper_owns(fixed, p) == 1);
  CHECK(bumper_owns(fixed, &local) == 0);
  CHECK(bumper_resize(fixed, p, 10, 200) == 1); /* the newest: in place */
  CHECK(bumper_used(fixed) == 200);
  CHECK(bumper_resize(fixed, p, 200, 300) == 0); /* does not fit */
  CHECK(bumper_resize(fixed, p, 200, 16) == 1);
  CHECK(bumper_used(fixed) == 16);
  CHECK(bumper_set_limit(fixed, 100) == 0);
  CHECK(bumper_trim(fixed) == 0);

  cp = bumper_checkpoint_save(slabs);
  CHECK(bumper_alloc(slabs, 3000, 8) != NULL);
  CHECK(bumper_alloc(slabs, 3000, 8) != NULL);
  bumper_checkpoint_restore(slabs, cp);
  CHECK(bumper_trim(slabs) == 4096); /* the spare */
  CHECK(bumper_set_limit(slabs, 4096) == 1);
  CHECK(bumper_alloc(slabs, 3000, 8) != NULL);
  CHECK(bumper_alloc(slabs, 3000, 8) == NULL); /* past the limit */
  CHECK(bumper_capacity(slabs) == 4096);

  resizing = bumper_resize_buffer_create(4096);
  CHECK(resizing != NULL);
  CHECK(bumper_alloc(resizing, 100, 8) != NULL);
  CHECK(bumper_trim(resizing) == 0); /* in use */
  bumper_reset(resizing);
  CHECK(bumper_trim(resizing) == 4096); /* empty: its block */
  CHECK(bumper_capacity(resizing) == 0);
  CHECK(bumper_alloc(resizing, 100, 8) != NULL);
  bumper_buffer_destroy(resizing);
  bumper_buffer_destroy(fixed);
  bumper_buffer_destroy(slabs);
}

static void test_default_buffer(void) {
  bumper_buffer *buf = bumper_default_buffer();
  bumper_checkpoint cp = bumper_checkpoint_save(buf);
  CHECK(buf == bumper_default_buffer());
  CHECK(bumper_alloc(buf, 100, 16) != NULL);
  bumper_checkpoint_restore(buf, cp);
  CHECK(bumper_used(buf) == 0);
}

int main(void) {
  test_seed();
  test_fixed_buffer();
  test_checkpoints();
  test_alignment();
  test_edge_cases();
  test_resize_owns_limit_trim();
  test_default_buffer();
  printf("c_api_tests: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
