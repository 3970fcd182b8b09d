# Batch throughput: I/O floor, the seed chain through fxrack-cli (1 and 2 jobs) and StreamProcessor, SoX,
# and peak memory short vs long file, measured in one run (io engineer's part).
add_executable(bench_batch ${CMAKE_CURRENT_LIST_DIR}/bench_batch.cpp)
target_link_libraries(bench_batch PRIVATE fxrack_io PkgConfig::SNDFILE fxrack_warnings)
target_include_directories(bench_batch PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_compile_options(bench_batch PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
target_compile_definitions(bench_batch PRIVATE FXRACK_CLI_PATH="$<TARGET_FILE:fxrack-cli>")
add_dependencies(bench_batch fxrack-cli)
