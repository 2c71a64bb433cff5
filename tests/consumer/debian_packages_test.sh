#!/usr/bin/env bash
# Debian packages test (CTest consumer.debian_packages, shared build): cpack makes the .debs from
# the build under test; they are unpacked with dpkg-deb -x into a temporary root (no system
# install, no root needed) and checked: names, Depends (dpkg-shlibdeps found libcurl4), SONAME,
# contents. Then a find_package(closeio COMPONENTS testing static) consumer is built against the
# unpacked /usr and run (it talks to the packaged emulator library in-process), and the packaged
# closeio-fake-server and closeio-outcomes run against each other without LD_LIBRARY_PATH.
#
#   debian_packages_test.sh --build-dir DIR --work-dir DIR --source-dir DIR
#                           [--cpack CPACK] [--cmake CMAKE] [--build-type TYPE]
set -euo pipefail

cpack=cpack cmake=cmake build_type=RelWithDebInfo build_dir="" work_dir="" source_dir=""
while (($#)); do
  case $1 in
    --build-dir) build_dir=$2 ;;
    --work-dir) work_dir=$2 ;;
    --source-dir) source_dir=$2 ;;
    --cpack) cpack=$2 ;;
    --cmake) cmake=$2 ;;
    --build-type) build_type=$2 ;;
    *) echo "debian_packages_test: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
if [[ -z $build_dir || -z $work_dir || -z $source_dir ]]; then
  echo "debian_packages_test: --build-dir, --work-dir and --source-dir are required" >&2
  exit 2
fi

fail() {
  echo "debian_packages_test: FAIL: $*" >&2
  exit 1
}
step() { printf 'debian_packages_test: %s\n' "$*"; }

rm -rf "$work_dir"
mkdir -p "$work_dir/packages" "$work_dir/root"

step "cpack -G DEB"
"$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work_dir/packages" \
  >"$work_dir/cpack.log" 2>&1 || { cat "$work_dir/cpack.log" >&2; fail "cpack failed"; }

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
[[ -n $version ]] || fail "no CPACK_PACKAGE_VERSION in $build_dir/CPackConfig.cmake"
major=${version%%.*}
deb() {  # the .deb of package $1
  local files=("$work_dir/packages/$1_${version}-1_"*.deb)
  [[ -f ${files[0]} ]] || fail "package $1 was not built (have: $(ls "$work_dir/packages"))"
  echo "${files[0]}"
}
field() { dpkg-deb -f "$(deb "$1")" "$2"; }
expect_depends() {  # package, regex that Depends must match
  local depends
  depends=$(field "$1" Depends)
  [[ $depends =~ $2 ]] || fail "$1 Depends '$depends' does not match /$2/"
  step "$1 Depends: $depends"
}
listing() { dpkg-deb -c "$(deb "$1")"; }
expect_file() {  # package, path (a regex over dpkg-deb -c's listing)
  local files
  files=$(listing "$1")
  grep -Eq " \\./$2( ->|$)" <<<"$files" || fail "$1 does not contain $2"
}

runtime=libcloseio$major testing_runtime=libcloseio-testing$major
for package in "$runtime" libcloseio-dev "$testing_runtime" libcloseio-testing-dev closeio-tools; do
  deb "$package" >/dev/null
  [[ $(field "$package" Package) == "$package" ]] || fail "$(deb "$package") is not $package"
done

same="\\(= ${version//./\\.}-1\\)"
expect_depends "$runtime" "libcurl4 "
expect_depends "$runtime" "libc6 "
expect_depends libcloseio-dev "$runtime $same"
expect_depends libcloseio-dev "libcurl4-openssl-dev"
expect_depends libcloseio-dev "libssl-dev"
expect_depends "$runtime" "libssl3 "
expect_depends "$testing_runtime" "$runtime $same"
expect_depends libcloseio-testing-dev "libcloseio-dev $same"
expect_depends libcloseio-testing-dev "libgmock-dev"
expect_depends closeio-tools "$runtime $same"
expect_depends closeio-tools "$testing_runtime $same"

