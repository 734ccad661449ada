# ordinal_warnings: an interface target every library and executable of ours links, so the
# warning set is defined once. Third-party headers come in as SYSTEM and stay quiet.
add_library(ordinal_warnings INTERFACE)
target_compile_options(ordinal_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual)
# GCC 12 at -O2/-O3 reports std::string concatenation inside libstdc++ as overlapping memcpy
# (GCC bug 105651, a false positive); it would fail every optimised build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(ordinal_warnings INTERFACE -Wno-restrict)
endif()
if(ORDINAL_WERROR)
  target_compile_options(ordinal_warnings INTERFACE -Werror)
endif()
if(ORDINAL_SANITIZE)
  target_compile_options(ordinal_warnings INTERFACE -fsanitize=${ORDINAL_SANITIZE} -fno-omit-frame-pointer)
  target_link_options(ordinal_warnings INTERFACE -fsanitize=${ORDINAL_SANITIZE})
  # Sanitized executables are built as position-dependent: a position-independent one carries
  # over a million relative relocations (sanitizer metadata) that every process start applies,
  # and the tests start thousands of processes. Release builds stay PIE.
  include(CheckPIESupported)
  check_pie_supported()
  set(CMAKE_POSITION_INDEPENDENT_CODE OFF)
  if(ORDINAL_SANITIZE MATCHES "undefined")
    # A UBSan report aborts, so the test that triggered it fails instead of only printing.
    target_compile_options(ordinal_warnings INTERFACE -fno-sanitize-recover=undefined)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
      # Clang 14's function-type check emits prologue data that its assembler cannot place
      # beside split coroutine bodies ("Cannot represent a difference across sections"). GCC
      # has no such check, so this leaves both compilers checking the same things.
      target_compile_options(ordinal_warnings INTERFACE -fno-sanitize=function)
      # UBSan checks our code, not the code of system headers instantiated in it
      # (cmake/sanitizers/ubsan.ignore): checking every Boost.Beast and Asio coroutine made
      # their files half as slow again to compile, for code that others' sanitizer runs cover.
      # AddressSanitizer still covers everything.
      target_compile_options(ordinal_warnings INTERFACE
        -fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/cmake/sanitizers/ubsan.ignore)
    endif()
  endif()
  if(ORDINAL_SANITIZE MATCHES "thread")
    # ThreadSanitizer does not model fences (GCC even refuses them under it, -Wtsan). Asio's
    # fenced blocks order handler memory that its scheduler's mutex orders as well; without
    # them TSan sees that mutex instead.
    target_compile_definitions(ordinal_warnings INTERFACE BOOST_ASIO_DISABLE_FENCED_BLOCK)
  endif()
endif()
# ORDINAL_FUZZ: coverage instrumentation for libFuzzer, so that the fuzz targets (fuzz/, built
# from tests/CMakeLists.txt) and the tests share one build. Only the libraries the targets reach
# carry it (ordinal_fuzz_coverage, linked by them), and within them only functions of our own
# namespace (cmake/sanitizers/coverage.allow): instrumenting the controllers, the CLI, the tests
# and every Boost, Beast and standard-library instantiation as well made the check build half
# as slow again and each test process start slower, for edges no fuzz target can reach.
option(ORDINAL_FUZZ "Build the libFuzzer targets (fuzz/); needs Clang" OFF)
add_library(ordinal_fuzz_coverage INTERFACE)
if(ORDINAL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ORDINAL_FUZZ needs Clang (libFuzzer); configure with the check preset")
  endif()
  target_compile_options(ordinal_fuzz_coverage INTERFACE -fsanitize=fuzzer-no-link
    -fsanitize-coverage-allowlist=${PROJECT_SOURCE_DIR}/cmake/sanitizers/coverage.allow)
endif()

# ordinal_add_library(name SOURCES...): a static library of ours, rooted at the repository top so
# includes read "identity/registry.hpp".
function(ordinal_add_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ordinal_warnings)
endfunction()

# ordinal_folder_library(name [LIBS...]): the library of one top-level folder, made of every .cpp
# below it (new files need no CMake edit). A folder without sources yet is an interface library.
function(ordinal_folder_library name)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(sources)
    ordinal_add_library(${name} ${sources})
    target_link_libraries(${name} PUBLIC ${ARGN})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ordinal_warnings ${ARGN})
  endif()
endfunction()

# Unity builds (the presets: CMAKE_UNITY_BUILD) compile each target's files in batches of eight,
# so the JSON, Asio and GoogleTest templates every file uses are instantiated and optimised once
# per batch instead of once per file: a clean build takes a third of the CPU time. GCC then
# sees each .cpp as a header of the batch and warns that a coroutine frame holding a type from
# the file's anonymous namespace has internal linkage, which is true and harmless there.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(ordinal_warnings INTERFACE -Wno-subobject-linkage)
endif()
