#include "profshim_api.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

namespace bench {
namespace {

ProfshimApi g_api{};
bool g_loaded = false;

std::string dl_error() {
    const char* error = dlerror();
    return error != nullptr ? error : "unknown error";
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "profshim_bench: %s\n", what.c_str());
    std::exit(2);
}

template <class Function>
void resolve(void* handle, const char* name, Function*& slot) {
    dlerror();
    void* symbol = dlsym(handle, name);
    if (symbol == nullptr) die(std::string("no symbol ") + name + " in the library: " + dl_error());
    slot = reinterpret_cast<Function*>(symbol);
}

}  // namespace

const ProfshimApi& load_profshim(const std::string& path) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) die("cannot load " + path + ": " + dl_error());
    resolve(handle, "psh_version", g_api.version);
    resolve(handle, "psh_check", g_api.check);
    resolve(handle, "psh_check_w", g_api.check_w);
    resolve(handle, "psh_rewrite", g_api.rewrite);
    resolve(handle, "psh_rewrite_w", g_api.rewrite_w);
    resolve(handle, "psh_profile_name", g_api.profile_name);
    resolve(handle, "psh_profile_name_w", g_api.profile_name_w);
    g_api.path = path;
    if (g_api.version() != PSH_VERSION_NUMBER) {
        die(path + " is version " + std::to_string(g_api.version()) + ", the header " +
            std::to_string(PSH_VERSION_NUMBER));
    }
    g_loaded = true;
    return g_api;
}

const ProfshimApi& profshim() {
    if (!g_loaded) die("internal: profshim() before load_profshim()");
    return g_api;
}

}  // namespace bench
