#pragma once

#include <atomic>

namespace fxrack::test {

// Counts heap allocations and frees made by the current thread while a scope is armed.
// The counting operator new/delete live in AllocationCounter.cpp, which a test links in.
struct AllocationCounts {
    long allocations = 0;
    long frees = 0;
};

class ScopedAllocationCounter {
public:
    ScopedAllocationCounter();
    ~ScopedAllocationCounter();
    AllocationCounts counts() const;
};

} // namespace fxrack::test
