// The library, as any client would call it.

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "cli.hpp"

namespace profshim_cli {

namespace {

// The length to pass: the exact count, or PSH_MAX_INPUT + 1 for anything longer (the
// library then says PSH_E_TOO_LONG without reading it).
int32_t unit_count(const std::string& info) {
    return static_cast<int32_t>(std::min<std::size_t>(info.size(), PSH_MAX_INPUT + 1));
}

// The header's buffer protocol. A first call with room for any result the header allows
// (the rewrite of PSH_MAX_INPUT units and its '='); should the library want more, it said
// how much, and a second call gets it. `call(out, cap, &len)` wraps one psh_* function.
template <class Call>
Text with_buffer(Call call) {
    std::vector<char> buf(PSH_MAX_INPUT + 2);
    int32_t got = 0;
    int32_t status = call(buf.data(), static_cast<int32_t>(buf.size()), &got);
    if (status == PSH_E_INSUFFICIENT_BUFFER && got > 0 && got < 16 * PSH_MAX_INPUT) {
        buf.resize(static_cast<std::size_t>(got) + 1);
        status = call(buf.data(), got + 1, &got);
    }
    if (status != PSH_OK) return {status, {}};
    if (got < 0 || static_cast<std::size_t>(got) >= buf.size()) return {PSH_E_UNEXPECTED, {}};
    return {PSH_OK, std::string(buf.data(), static_cast<std::size_t>(got))};
}

std::string describe(int32_t status) {
    // Every line asks for its status's words: keep those of the first few codes seen.
    static std::vector<std::pair<int32_t, std::string>> cache;
    for (const auto& [code, text] : cache)
        if (code == status) return text;
    const Text t = with_buffer([&](char* out, int32_t cap, int32_t* len) {
        return psh_describe(status, out, cap, len);
    });
    if (t.status != PSH_OK) return status_hex(status) + " (psh_describe failed with " + status_hex(t.status) + ")";
    if (cache.size() < 64) cache.emplace_back(status, t.text);
    return t.text;
}

}  // namespace

Check check(const std::string& info) {
    Check c;
    c.report.size = static_cast<int32_t>(sizeof(psh_report));
    c.status = psh_check(info.data(), unit_count(info), &c.report);
    return c;
}

Text rewrite(const std::string& info, uint32_t flags) {
    return with_buffer([&](char* out, int32_t cap, int32_t* len) {
        return psh_rewrite(info.data(), unit_count(info), flags, out, cap, len);
    });
}

Text profile_name(const std::string& info) {
    return with_buffer([&](char* out, int32_t cap, int32_t* len) {
        return psh_profile_name(info.data(), unit_count(info), 0, out, cap, len);
    });
}

std::string status_name(int32_t status) {
    const std::string text = describe(status);
    const std::size_t colon = text.find(": ");
    return text.starts_with("PSH_") && colon != std::string::npos ? text.substr(0, colon) : status_hex(status);
}

std::string status_hex(int32_t status) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(static_cast<uint32_t>(status)));
    return buf;
}

const char* form_name(int32_t form) {
    return form == PSH_FORM_ALIAS ? "alias" : form == PSH_FORM_DN ? "dn" : form == PSH_FORM_ANONYMOUS ? "anonymous" : "unknown";
}

}  // namespace profshim_cli
