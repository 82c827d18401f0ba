// guarded_memory.hpp - memory whose usable bytes end exactly where an inaccessible page
// begins. An input placed there proves that the library reads no unit past the length rules
// (profshim.h section 2 and 4: "never reads info beyond the length rules"), and an output buffer
// placed there proves that it writes nothing past `cap` (section 8): either mistake is an
// access violation, which fails the test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#ifdef _WIN32
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  ifndef NOMINMAX
#    define NOMINMAX
#  endif
#  include <windows.h>
#else
#  include <sys/mman.h>
#  include <unistd.h>
#endif

namespace psh_abi {

class GuardedMemory {
public:
    // `bytes` usable bytes (0 allowed: data() then points at the guard page itself).
    explicit GuardedMemory(size_t bytes) : bytes_(bytes) {
        const size_t page = page_size();
        const size_t data_pages = (bytes + page - 1) / page;
        total_ = (data_pages + 1) * page;
#ifdef _WIN32
        base_ = static_cast<unsigned char*>(
            ::VirtualAlloc(nullptr, total_, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
        if (base_ == nullptr) throw std::runtime_error("VirtualAlloc failed");
        DWORD old = 0;
        if (!::VirtualProtect(base_ + data_pages * page, page, PAGE_NOACCESS, &old))
            throw std::runtime_error("VirtualProtect failed");
#else
        void* p = ::mmap(nullptr, total_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::runtime_error("mmap failed");
        base_ = static_cast<unsigned char*>(p);
        if (::mprotect(base_ + data_pages * page, page, PROT_NONE) != 0)
            throw std::runtime_error("mprotect failed");
#endif
        data_ = base_ + data_pages * page - bytes;
    }
    GuardedMemory(const GuardedMemory&) = delete;
    GuardedMemory& operator=(const GuardedMemory&) = delete;
    ~GuardedMemory() {
#ifdef _WIN32
        ::VirtualFree(base_, 0, MEM_RELEASE);
#else
        ::munmap(base_, total_);
#endif
    }

    unsigned char* data() { return data_; }
    size_t size() const { return bytes_; }

    static size_t page_size() {
#ifdef _WIN32
        SYSTEM_INFO si;
        ::GetSystemInfo(&si);
        return si.dwPageSize;
#else
        return static_cast<size_t>(::sysconf(_SC_PAGESIZE));
#endif
    }

private:
    size_t bytes_ = 0;
    size_t total_ = 0;
    unsigned char* base_ = nullptr;
    unsigned char* data_ = nullptr;
};

// `count` units of U, the last of which sits right before the guard page.
template <class U>
class GuardedUnits {
public:
    explicit GuardedUnits(size_t count) : mem_(count * sizeof(U)), count_(count) {}
    // The units of `content`, then a NUL when `nul_terminated`; nothing readable after.
    GuardedUnits(const std::vector<U>& content, bool nul_terminated)
        : GuardedUnits(content.size() + (nul_terminated ? 1 : 0)) {
        if (!content.empty()) std::memcpy(mem_.data(), content.data(), content.size() * sizeof(U));
        if (nul_terminated) data()[content.size()] = U(0);
    }
    U* data() { return reinterpret_cast<U*>(mem_.data()); }
    size_t size() const { return count_; }
    std::vector<U> to_vector() const {
        const U* p = reinterpret_cast<const U*>(const_cast<GuardedMemory&>(mem_).data());
        return std::vector<U>(p, p + count_);
    }

private:
    GuardedMemory mem_;
    size_t count_;
};

}  // namespace psh_abi
