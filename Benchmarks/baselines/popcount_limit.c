// The popcount limit of this machine, for `make bnn`: 64-bit word popcounts per second of
// the tightest C loops over a buffer that stays in L1, on 1 and on all requested threads:
//   scalar  - the POPCNT instruction, 8 independent accumulators;
//   avx512  - VPOPCNTQ on 8 words per instruction (when the CPU has AVX512_VPOPCNTDQ).
// Prints one line per loop and thread count:
//   limit <loop> <threads> <popcounts per wall second> <popcounts per CPU second × threads>
// (each the best of three runs; the second is what the threads do while they run, what the
// machine would give with a core per thread: on a shared machine it is the steadier one).
// Build: gcc -O2 -mpopcnt -pthread popcount_limit.c. Usage: popcount_limit [threads] [seconds]
#include <immintrin.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { WORDS = 2048 };  // 16 KiB: in L1

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct {
  int vector;
  long passes;
  uint64_t sink;
  double cpu;  // the thread's CPU seconds
} job;

static double thread_cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t words[WORDS] __attribute__((aligned(64)));

static uint64_t scalar_pass(void) {
  uint64_t a[8] = {0};
  for (int i = 0; i < WORDS; i += 8) {
    for (int k = 0; k < 8; k++) a[k] += (uint64_t)__builtin_popcountll(words[i + k]);
  }
  return a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7];
}

__attribute__((target("avx512f,avx512vpopcntdq"))) static uint64_t vector_pass(void) {
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
  for (int i = 0; i < WORDS; i += 32) {
    a0 = _mm512_add_epi64(a0, _mm512_popcnt_epi64(_mm512_load_si512(words + i)));
    a1 = _mm512_add_epi64(a1, _mm512_popcnt_epi64(_mm512_load_si512(words + i + 8)));
    a2 = _mm512_add_epi64(a2, _mm512_popcnt_epi64(_mm512_load_si512(words + i + 16)));
    a3 = _mm512_add_epi64(a3, _mm512_popcnt_epi64(_mm512_load_si512(words + i + 24)));
  }
  __m512i s = _mm512_add_epi64(_mm512_add_epi64(a0, a1), _mm512_add_epi64(a2, a3));
  return (uint64_t)_mm512_reduce_add_epi64(s);
}

static void *worker(void *arg) {
  job *j = arg;
  double start = thread_cpu();
  uint64_t sink = 0;
  for (long p = 0; p < j->passes; p++) {
    sink += j->vector ? vector_pass() : scalar_pass();
    __asm__ volatile("" ::: "memory");  // one full pass per iteration, not hoisted
  }
  j->sink = sink;
  j->cpu = thread_cpu() - start;
  return NULL;
}

/// Popcounts per wall second of `threads` threads running `passes` passes each; `*per_cpu`:
/// the sum over the threads of their popcounts per CPU second.
static double measure(int vector, int threads, long passes, double *per_cpu) {
  pthread_t ids[64];
  job jobs[64];
  double start = now();
  for (int t = 0; t < threads; t++) {
    jobs[t] = (job){vector, passes, 0};
    pthread_create(&ids[t], NULL, worker, &jobs[t]);
  }
  uint64_t sink = 0;
  *per_cpu = 0;
  for (int t = 0; t < threads; t++) {
    pthread_join(ids[t], NULL);
    sink += jobs[t].sink;
    *per_cpu += (double)passes * WORDS / jobs[t].cpu;
  }
  double seconds = now() - start;
  if (sink == 42) printf("#\n");
  return (double)threads * (double)passes * WORDS / seconds;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  double target = argc > 2 ? atof(argv[2]) : 0.5;
  if (threads < 1 || threads > 64) threads = 2;
  uint64_t x = 0x9E3779B97F4A7C15u;
  for (int i = 0; i < WORDS; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    words[i] = x;
  }
  __builtin_cpu_init();
  int has_vector = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
  for (int vector = 0; vector <= has_vector; vector++) {
    // Calibrate the pass count to about `target` seconds on one thread, then take the best
    // of three runs for 1 and for `threads` threads.
    long passes = 1000;
    while (1) {
      double unused;
      double rate = measure(vector, 1, passes, &unused);
      double seconds = (double)passes * WORDS / rate;
      if (seconds > target / 4) {
        passes = (long)((double)passes * target / seconds) + 1;
        break;
      }
      passes *= 4;
    }
    int counts[2] = {1, threads};
    for (int c = 0; c < (threads > 1 ? 2 : 1); c++) {
      double best = 0, best_cpu = 0;
      for (int r = 0; r < 3; r++) {
        double per_cpu;
        double rate = measure(vector, counts[c], passes, &per_cpu);
        if (rate > best) best = rate;
        if (per_cpu > best_cpu) best_cpu = per_cpu;
      }
      printf("limit %s %d %.6g %.6g\n", vector ? "avx512" : "scalar", counts[c], best, best_cpu);
    }
  }
  return 0;
}
