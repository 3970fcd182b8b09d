# Real-time callback cost: the seed chain through the offline backend beside a bare copy callback,
# then through a real JACK server (dummy driver).
add_executable(bench_realtime ${CMAKE_CURRENT_LIST_DIR}/bench_realtime.cpp)
target_link_libraries(bench_realtime PRIVATE fxrack_realtime fxrack_testsupport fxrack_warnings)
target_compile_options(bench_realtime PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
