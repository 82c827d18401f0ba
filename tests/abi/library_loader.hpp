// library_loader.hpp - load a shared library by path and look up its exports by name, the
// way a VB6 `Declare`, a VBA macro or a .NET P/Invoke caller does it: the ABI tests never link
// profshim, they only see what its export table offers.
//
// Linux and other POSIX systems: dlopen / dlsym. Windows: LoadLibraryW / GetProcAddress (the
// same test sources build for both; the path is given as UTF-8 and widened here).
#pragma once

#include <string>
#include <utility>

#ifdef _WIN32
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  ifndef NOMINMAX
#    define NOMINMAX
#  endif
#  include <windows.h>
#else
#  include <dlfcn.h>
#endif

namespace psh_abi {

// Any function pointer; cast to the right type with reinterpret_cast before calling.
using RawFunction = void (*)();

class LibraryLoader {
public:
    LibraryLoader() = default;
    LibraryLoader(const LibraryLoader&) = delete;
    LibraryLoader& operator=(const LibraryLoader&) = delete;
    LibraryLoader(LibraryLoader&& other) noexcept
        : handle_(std::exchange(other.handle_, nullptr)), path_(std::move(other.path_)),
          error_(std::move(other.error_)) {}
    LibraryLoader& operator=(LibraryLoader&& other) noexcept {
        if (this != &other) {
            close();
            handle_ = std::exchange(other.handle_, nullptr);
            path_ = std::move(other.path_);
            error_ = std::move(other.error_);
        }
        return *this;
    }
    ~LibraryLoader() { close(); }

    // Loads the library at `path` (UTF-8). Returns false and sets error() on failure.
    // Every symbol is bound at load time (RTLD_NOW), so that no later call goes through the
    // lazy-binding resolver: the allocation test counts the library's own calls only.
    bool open(const std::string& path) {
        close();
        path_ = path;
#ifdef _WIN32
        const std::wstring wide = widen_path(path);
        handle_ = ::LoadLibraryW(wide.c_str());
        if (handle_ == nullptr) {
            error_ = "LoadLibraryW failed, GetLastError() = " + std::to_string(::GetLastError());
            return false;
        }
#else
        handle_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) {
            const char* e = ::dlerror();
            error_ = e != nullptr ? e : "dlopen failed";
            return false;
        }
#endif
        error_.clear();
        return true;
    }

    bool is_open() const { return handle_ != nullptr; }
    const std::string& path() const { return path_; }
    const std::string& error() const { return error_; }

    // The export called `name`, or nullptr when the library has none.
    RawFunction symbol(const char* name) const {
        if (handle_ == nullptr) return nullptr;
#ifdef _WIN32
        FARPROC p = ::GetProcAddress(handle_, name);
        return reinterpret_cast<RawFunction>(reinterpret_cast<void*>(p));
#else
        ::dlerror();
        void* p = ::dlsym(handle_, name);
        return reinterpret_cast<RawFunction>(p);
#endif
    }

    void close() {
        if (handle_ == nullptr) return;
#ifdef _WIN32
        ::FreeLibrary(handle_);
#else
        ::dlclose(handle_);
#endif
        handle_ = nullptr;
    }

private:
#ifdef _WIN32
    static std::wstring widen_path(const std::string& utf8) {
        if (utf8.empty()) return std::wstring();
        const int n = ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()),
                                            nullptr, 0);
        std::wstring out(static_cast<size_t>(n > 0 ? n : 0), L'\0');
        if (n > 0)
            ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), &out[0], n);
        for (auto& c : out)
            if (c == L'/') c = L'\\';
        return out;
    }
    HMODULE handle_ = nullptr;
#else
    void* handle_ = nullptr;
#endif
    std::string path_;
    std::string error_;
};

}  // namespace psh_abi
