#pragma once
// Whether this build runs under a sanitizer (ASan or TSan, GCC or Clang), for the few timing
// bounds that the instrumented server cannot be held to as the optimised one is.

namespace ordinal::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

}  // namespace ordinal::testing
