/* Plain C baseline for the fixed-point benchmark (gcc -O2): the same three operations as
 * Sources/fixed-bench on int64 codes, with the same data and checksums.
 *   quantize: sfix32_En16 -> sfix8_En4, RND_CONV + SAT
 *   add:      sfix32_En16 + sfix32_En16 -> sfix33_En16
 *   mul:      sfix32_En16 * sfix32_En16 -> sfix64_En32
 * Each op is timed allocating a fresh output per call (malloc + loop + free: "quantize", "add",
 * "mul"), the same with the output advised to use transparent huge pages as BitTrue does for
 * large arrays ("quantize_hugepages", ...), and writing into one output buffer allocated once
 * ("quantize_into", ...).
 * Output: one line per op: "c <op> <ns per element> <checksum>". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static uint64_t splitmix(uint64_t i) {
  uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void quantize(const int64_t *x, int64_t *out, long n) {
  for (long i = 0; i < n; i++) {
    int64_t v = x[i];
    int64_t q = v >> 12;
    int64_t r = v & 0xfff;
    q += (r > 0x800) | ((r == 0x800) & (q & 1));
    out[i] = q < -128 ? -128 : (q > 127 ? 127 : q);
  }
}

static void add(const int64_t *a, const int64_t *b, int64_t *out, long n) {
  for (long i = 0; i < n; i++) out[i] = a[i] + b[i];
}

static void mul(const int64_t *a, const int64_t *b, int64_t *out, long n) {
  for (long i = 0; i < n; i++) out[i] = (int64_t)((uint64_t)a[i] * (uint64_t)b[i]);
}

static uint64_t checksum(const int64_t *x, long n) {
  uint64_t s = 0;
  for (long i = 0; i < n; i++) s += (uint64_t)x[i];
  return s;
}

/* madvise(MADV_HUGEPAGE) on the whole 2 MiB pages inside a buffer of at least 4 MiB. */
static void advise_huge_pages(void *p, size_t bytes) {
  const uintptr_t huge = 2u << 20;
  if (bytes < 2 * huge) return;
  uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  uintptr_t end = ((uintptr_t)p + bytes) & ~(huge - 1);
  if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
}

static void run(int op, const int64_t *a, const int64_t *b, int64_t *out, long n) {
  if (op == 0) quantize(a, out, n);
  if (op == 1) add(a, b, out, n);
  if (op == 2) mul(a, b, out, n);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 10000000;
  int reps = argc > 2 ? atoi(argv[2]) : 5;
  int64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *out = malloc(n * sizeof *out);
  for (long i = 0; i < n; i++) {
    a[i] = (int64_t)splitmix(i) >> 43;
    b[i] = (int64_t)splitmix(i + n) >> 43;
  }
  const char *names[] = {"quantize", "add", "mul"};
  /* Allocating: a fresh result buffer per call, freed after it (like a returned array);
   * then the same with huge-page advice for buffers of 4 MiB and more. */
  for (int form = 0; form < 6; form++) {
    int op = form % 3, huge = form >= 3;
    double best = 1e30;
    uint64_t sum = 0;
    for (int r = 0; r < reps; r++) {
      double t0 = now();
      int64_t *fresh = malloc(n * sizeof *fresh);
      if (huge) advise_huge_pages(fresh, n * sizeof *fresh);
      run(op, a, b, fresh, n);
      double t = now() - t0;
      sum = checksum(fresh, n); /* not timed */
      double t1 = now();
      free(fresh);
      t += now() - t1;
      if (t < best) best = t;
    }
    printf("c %s%s %.4f %llu\n", names[op], huge ? "_hugepages" : "", best * 1e9 / n,
           (unsigned long long)sum);
  }
  /* Into a buffer allocated once. */
  for (int op = 0; op < 3; op++) {
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
      double t0 = now();
      run(op, a, b, out, n);
      double t = now() - t0;
      if (t < best) best = t;
    }
    printf("c %s_into %.4f %llu\n", names[op], best * 1e9 / n, (unsigned long long)checksum(out, n));
  }
  free(a);
  free(b);
  free(out);
  return 0;
}
