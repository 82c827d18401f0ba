// libprofshim.so.1, loaded at run time with dlopen and called through function pointers,
// as an FFI caller (ctypes, P/Invoke, a VB Declare) does: nothing is inlined across the
// boundary and every call goes through the exported symbol.
#pragma once

#include <string>

#include "profshim.h"

namespace bench {

struct ProfshimApi {
    int32_t (*version)(void);
    int32_t (*check)(const char*, int32_t, psh_report*);
    int32_t (*check_w)(const psh_wchar*, int32_t, psh_report*);
    int32_t (*rewrite)(const char*, int32_t, uint32_t, char*, int32_t, int32_t*);
    int32_t (*rewrite_w)(const psh_wchar*, int32_t, uint32_t, psh_wchar*, int32_t, int32_t*);
    int32_t (*profile_name)(const char*, int32_t, uint32_t, char*, int32_t, int32_t*);
    int32_t (*profile_name_w)(const psh_wchar*, int32_t, uint32_t, psh_wchar*, int32_t, int32_t*);
    std::string path;   // what was loaded
};

// Loads the library at `path` (RTLD_NOW | RTLD_LOCAL) and resolves every function, or
// prints why not and exits with status 2. The handle is kept for the process's life.
const ProfshimApi& load_profshim(const std::string& path);

// The API loaded by load_profshim (which must have been called).
const ProfshimApi& profshim();

}  // namespace bench
