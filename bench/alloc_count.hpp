// Heap allocations made so far by the calling thread (alloc_count.cpp).
#pragma once

#include <cstdint>

extern "C" std::uint64_t profshim_bench_allocations(void);
