// alloc_counter.hpp - counts the heap allocations of the whole process while switched on.
// alloc_interpose.cpp defines malloc, calloc, realloc, free, the aligned allocators and every
// operator new/delete in the test executable (glibc only). The executable exports them, so
// they come first in the global symbol scope, and libprofshim, loaded later with dlopen, binds
// its malloc and operator new calls (through its PLT) to them too.
#pragma once

#include <atomic>

namespace psh_abi::alloc {

struct Counts {
    long mallocs = 0;  // malloc, calloc, realloc, memalign, posix_memalign, aligned_alloc, valloc, pvalloc
    long news = 0;     // every operator new and new[]
    long frees = 0;    // free of a non-NULL pointer, every operator delete of one
};

void start();     // zero the counts and count from now
Counts stop();    // stop counting and return the counts
bool interposed(); // true when this executable's definitions are the ones in use

}  // namespace psh_abi::alloc
