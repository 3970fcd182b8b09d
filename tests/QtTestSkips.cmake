# A Qt Test whose every case skips (QSKIP) exits 0, so CTest would call it Passed. This marks such a
# run as Skipped: its output's totals count no failure, some skips, and at most the two passes Qt
# always counts for initTestCase and cleanupTestCase (with initTestCase skipped, only the one for
# cleanupTestCase). A test with one real case passing beside skipped ones has 3 or more passes and
# stays Passed; the reasons are in the test's output ("SKIP   : ..."), as QSKIP gives them.
# CTest calls a test whose output matches Skipped whatever its exit status, so the totals must end
# the output: a failure reported after them (a sanitizer's report and its exit status) leaves the
# exit status to decide, and so does a crash (tests/test_qt_skips.sh). Qt Test itself exits
# non-zero only with a failure in its totals.
set(FXRACK_QT_ALL_SKIPPED
    "Totals: [0-2] passed, 0 failed, [1-9][0-9]* skipped[^\n]*\n[*]+ Finished testing of [^\n]*[*]+\n*$")

# Every Qt Test registration calls this, in the directory that added the test (CMake before 3.28
# sets test properties only there). A test that sets its own SKIP_REGULAR_EXPRESSION afterwards
# (tests/cuda/runner) keeps its own.
function(fxrack_mark_qt_skips test)
    set_tests_properties(${test} PROPERTIES SKIP_REGULAR_EXPRESSION "${FXRACK_QT_ALL_SKIPPED}")
endfunction()
