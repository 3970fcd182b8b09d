# The seed tutorial's real-time examples in C++ (realtime engineer's part): each compiles
# against the public headers and runs in CI against a JACK dummy server started by the test.
file(GLOB realtime_examples CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/tst_*realtime*.cpp)
foreach(source ${realtime_examples})
    get_filename_component(name ${source} NAME_WE)
    set(target seed_${name})
    add_executable(${target} ${source})
    set_target_properties(${target} PROPERTIES AUTOMOC ON)
    target_link_libraries(${target} PRIVATE fxrack_realtime fxrack_testsupport Qt6::Test fxrack_warnings)
    add_test(NAME seed/${name} COMMAND ${target})
    set_tests_properties(seed/${name} PROPERTIES LABELS seed TIMEOUT 120 RUN_SERIAL TRUE)
    fxrack_mark_qt_skips(seed/${name})
endforeach()
