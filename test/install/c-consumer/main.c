/* A C program using Bumper's C API: a buffer of its own and the thread's
 * default buffer, each with a checkpoint that gives the memory back. */
#include <bumper/bumper.h>

#include <stdio.h>
#include <string.h>

static double mean(const double *x, size_t n) {
  bumper_buffer *buf = bumper_default_buffer();
  bumper_checkpoint cp = bumper_checkpoint_save(buf);
  double *y = bumper_alloc(buf, n * sizeof *y, _Alignof(double));
  double sum = 0;
  if (!y)
    return -1;
  for (size_t i = 0; i < n; ++i) {
    y[i] = x[i] * 2;
    sum += y[i];
  }
  bumper_checkpoint_restore(buf, cp);
  return sum / (double)(2 * n);
}

int main(void) {
  const double x[] = {1, 2, 3, 4};
  bumper_buffer *buf = bumper_buffer_create(4096);
  size_t rounds = 0;
  if (!buf)
    return 1;
  for (int i = 0; i < 1000; ++i) {
    bumper_checkpoint cp = bumper_checkpoint_save(buf);
    char *s = bumper_alloc(buf, 1000, 1);
    if (!s)
      return 1;
    memset(s, 'x', 1000);
    rounds += s[999] == 'x';
    bumper_checkpoint_restore(buf, cp);
  }
  printf("bumper %s: mean %.2f, %zu rounds, %zu bytes in use\n",
         bumper_version(), mean(x, 4), rounds, bumper_used(buf));
  int ok = mean(x, 4) == 2.5 && rounds == 1000 && bumper_used(buf) == 0;
  bumper_buffer_destroy(buf);
  return ok ? 0 : 1;
}
