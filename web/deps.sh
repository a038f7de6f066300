#!/bin/sh
# Builds, for WebAssembly with Debian's emscripten, every library the engine
# links, from Debian's own source packages (`apt-get source`): zlib (and the
# minizip it ships, which Debian's libxlsxwriter uses), libxlsxwriter, libzip,
# expat, yaml-cpp, simdjson, fmt, spdlog, CLI11 and nlohmann-json. The same
# versions as the native build's -dev packages, so the page writes the same
# bytes as the CLI. Nothing is fetched from anywhere but the Debian mirror.
#
# Needs a deb-src entry for bookworm (web/build.sh adds one when missing) and
# the packages emscripten, dpkg-dev, cmake, make, pkg-config.
#
# Usage: web/deps.sh [PACKAGE...]   (default: all of them)
#
# Layout (all outside the tracked files):
#   build-wasm/src/<package>-<version>/   unpacked Debian sources
#   build-wasm/deps/<package>/            each library's build folder
#   build-wasm/prefix/                    installed headers, .a, cmake and .pc files
# A library is built once; its stamp (build-wasm/prefix/.stamps/<package>)
# names the Debian version, so a second run only checks the stamps.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=${GOVSCORE_WASM_WORK:-$root/build-wasm}
src=$work/src
prefix=$work/prefix
stamps=$prefix/.stamps
export NODE_PATH=/usr/share/nodejs
export EMCC_SKIP_SANITY_CHECK=1
# Debian's emscripten runs on Debian's python3: one found first in PATH
# (a pyenv shim, say) costs a quarter of a second on each of the few hundred
# compiles.
if [ -z "${EMSDK_PYTHON:-}" ] && [ -x /usr/bin/python3 ]; then export EMSDK_PYTHON=/usr/bin/python3; fi
mkdir -p "$src" "$work/deps" "$stamps"

jobs=2

# The version Debian would build of source package $1 (e.g. 1.1.4-2).
version_of() {
  apt-cache showsrc "$1" | sed -n 's/^Version: //p' | head -1
}

# Unpacks source package $1 into $src and prints its folder.
unpack() {
  pkg=$1
  version=$(version_of "$pkg")
  upstream=$(echo "$version" | sed 's/^[0-9]*://; s/-[^-]*$//')
  dir="$src/$pkg-$upstream"
  if [ ! -d "$dir" ]; then
    (cd "$src" && apt-get source -qq "$pkg=$version" >/dev/null 2>&1) ||
      { echo "deps.sh: apt-get source $pkg failed (is there a deb-src line for bookworm?)" >&2; exit 1; }
  fi
  [ -d "$dir" ] || { echo "deps.sh: $dir was not unpacked" >&2; exit 1; }
  echo "$dir"
}

# True when package $1 is already built at the version Debian offers.
built() {
  [ -f "$stamps/$1" ] && [ "$(cat "$stamps/$1")" = "$(version_of "$1")" ]
}
done_with() { version_of "$1" >"$stamps/$1"; echo "deps.sh: built $1 $(cat "$stamps/$1")" >&2; }

# Configures, builds and installs the CMake project in $2 as package $1;
# further arguments go to cmake. emcmake's default emulator for try_run
# (node --experimental-wasm-threads) fails on node 20, so plain node; even
# so a try_run's program cannot run there (emscripten 3.1.6 loads its .wasm
# with node 20's fetch, which fails), so sizes a project measures that way
# are given (wasm32: size_t and long are 4 bytes, off_t 8).
#
# A project's checks of the platform (check_include_file, check_symbol_exists,
# check_type_size …) each compile and link a program with emcc, which takes
# most of the time of libzip's and expat's builds. Their answers for
# emscripten are kept in web/configure-cache/<package>.cmake and preloaded
# (`cmake -C`), so the checks are not run again; `web/deps.sh
# --save-configure-cache PACKAGE` writes that file from a build made without it.
cmake_configure() {
  pkg=$1 dir=$2
  shift 2
  preload=""
  [ -f "$root/web/configure-cache/$pkg.cmake" ] && [ -z "${GOVSCORE_WASM_NO_CACHE:-}" ] &&
    preload="-C$root/web/configure-cache/$pkg.cmake"
  emcmake cmake $preload -S "$dir" -B "$work/deps/$pkg" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_FIND_ROOT_PATH="$prefix" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_POLICY_DEFAULT_CMP0074=NEW -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" "$@" >"$work/deps/$pkg.log" 2>&1 ||
    { tail -30 "$work/deps/$pkg.log" >&2; exit 1; }
}
cmake_install() {
  cmake --build "$work/deps/$1" -j$jobs >>"$work/deps/$1.log" 2>&1 ||
    { grep -A5 'error' "$work/deps/$1.log" | head -30 >&2; exit 1; }
  cmake --install "$work/deps/$1" >>"$work/deps/$1.log" 2>&1 ||
    { tail -30 "$work/deps/$1.log" >&2; exit 1; }
}
cmake_build() {
  cmake_configure "$@"
  cmake_install "$1"
}

