# MIDI control: MIDI-to-audio latency and a 10,000 CC/s flood on a real JACK server (dummy driver).
add_executable(bench_midi ${CMAKE_CURRENT_LIST_DIR}/bench_midi.cpp)
target_link_libraries(bench_midi PRIVATE fxrack_midi fxrack_realtime fxrack_testsupport fxrack_warnings)
target_compile_options(bench_midi PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
