#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>

namespace fxrack::realtime {

// A bounded wait-free single-producer single-consumer queue of trivially copyable messages.
//
// Why not moodycamel::ReaderWriterQueue (docs/architecture.md prefers a well-kept queue)? Its try_enqueue is
// allocation-free, but it orders memory with standalone fences on relaxed atomics, which
// ThreadSanitizer does not model, so our TSan CI job would report false races in it (and
// suppressing them would hide real ones). This ring is the same algorithm in 60 lines with
// acquire/release on the indices themselves: indices on their own cache lines, a cached
// copy of the other side's index, relaxed load of one's own index, acquire of the other's,
// release on publish. Capacity is fixed at construction (the only allocation).
template <typename T> class SpscQueue {
    static_assert(std::is_trivially_copyable_v<T>, "SPSC messages must be trivially copyable");

public:
    // Control thread, before the queue is shared: allocates `capacity` slots.
    explicit SpscQueue(size_t capacity) : m_size(capacity + 1), m_slots(std::make_unique<T[]>(capacity + 1))
    {}
    SpscQueue(const SpscQueue&) = delete;
    SpscQueue& operator=(const SpscQueue&) = delete;

    // Producer thread only; wait-free. False when full (the caller counts a drop).
    bool tryPush(const T& value) noexcept
    {
        const size_t tail = m_tail.load(std::memory_order_relaxed);
        size_t next = tail + 1;
        if (next == m_size)
            next = 0;
        if (next == m_headCache) {
            m_headCache = m_head.load(std::memory_order_acquire);
            if (next == m_headCache)
                return false;
        }
        m_slots[tail] = value;
        m_tail.store(next, std::memory_order_release);
        return true;
    }

    // Consumer thread only; wait-free. False when empty.
    bool tryPop(T& value) noexcept
    {
        const size_t head = m_head.load(std::memory_order_relaxed);
        if (head == m_tailCache) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            if (head == m_tailCache)
                return false;
        }
        value = m_slots[head];
        size_t next = head + 1;
        if (next == m_size)
            next = 0;
        m_head.store(next, std::memory_order_release);
        return true;
    }

    size_t capacity() const noexcept { return m_size - 1; }
    // Approximate (either thread); exact when the other side is idle.
    size_t sizeApprox() const noexcept
    {
        const size_t h = m_head.load(std::memory_order_acquire);
        const size_t t = m_tail.load(std::memory_order_acquire);
        return t >= h ? t - h : t + m_size - h;
    }

private:
    static constexpr size_t kLine = 64;
    const size_t m_size;
    std::unique_ptr<T[]> m_slots;
    alignas(kLine) std::atomic<size_t> m_head{0}; // written by the consumer
    alignas(kLine) size_t m_tailCache = 0;        // consumer's copy of m_tail
    alignas(kLine) std::atomic<size_t> m_tail{0}; // written by the producer
    alignas(kLine) size_t m_headCache = 0;        // producer's copy of m_head
    char m_pad[kLine - sizeof(size_t)] = {};
};

} // namespace fxrack::realtime
