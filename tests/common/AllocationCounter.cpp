#include "AllocationCounter.h"

#include <cstdlib>
#include <new>

namespace {
thread_local bool t_armed = false;
thread_local long t_allocations = 0;
thread_local long t_frees = 0;

void* allocate(std::size_t size)
{
    if (t_armed)
        ++t_allocations;
    if (void* p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}

void release(void* p) noexcept
{
    if (p && t_armed)
        ++t_frees;
    std::free(p);
}
} // namespace

void* operator new(std::size_t size)
{
    return allocate(size);
}
void* operator new[](std::size_t size)
{
    return allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept
{
    release(p);
}
void operator delete[](void* p) noexcept
{
    release(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    release(p);
}

namespace fxrack::test {

ScopedAllocationCounter::ScopedAllocationCounter()
{
    t_allocations = t_frees = 0;
    t_armed = true;
}

ScopedAllocationCounter::~ScopedAllocationCounter()
{
    t_armed = false;
}

AllocationCounts ScopedAllocationCounter::counts() const
{
    return {t_allocations, t_frees};
}

} // namespace fxrack::test
