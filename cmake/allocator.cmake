# The memory allocator of ordinal's executables: tcmalloc (gperftools' minimal build, Debian's
# libtcmalloc-minimal4) unless a sanitizer brings its own.
#
# Why: building the DNS zone and loading the store make and free millions of small objects
# (JSON nodes, names, records). Under glibc's malloc, 40 % of a 100,000-pod zone rebuild went to
# malloc and free themselves (bin consolidation, chunk unlinking). With tcmalloc's size classes
# and per-thread caches, in alternating runs on one store: full rebuild 3.6 -> 2.5 s, relist
# 7.3 -> 4.2 s, a readiness change 610 -> 340 us, peak memory 2.14 -> 1.53 GB (see
# bench/scale/README.md). jemalloc was tried beside it: the same memory, slower builds.
#
# ORDINAL_ALLOCATOR=system keeps glibc's malloc (for comparisons, or a system without
# gperftools).
set(ORDINAL_ALLOCATOR "tcmalloc" CACHE STRING "Allocator of the executables: tcmalloc | system")
add_library(ordinal_allocator INTERFACE)
if(ORDINAL_ALLOCATOR STREQUAL "tcmalloc" AND NOT ORDINAL_SANITIZE)
  pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)
  # Nothing calls tcmalloc by name: keep the library even where the linker drops unused ones.
  target_link_libraries(ordinal_allocator INTERFACE
    "-Wl,--push-state,--no-as-needed" PkgConfig::TCMALLOC "-Wl,--pop-state")
  # Compiled into each executable (a static library's unreferenced object would be dropped):
  # the heap on transparent huge pages.
  target_sources(ordinal_allocator INTERFACE ${CMAKE_SOURCE_DIR}/tools/huge_page_heap.cpp)
endif()
