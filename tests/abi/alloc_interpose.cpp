// alloc_interpose.cpp - malloc and operator new replaced in the executable, counting while
// alloc::start() .. alloc::stop() is on, and forwarding to glibc's own allocator
// (__libc_malloc and friends, which glibc exports for this use). Linux/glibc only.
#include <cerrno>
#include <cstddef>
#include <new>

#include <unistd.h>

#include "alloc_counter.hpp"

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);
void* __libc_memalign(size_t, size_t);
}

namespace psh_abi::alloc {
namespace {
std::atomic<bool> g_on{false};
std::atomic<long> g_mallocs{0}, g_news{0}, g_frees{0};
std::atomic<bool> g_seen{false};  // any call at all reached our definitions

inline void note_malloc() {
    g_seen.store(true, std::memory_order_relaxed);
    if (g_on.load(std::memory_order_relaxed)) g_mallocs.fetch_add(1, std::memory_order_relaxed);
}
inline void note_new() {
    g_seen.store(true, std::memory_order_relaxed);
    if (g_on.load(std::memory_order_relaxed)) g_news.fetch_add(1, std::memory_order_relaxed);
}
inline void note_free(void* p) {
    if (p != nullptr && g_on.load(std::memory_order_relaxed)) g_frees.fetch_add(1, std::memory_order_relaxed);
}
void* new_or_throw(size_t n) {
    note_new();
    void* p = __libc_malloc(n == 0 ? 1 : n);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}
void* aligned_new_or_throw(size_t n, std::align_val_t al) {
    note_new();
    void* p = __libc_memalign(static_cast<size_t>(al), n == 0 ? 1 : n);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}
}  // namespace

void start() {
    g_mallocs = 0;
    g_news = 0;
    g_frees = 0;
    g_on = true;
}
Counts stop() {
    g_on = false;
    return Counts{g_mallocs.load(), g_news.load(), g_frees.load()};
}
bool interposed() { return g_seen.load(); }

}  // namespace psh_abi::alloc

using psh_abi::alloc::note_free;
using psh_abi::alloc::note_malloc;

extern "C" {
void* malloc(size_t n) {
    note_malloc();
    return __libc_malloc(n);
}
void* calloc(size_t n, size_t size) {
    note_malloc();
    return __libc_calloc(n, size);
}
void* realloc(void* p, size_t n) {
    note_malloc();
    return __libc_realloc(p, n);
}
void free(void* p) {
    note_free(p);
    __libc_free(p);
}
void* memalign(size_t al, size_t n) {
    note_malloc();
    return __libc_memalign(al, n);
}
void* aligned_alloc(size_t al, size_t n) {
    note_malloc();
    return __libc_memalign(al, n);
}
int posix_memalign(void** out, size_t al, size_t n) {
    note_malloc();
    void* p = __libc_memalign(al, n);
    if (p == nullptr) return ENOMEM;
    *out = p;
    return 0;
}
void* valloc(size_t n) {
    note_malloc();
    return __libc_memalign(static_cast<size_t>(sysconf(_SC_PAGESIZE)), n);
}
void* pvalloc(size_t n) {
    note_malloc();
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return __libc_memalign(page, (n + page - 1) / page * page);
}
}

using psh_abi::alloc::aligned_new_or_throw;
using psh_abi::alloc::new_or_throw;

void* operator new(size_t n) { return new_or_throw(n); }
void* operator new[](size_t n) { return new_or_throw(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
    try { return new_or_throw(n); } catch (...) { return nullptr; }
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
    try { return new_or_throw(n); } catch (...) { return nullptr; }
}
void* operator new(size_t n, std::align_val_t al) { return aligned_new_or_throw(n, al); }
void* operator new[](size_t n, std::align_val_t al) { return aligned_new_or_throw(n, al); }
void* operator new(size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
    try { return aligned_new_or_throw(n, al); } catch (...) { return nullptr; }
}
void* operator new[](size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
    try { return aligned_new_or_throw(n, al); } catch (...) { return nullptr; }
}
void operator delete(void* p) noexcept { note_free(p); __libc_free(p); }
void operator delete[](void* p) noexcept { note_free(p); __libc_free(p); }
void operator delete(void* p, size_t) noexcept { note_free(p); __libc_free(p); }
void operator delete[](void* p, size_t) noexcept { note_free(p); __libc_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { note_free(p); __libc_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { note_free(p); __libc_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { note_free(p); __libc_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { note_free(p); __libc_free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { note_free(p); __libc_free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { note_free(p); __libc_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { note_free(p); __libc_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { note_free(p); __libc_free(p); }
