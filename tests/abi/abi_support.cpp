// abi_support.cpp - loading profshim by path and binding its exports (profshim.h section 1).
#include "abi_support.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace psh_abi {
namespace {

Api g_api;
LibraryLoader g_library;

template <class F>
void bind(F& slot, const char* name) {
    slot = reinterpret_cast<F>(g_library.symbol(name));
}

}  // namespace

const std::vector<std::string>& listed_exports() {
    // Generated at configure time from ${PROFSHIM_EXPORTS_FILE}, itself made from exports.def.
    static const std::vector<std::string> names = {
#include "abi_export_names.inc"
    };
    return names;
}

const std::vector<std::string>& bound_names() {
    static const std::vector<std::string> names = {
        "psh_version",      "psh_check",          "psh_check_w",  "psh_rewrite",   "psh_rewrite_w",
        "psh_profile_name", "psh_profile_name_w", "psh_describe", "psh_describe_w",
    };
    return names;
}

const Api& api() { return g_api; }
const LibraryLoader& library() { return g_library; }

std::string library_path_from(int argc, char** argv) {
    static const char kFlag[] = "--profshim-library=";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind(kFlag, 0) == 0) return a.substr(sizeof kFlag - 1);
    }
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (!a.empty() && a[0] != '-') return a;
    }
    if (const char* env = std::getenv("PROFSHIM_LIBRARY"); env != nullptr && *env != '\0') return env;
#ifdef _WIN32
    return "profshim.dll";
#else
    return "libprofshim.so.1";
#endif
}

bool load_library(const std::string& path, std::string* error) {
    if (!g_library.open(path)) {
        if (error) *error = "cannot load " + path + ": " + g_library.error();
        return false;
    }
    bind(g_api.version, "psh_version");
    bind(g_api.check, "psh_check");
    bind(g_api.check_w, "psh_check_w");
    bind(g_api.rewrite, "psh_rewrite");
    bind(g_api.rewrite_w, "psh_rewrite_w");
    bind(g_api.profile_name, "psh_profile_name");
    bind(g_api.profile_name_w, "psh_profile_name_w");
    bind(g_api.describe, "psh_describe");
    bind(g_api.describe_w, "psh_describe_w");
    return true;
}

int abi_main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (::testing::GTEST_FLAG(list_tests)) return RUN_ALL_TESTS();  // test discovery: no library needed
    const std::string path = library_path_from(argc, argv);
    std::string error;
    if (!load_library(path, &error)) {
        std::cerr << "profshim ABI tests: " << error << "\n"
                  << "Give the library as --profshim-library=PATH, as an argument, or in PROFSHIM_LIBRARY.\n";
        return 2;
    }
    std::cout << "profshim ABI tests: loaded " << path << "\n";
    return RUN_ALL_TESTS();
}

const std::vector<StatusName>& contract_statuses() {
    static const std::vector<StatusName> table = {
        {static_cast<int32_t>(0x00000000u), "PSH_OK"},
        {static_cast<int32_t>(0x80004003u), "PSH_E_POINTER"},
        {static_cast<int32_t>(0x80070057u), "PSH_E_INVALIDARG"},
        {static_cast<int32_t>(0x8000FFFFu), "PSH_E_UNEXPECTED"},
        {static_cast<int32_t>(0x8007007Au), "PSH_E_INSUFFICIENT_BUFFER"},
        {static_cast<int32_t>(0x80040105u), "PSH_E_TOO_LONG"},
        {static_cast<int32_t>(0x80040106u), "PSH_E_UNKNOWN_FLAGS"},
        {static_cast<int32_t>(0x80040201u), "PSH_E_BAD_CHAR"},
        {static_cast<int32_t>(0x80040202u), "PSH_E_NO_SEPARATOR"},
        {static_cast<int32_t>(0x80040203u), "PSH_E_SYNTAX"},
        {static_cast<int32_t>(0x80040204u), "PSH_E_EMPTY_SERVER"},
        {static_cast<int32_t>(0x80040205u), "PSH_E_BAD_SERVER"},
        {static_cast<int32_t>(0x80040206u), "PSH_E_EMPTY_MAILBOX"},
        {static_cast<int32_t>(0x80040207u), "PSH_E_BAD_MAILBOX"},
        {static_cast<int32_t>(0x80040208u), "PSH_E_BAD_DN"},
        {static_cast<int32_t>(0x80040209u), "PSH_E_UNSAFE_CHAR"},
        {static_cast<int32_t>(0x8004020Au), "PSH_E_RESERVED_NAME"},
    };
    return table;
}

std::string status_name(int32_t status) {
    for (const auto& s : contract_statuses())
        if (s.value == status) return s.name;
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(static_cast<uint32_t>(status)));
    return buf;
}

}  // namespace psh_abi
