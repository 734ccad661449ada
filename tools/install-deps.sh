#!/usr/bin/env bash
# Installs the Debian 12 packages ordinal needs to build, test and run; with --bench also the
# load generator dnsperf and gnuplot for the benchmark's plots; with --check Clang 14 and its
# sanitizer and libFuzzer run-times. Knot DNS and NSD are always
# installed: the tests run them as secondaries of ordinal and the benchmark compares against
# them, each time started with configurations of their own, never as system services.
# Idempotent: prints nothing and touches nothing when every package is present.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config make clang-format
  # libraries
  libboost-dev libldns-dev libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev libcli11-dev libssl-dev
  # the executables' allocator (tcmalloc; cmake/allocator.cmake)
  libgoogle-perftools-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev dnsutils knot-dnsutils curl zsh unbound knot nsd
  etcd-server etcd-client redis-server redis-tools
  valgrind
  # the security tests make throwaway certificates with it
  openssl
)
case "${1:-}" in
  --bench) packages+=(dnsperf gnuplot-nox) ;;
  # The `check` preset and `make fuzz`: Clang with its sanitizer and libFuzzer run-times.
  --check) packages+=(clang-14 libclang-rt-14-dev) ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
