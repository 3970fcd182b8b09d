# The GPU runner against the CPU path a real job takes (CUDA engineer's part). Built everywhere;
# without the module or a device it prints the CPU rows and says why.
add_executable(bench_cuda ${CMAKE_CURRENT_LIST_DIR}/bench_cuda.cpp)
target_link_libraries(bench_cuda PRIVATE fxrack_io fxrack_cuda fxrack_dsp fxrack_warnings)
target_compile_options(bench_cuda PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
