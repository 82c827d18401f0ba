#include "filter_escape.hpp"

#if PROFSHIM_DIRECTORY_OPENLDAP
#include <ldap.h>
#include <new>
#endif

namespace profshim::directory {

namespace {
bool needs_escape(unsigned char c) {
    return c < 0x20 || c == '(' || c == ')' || c == '*' || c == '\\' || c >= 0x7F;
}
}  // namespace

std::string escape_filter_value_rfc4515(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (needs_escape(c)) {
            out += '\\';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else {
            out += ch;
        }
    }
    return out;
}

std::string escape_filter_value(std::string_view value) {
#if PROFSHIM_DIRECTORY_OPENLDAP
    if (value.empty()) return {};
    berval in{static_cast<ber_len_t>(value.size()), const_cast<char*>(value.data())};
    berval out{0, nullptr};
    if (ldap_bv2escaped_filter_value(&in, &out) != 0 || out.bv_val == nullptr)
        throw std::bad_alloc();
    std::string escaped(out.bv_val, out.bv_len);
    ber_memfree(out.bv_val);
    return escaped;
#else
    return escape_filter_value_rfc4515(value);
#endif
}

}  // namespace profshim::directory
