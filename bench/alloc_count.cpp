// Heap allocations, counted by interposing malloc and its kin.
//
// Linked into profshim_bench, these definitions come first in the process's symbol lookup,
// so every allocation made by the benchmark, by libprofshim.so (dlopen'ed), by libldap and
// by libstdc++ (operator new calls malloc) lands here. Built as profshim_alloc_count.so
// with PROFSHIM_ALLOC_COUNT_PRELOAD, the same code is LD_PRELOAD'ed into the Python baseline
// (run with PYTHONMALLOC=malloc, so that every Python object is a malloc) and read through
// ctypes.
//
// Every function forwards to glibc's own allocator (__libc_malloc and friends), so memory
// from any entry point can be freed by any other; nothing is allocated here.
#include <cerrno>
#include <cstddef>
#include <cstdint>

#include "alloc_count.hpp"

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void __libc_free(void* pointer);
void* __libc_memalign(std::size_t alignment, std::size_t size);
}

namespace {

#if defined(PROFSHIM_ALLOC_COUNT_PRELOAD)
// Python holds the GIL around every allocation it counts; relaxed is enough.
std::uint64_t g_allocations = 0;
inline void count_one() { __atomic_fetch_add(&g_allocations, 1, __ATOMIC_RELAXED); }
inline std::uint64_t read_count() { return __atomic_load_n(&g_allocations, __ATOMIC_RELAXED); }
#else
// Per thread, so the benchmark thread counts its own calls only; the executable's static
// TLS is a plain %fs-relative add, so the count costs a baseline's malloc next to nothing.
thread_local std::uint64_t t_allocations = 0;
inline void count_one() { ++t_allocations; }
inline std::uint64_t read_count() { return t_allocations; }
#endif

}  // namespace

extern "C" {

__attribute__((visibility("default"))) std::uint64_t profshim_bench_allocations(void) {
    return read_count();
}

__attribute__((visibility("default"))) void* malloc(std::size_t size) {
    count_one();
    return __libc_malloc(size);
}

__attribute__((visibility("default"))) void* calloc(std::size_t count, std::size_t size) {
    count_one();
    return __libc_calloc(count, size);
}

__attribute__((visibility("default"))) void* realloc(void* pointer, std::size_t size) {
    count_one();
    return __libc_realloc(pointer, size);
}

__attribute__((visibility("default"))) void free(void* pointer) { __libc_free(pointer); }

__attribute__((visibility("default"))) void* memalign(std::size_t alignment, std::size_t size) {
    count_one();
    return __libc_memalign(alignment, size);
}

__attribute__((visibility("default"))) void* aligned_alloc(std::size_t alignment, std::size_t size) {
    count_one();
    return __libc_memalign(alignment, size);
}

__attribute__((visibility("default"))) int posix_memalign(void** result, std::size_t alignment,
                                                          std::size_t size) {
    if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_one();
    void* pointer = __libc_memalign(alignment, size);
    if (pointer == nullptr) return ENOMEM;
    *result = pointer;
    return 0;
}

}  // extern "C"