libdir=usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
expect_file "$runtime" "$libdir/libcloseio\\.so\\.$major"
expect_file "$runtime" "$libdir/libcloseio\\.so\\.$version"
expect_file libcloseio-dev "$libdir/libcloseio\\.so"
expect_file libcloseio-dev "$libdir/libcloseio\\.a"
expect_file libcloseio-dev "usr/include/closeio/closeio\\.hpp"
expect_file libcloseio-dev "$libdir/cmake/closeio/closeioConfig\\.cmake"
expect_file libcloseio-dev "$libdir/pkgconfig/closeio\\.pc"
expect_file libcloseio-testing-dev "usr/include/closeio/testing/fake_close_server\\.hpp"
expect_file libcloseio-testing-dev "$libdir/pkgconfig/closeio-testing\\.pc"
expect_file closeio-tools "usr/bin/closeio-outcomes"
expect_file closeio-tools "usr/bin/closeio-fake-server"
expect_file closeio-tools "usr/share/closeio/sample-outcomes\\.json"
# The runtime package holds no development file (headers, archive, .pc, CMake files, the
# unversioned libcloseio.so), and the -dev package no versioned library.
files=$(listing "$runtime")
if grep -Eq '\.(hpp|a|pc|cmake)$|/libcloseio\.so ->' <<<"$files"; then
  echo "$files" >&2
  fail "$runtime carries development files"
fi
files=$(listing libcloseio-dev)
if grep -Eq '/libcloseio\.so\.[0-9]' <<<"$files"; then
  echo "$files" >&2
  fail "libcloseio-dev carries the runtime library"
fi

step "unpack into $work_dir/root"
for file in "$work_dir/packages"/*.deb; do
  dpkg-deb -x "$file" "$work_dir/root"
done
root=$work_dir/root
soname=$(objdump -p "$root/$libdir/libcloseio.so.$version" | awk '$1 == "SONAME" { print $2 }')
[[ $soname == "libcloseio.so.$major" ]] || fail "SONAME is '$soname', expected libcloseio.so.$major"
step "SONAME $soname"

step "find_package consumer against the unpacked packages"
"$cmake" -S "$source_dir/tests/consumer/find_package" -B "$work_dir/consumer" \
  -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_PREFIX_PATH="$root/usr" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCLOSEIO_EXPECT_STATIC_COMPONENT=ON \
  >"$work_dir/consumer.log" 2>&1 || { cat "$work_dir/consumer.log" >&2; fail "configure"; }
grep -q "closeio" "$work_dir/consumer/CMakeCache.txt"
grep -F "closeio_DIR:PATH=$root/usr/" "$work_dir/consumer/CMakeCache.txt" >/dev/null ||
  fail "find_package(closeio) did not find the unpacked package: $(grep closeio_DIR "$work_dir/consumer/CMakeCache.txt")"
"$cmake" --build "$work_dir/consumer" --parallel 2 >>"$work_dir/consumer.log" 2>&1 ||
  { cat "$work_dir/consumer.log" >&2; fail "build"; }
unset LD_LIBRARY_PATH
"$work_dir/consumer/app" || fail "the find_package consumer failed"
"$work_dir/consumer/app_static" || fail "the closeio::closeio_static consumer failed"
# resolved PROGRAM LIBRARY: the file the dynamic loader picks for LIBRARY, symlinks resolved.
resolved() { realpath -e "$(ldd "$1" | awk -v lib="$2" '$1 == lib { print $3 }')" 2>/dev/null; }
packaged=$(realpath -e "$root/$libdir/libcloseio.so.$major")
[[ $(resolved "$work_dir/consumer/app" "libcloseio.so.$major") == "$packaged" ]] ||
  fail "the consumer does not use the packaged libcloseio.so.$major"

step "the packaged tools, without LD_LIBRARY_PATH"
for tool in closeio-outcomes closeio-fake-server; do
  [[ $(resolved "$root/usr/bin/$tool" "libcloseio.so.$major") == "$packaged" ]] ||
    fail "$tool does not find the packaged libcloseio.so.$major through its RPATH"
done
# shellcheck source=scripts/lib/servers.bash
source "$source_dir/scripts/lib/servers.bash"
trap stop_all_servers EXIT
server="" server_PID=""
start_logged_server server "$work_dir/fake-server.log" 'listening on (http://[^ ]+)' 30 \
  "$root/usr/bin/closeio-fake-server" --port 0 --seed-file "$root/usr/share/closeio/sample-outcomes.json"
seeded=$(grep -o '"name"' "$root/usr/share/closeio/sample-outcomes.json" | wc -l)
listed=$(CLOSE_API_KEY=test-api-key CLOSE_API_BASE_URL=$server no_proxy=127.0.0.1 \
  "$root/usr/bin/closeio-outcomes" list --format json </dev/null | grep -c '"id":"outcome_') ||
  fail "closeio-outcomes list against the packaged closeio-fake-server failed"
((listed == seeded)) || fail "listed $listed outcomes, the sample data holds $seeded"
stop_server "$server_PID" || fail "closeio-fake-server did not stop cleanly"
step "closeio-outcomes listed the $listed sample outcomes from closeio-fake-server"
step "ok"