flags="-O2"
# C++ libraries throw through the engine (yaml-cpp's parse errors are caught
# there), so they are built with exception catching as the engine is.
cxxflags="-O2 -fexceptions"


# zlib, and minizip from its contrib/ folder as Debian's libminizip is built.
build_zlib() {
  dir=$(unpack zlib)
  rm -rf "$work/deps/zlib" && cp -r "$dir" "$work/deps/zlib"
  (cd "$work/deps/zlib" && CFLAGS="$flags" emconfigure ./configure --static --prefix="$prefix" &&
    emmake make -j$jobs libz.a && emmake make install) >"$work/deps/zlib.log" 2>&1 ||
    { tail -30 "$work/deps/zlib.log" >&2; exit 1; }
  mz="$work/deps/zlib/contrib/minizip"
  mkdir -p "$prefix/include/minizip"
  for f in ioapi zip unzip; do
    emcc $flags -D_FILE_OFFSET_BITS=64 -I"$prefix/include" -c "$mz/$f.c" -o "$mz/$f.o" 2>>"$work/deps/zlib.log"
    cp "$mz/$f.h" "$prefix/include/minizip/"
  done
  cp "$mz/crypt.h" "$prefix/include/minizip/"
  emar rcs "$prefix/lib/libminizip.a" "$mz/ioapi.o" "$mz/zip.o" "$mz/unzip.o"
  done_with zlib
}

build_libxlsxwriter() {
  dir=$(unpack libxlsxwriter)
  cmake_build libxlsxwriter "$dir" -DUSE_SYSTEM_MINIZIP=ON -DMINIZIP_ROOT="$prefix" -DZLIB_ROOT="$prefix" \
    -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DCMAKE_C_FLAGS="$flags"
  done_with libxlsxwriter
}

build_libzip() {
  dir=$(unpack libzip)
  cmake_build libzip "$dir" -DZLIB_ROOT="$prefix" -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
    -DENABLE_GNUTLS=OFF -DENABLE_OPENSSL=OFF -DENABLE_MBEDTLS=OFF -DENABLE_COMMONCRYPTO=OFF -DENABLE_WINDOWS_CRYPTO=OFF \
    -DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_OFF_T=8 -DHAVE_SIZEOF_SIZE_T=TRUE -DSIZEOF_SIZE_T=4 \
    -DHAVE_INT8_T_LIBZIP=TRUE -DINT8_T_LIBZIP=1 -DHAVE_UINT8_T_LIBZIP=TRUE -DUINT8_T_LIBZIP=1 \
    -DHAVE_INT16_T_LIBZIP=TRUE -DINT16_T_LIBZIP=2 -DHAVE_UINT16_T_LIBZIP=TRUE -DUINT16_T_LIBZIP=2 \
    -DHAVE_INT32_T_LIBZIP=TRUE -DINT32_T_LIBZIP=4 -DHAVE_UINT32_T_LIBZIP=TRUE -DUINT32_T_LIBZIP=4 \
    -DHAVE_INT64_T_LIBZIP=TRUE -DINT64_T_LIBZIP=8 -DHAVE_UINT64_T_LIBZIP=TRUE -DUINT64_T_LIBZIP=8 \
    -DHAVE_SHORT_LIBZIP=TRUE -DSHORT_LIBZIP=2 -DHAVE_INT_LIBZIP=TRUE -DINT_LIBZIP=4 \
    -DHAVE_LONG_LIBZIP=TRUE -DLONG_LIBZIP=4 -DHAVE_LONG_LONG_LIBZIP=TRUE -DLONG_LONG_LIBZIP=8 \
    -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF -DCMAKE_C_FLAGS="$flags"
  done_with libzip
}

