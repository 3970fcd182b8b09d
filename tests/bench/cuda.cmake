# Block-decomposed IIR on the GPU against the CPU paths of the same machine (CUDA engineer's
# part); only where fxrack_cuda is built. Without a device it prints the CPU rows and says why.
if(TARGET fxrack_cuda)
    add_executable(bench_cuda ${CMAKE_CURRENT_LIST_DIR}/bench_cuda.cpp)
    target_link_libraries(bench_cuda PRIVATE fxrack_cuda fxrack_dsp fxrack_warnings)
    target_compile_options(bench_cuda PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
endif()
