// A thin C++ layer over the public C API (include/profshim.h), as any client would write
// it: the buffer protocol (ask for the size, then call) and psh_describe for every word
// about a status. The CLI keeps no list of status codes of its own.
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

// psh_describe's line for `status` ("PSH_E_UNSAFE_CHAR: the mailbox holds ...").
std::string describe(int32_t status);
// The status's name, the part of psh_describe's line before ": " ("PSH_E_UNSAFE_CHAR"),
// or "0x80040299" for a code the library does not know.
std::string status_name(int32_t status);
// "0x80040209"
std::string status_hex(int32_t status);
// "unknown", "alias", "dn", "anonymous"
const char* form_name(int32_t form);
// "1.1.0" from 10100.
std::string version_string(int32_t number);

}  // namespace profshim_cli
