// A thin C++ layer over the public C API of profshim (include/profshim.h), as any client
// would write it: the buffer protocol (ask for the size, then call), status names, and
// psh_describe for every message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "profshim.h"

namespace profshim_cli {

struct Check {
    int32_t status = PSH_E_UNEXPECTED;
    psh_report report{};
};

struct Text {
    int32_t status = PSH_E_UNEXPECTED;
    std::string text;  // the result when status is PSH_OK, else empty
};

Check check(std::string_view info);
Text rewrite(std::string_view info, uint32_t flags);
Text profile_name(std::string_view info);

// psh_describe's line for `status` (falls back to a plain hex code if the call fails).
std::string describe(int32_t status);

// "PSH_E_UNSAFE_CHAR" for the codes the header defines, else nullptr.
const char* status_name(int32_t status);
// status_name or "0xXXXXXXXX".
std::string status_label(int32_t status);
// "0x80040209"
std::string status_hex(int32_t status);
// Parses "PSH_E_UNSAFE_CHAR", "E_UNSAFE_CHAR", "UNSAFE_CHAR", "PSH_OK" or "OK" (any case).
bool parse_status_name(std::string_view name, int32_t& status);

// "unknown", "alias", "dn", "anonymous"
const char* form_name(int32_t form);

// "1.0.0" from 10000.
std::string version_string(int32_t number);

}  // namespace profshim_cli
