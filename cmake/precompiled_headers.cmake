# Precompiled headers for the third-party headers nearly every file parses: nlohmann/json
# (about 2 s per file at -O3 here), GoogleTest (1.7 s), CLI11 (6 s) and Beast/Asio (3 s). A
# clean build is mostly spent parsing them, so the presets (what `make` and CI build) turn this
# on; the dev and asan presets leave it off, which also keeps every file's own includes honest.
option(ORDINAL_PCH "Precompile the heavy third-party headers of each target" OFF)

if(ORDINAL_PCH AND CMAKE_CXX_COMPILER_LAUNCHER)
  # ccache caches objects built against a precompiled header only with these sloppinesses:
  # the header's macros and __TIME__ are not part of the hash otherwise.
  set(CMAKE_CXX_COMPILER_LAUNCHER /usr/bin/env CCACHE_SLOPPINESS=pch_defines,time_macros
                                  ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()

if(ORDINAL_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 forgets that code from a precompiled header is a system header when its middle end
  # warns: libstdc++'s char_traits then trips -Wstringop-overflow, -Wstringop-overread and
  # -Warray-bounds in our callers at -O3. Builds without precompiled headers (the asan preset,
  # a plain configure) keep these warnings.
  target_compile_options(ordinal_warnings INTERFACE -Wno-stringop-overflow -Wno-stringop-overread
                                                   -Wno-array-bounds)
endif()

# The standard headers and JSON every target of ours reads; <utility> first (Boost 1.74's
# awaitable.hpp needs it under GCC 12).
set(ORDINAL_PCH_BASE <utility> <algorithm> <chrono> <cstdint> <functional> <map> <memory>
    <optional> <set> <string> <string_view> <vector> <nlohmann/json.hpp>)
set(ORDINAL_PCH_ASIO <boost/asio.hpp> <boost/asio/awaitable.hpp> <boost/asio/co_spawn.hpp>
    <boost/asio/use_awaitable.hpp>)
set(ORDINAL_PCH_BEAST ${ORDINAL_PCH_ASIO} <boost/beast/core.hpp> <boost/beast/http.hpp>)
set(ORDINAL_PCH_CLI <CLI/CLI.hpp>)
set(ORDINAL_PCH_GTEST <gtest/gtest.h> <gmock/gmock.h>)

# ordinal_precompile(target [HEADERS...]): the base set plus HEADERS, when ORDINAL_PCH is on.
function(ordinal_precompile target)
  if(ORDINAL_PCH)
    target_precompile_headers(${target} PRIVATE ${ORDINAL_PCH_BASE} ${ARGN})
  endif()
endfunction()
