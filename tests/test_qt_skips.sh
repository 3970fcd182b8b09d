#!/usr/bin/env bash
# tests/QtTestSkips.cmake under CTest itself: a small project registers fake Qt Tests (scripts that
# print what a Qt Test prints) with fxrack_mark_qt_skips, and CTest must call each what it is.
#  - every case skipped, exit 0: Skipped
#  - some cases passed beside skipped ones: Passed
#  - a case failed: Failed
#  - every case skipped, then a failure after the totals (a sanitizer's report and its exit
#    status, a crash in a destructor): Failed, never Skipped
# Usage: test_qt_skips.sh CMAKE CTEST QTTESTSKIPS_CMAKE
set -euo pipefail
cmake=$1 ctest=$2 skips=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/fake_qt_test.sh" <<'EOF'
#!/bin/sh
echo "********* Start testing of TestFake *********"
case "$1" in
partial)
    echo "PASS   : TestFake::initTestCase()"
    echo "SKIP   : TestFake::a() no device"
    echo "PASS   : TestFake::b()"
    echo "PASS   : TestFake::cleanupTestCase()"
    echo "Totals: 3 passed, 0 failed, 1 skipped, 0 blacklisted, 5ms" ;;
failed)
    echo "FAIL!  : TestFake::b() 'x' returned FALSE."
    echo "Totals: 2 passed, 1 failed, 1 skipped, 0 blacklisted, 5ms" ;;
*)
    echo "PASS   : TestFake::initTestCase()"
    echo "SKIP   : TestFake::a() no device"
    echo "PASS   : TestFake::cleanupTestCase()"
    echo "Totals: 2 passed, 0 failed, 1 skipped, 0 blacklisted, 5ms" ;;
esac
echo "********* Finished testing of TestFake *********"
case "$1" in
failed) exit 1 ;;
skipped_then_crash) kill -SEGV $$ ;;
skipped_then_sanitizer)
    echo "==42==ERROR: LeakSanitizer: detected memory leaks" >&2
    echo "SUMMARY: AddressSanitizer: 64 byte(s) leaked in 1 allocation(s)." >&2
    exit 23 ;;
esac
exit 0
EOF

cat >"$work/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(qt_skips_check NONE)
enable_testing()
include("$skips")
foreach(name skipped partial failed skipped_then_crash skipped_then_sanitizer)
    add_test(NAME \${name} COMMAND sh "$work/fake_qt_test.sh" \${name})
    fxrack_mark_qt_skips(\${name})
endforeach()
EOF

"$cmake" -S "$work" -B "$work/build" >/dev/null
"$ctest" --test-dir "$work/build" >"$work/ctest.log" 2>&1 || true
cat "$work/ctest.log"

status=0
expect() { # NAME WORD: CTest's line for the test NAME says WORD
    if ! grep -Eq "Test +#[0-9]+: $1 \.+[* ]*$2" "$work/ctest.log"; then
        echo "FAIL: $1 should be $2"
        status=1
    fi
}
expect skipped 'Skipped'
expect partial 'Passed'
expect failed 'Failed'
expect skipped_then_crash 'Exception'
expect skipped_then_sanitizer 'Failed'
exit $status
