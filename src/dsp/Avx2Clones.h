#pragma once

// FXRACK_AVX2_CLONES marks a function whose loops vectorise: GCC and Clang on x86-64 build it
// twice, for AVX2 and for the baseline, and pick one when the program loads, so the loops run
// twice as wide where the CPU can. AVX2 without FMA does the same IEEE operations in the same
// order: both clones give the same bits. Defining FXRACK_NO_AVX2_CLONES builds the baseline alone
// (to test it on a machine that has AVX2). ThreadSanitizer builds get the baseline alone too: the
// loader runs the clones' resolver before the sanitizer's runtime is up, and the program crashes.
#if defined(__SANITIZE_THREAD__)
#define FXRACK_TSAN_BUILD
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FXRACK_TSAN_BUILD
#endif
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(FXRACK_NO_AVX2_CLONES) && !defined(FXRACK_TSAN_BUILD)
#define FXRACK_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FXRACK_AVX2_CLONES
#endif
