# Every dependency is a Debian 12 package installed by tools/install-deps.sh.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 REQUIRED)
# TLS for the API server and the client (Boost.Asio SSL), token digests.
find_package(OpenSSL 3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LDNS REQUIRED IMPORTED_TARGET ldns)

add_library(ordinal_boost INTERFACE)
target_include_directories(ordinal_boost SYSTEM INTERFACE ${Boost_INCLUDE_DIRS})
# Asio/Beast as header-only, with C++20 coroutines.
target_compile_definitions(ordinal_boost INTERFACE BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
target_link_libraries(ordinal_boost INTERFACE Threads::Threads)
# Boost 1.74 enables co_await under Clang only with libc++'s <experimental/coroutine>; Clang 14
# with libstdc++ 12 has the standard <coroutine>, which Asio then uses (it checks the library
# part separately).
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_definitions(ordinal_boost INTERFACE BOOST_ASIO_HAS_CO_AWAIT=1)
endif()

