# DSP throughput: every effect, the seed chain, against a bare biquad loop measured in the same run.
add_executable(bench_dsp ${CMAKE_CURRENT_LIST_DIR}/bench_dsp.cpp)
target_link_libraries(bench_dsp PRIVATE fxrack_dsp fxrack_warnings PkgConfig::SNDFILE)
target_compile_options(bench_dsp PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