build_expat() {
  dir=$(unpack expat)
  [ -f "$dir/CMakeLists.txt" ] || dir="$dir/expat"
  cmake_configure expat "$dir" -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
    -DEXPAT_BUILD_DOCS=OFF -DEXPAT_SHARED_LIBS=OFF -DCMAKE_C_FLAGS="$flags"
  # Debian builds expat with autotools, whose config.h says "XML_DTD 1";
  # its security patches test "#if XML_DTD == 1", which CMake's empty
  # "#define XML_DTD" breaks.
  sed -i 's/^#define XML_DTD *$/#define XML_DTD 1/' "$work/deps/expat/expat_config.h"
  grep -q '^#define XML_DTD 1$' "$work/deps/expat/expat_config.h" ||
    { echo "deps.sh: expat_config.h has no XML_DTD" >&2; exit 1; }
  cmake_install expat
  done_with expat
}

build_yaml_cpp() {
  dir=$(unpack yaml-cpp)
  cmake_build yaml-cpp "$dir" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF \
    -DYAML_BUILD_SHARED_LIBS=OFF -DCMAKE_CXX_FLAGS="$cxxflags"
  done_with yaml-cpp
}

build_simdjson() {
  dir=$(unpack simdjson)
  cmake_build simdjson "$dir" -DSIMDJSON_DEVELOPER_MODE=OFF -DSIMDJSON_ENABLE_THREADS=OFF \
    -DSIMDJSON_BUILD_STATIC_LIB=ON -DSIMDJSON_DISABLE_DEPRECATED_API=OFF -DCMAKE_CXX_FLAGS="$cxxflags"
  done_with simdjson
}

build_fmtlib() {
  dir=$(unpack fmtlib)
  cmake_build fmtlib "$dir" -DFMT_TEST=OFF -DFMT_DOC=OFF -DCMAKE_CXX_FLAGS="$cxxflags"
  done_with fmtlib
}

build_spdlog() {
  dir=$(unpack spdlog)
  cmake_build spdlog "$dir" -DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_EXAMPLE=OFF -DSPDLOG_BUILD_TESTS=OFF \
    -DSPDLOG_BUILD_BENCH=OFF -DSPDLOG_NO_THREAD_ID=ON -DSPDLOG_NO_TLS=ON -DCMAKE_CXX_FLAGS="$cxxflags"
  done_with spdlog
}

build_cli11() {
  dir=$(unpack cli11)
  cmake_build cli11 "$dir" -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF -DCLI11_BUILD_DOCS=OFF \
    -DCLI11_PRECOMPILED=OFF
  done_with cli11
}

build_nlohmann_json3() {
  dir=$(unpack nlohmann-json3)
  cmake_build nlohmann-json3 "$dir" -DJSON_BuildTests=OFF -DJSON_Install=ON
  done_with nlohmann-json3
}

# The platform checks' answers of a package built without a preload (see
# cmake_configure), as a preload file: every cached check result, none of
# CMake's own variables nor anything holding a path.
save_configure_cache() {
  cache="$work/deps/$1/CMakeCache.txt"
  [ -f "$cache" ] || { echo "deps.sh: $cache is missing: build $1 first (GOVSCORE_WASM_NO_CACHE=1 web/deps.sh $1)" >&2; exit 1; }
  mkdir -p "$root/web/configure-cache"
  {
    echo "# Platform checks of Debian's $1 $(version_of "$1") for emscripten (wasm32), as its"
    echo "# CMake build found them; preloaded by web/deps.sh. Written by"
    echo "# web/deps.sh --save-configure-cache $1."
    grep -E '^[A-Za-z][A-Za-z0-9_]*:INTERNAL=' "$cache" |
      grep -vE '^(CMAKE_|FIND_PACKAGE_)|-ADVANCED:|-MODIFIED:|_STRINGS:|/' |
      sed -E 's/^([^:]*):INTERNAL=(.*)$/set(\1 "\2" CACHE INTERNAL "")/'
  } >"$root/web/configure-cache/$1.cmake"
  echo "deps.sh: wrote web/configure-cache/$1.cmake" >&2
}
if [ "${1:-}" = "--save-configure-cache" ]; then
  shift
  for pkg in "$@"; do save_configure_cache "$pkg"; done
  exit 0
fi

# Every library, in an order that builds what one needs before it; or only
# those named on the command line (Debian source package names).
all="zlib libxlsxwriter libzip expat yaml-cpp simdjson fmtlib spdlog cli11 nlohmann-json3"
for pkg in ${*:-$all}; do
  case " $all " in *" $pkg "*) ;; *) echo "deps.sh: unknown library $pkg ($all)" >&2; exit 2 ;; esac
  built "$pkg" || "build_$(echo "$pkg" | tr - _)"
done
