// The plain C reference of accumulate-bench: W [256, 784] int8 · X [784, B] int8 into int32,
// i-k-j loop, no overflow checks, same data and checksum as the Swift benchmark.
// Usage: matmul_c [batch] [repetitions]. Prints "c plain-int32 - 1 <GOP/s> <ms> <checksum>".
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t splitmix(uint64_t i) {
  uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 128;
  int repetitions = argc > 2 ? atoi(argv[2]) : 5;
  const long m = 256, k = 784;
  int8_t *w = malloc(m * k), *x = malloc(k * n);
  int32_t *out = malloc(sizeof(int32_t) * m * n);
  for (long i = 0; i < m * k; i++) w[i] = (int8_t)splitmix(i);
  for (long i = 0; i < k * n; i++) x[i] = (int8_t)splitmix((1ull << 32) + i);
  double best = 1e30;
  for (int r = 0; r <= repetitions; r++) {
    double t0 = now();
    memset(out, 0, sizeof(int32_t) * m * n);
    for (long i = 0; i < m; i++) {
      for (long kk = 0; kk < k; kk++) {
        int32_t a = w[i * k + kk];
        for (long j = 0; j < n; j++) out[i * n + j] += a * x[kk * n + j];
      }
    }
    double t = now() - t0;
    if (t < best) best = t;
  }
  int64_t sum = 0;
  for (long i = 0; i < m * n; i++) sum += out[i];
  printf("c plain-int32 - 1 %.3f %.3f %lld\n", 2.0 * m * k * n / best * 1e-9, best * 1e3,
         (long long)sum);
  return 0;
}
