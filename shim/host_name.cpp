#include "host_name.hpp"

#include "ascii.hpp"

namespace profshim {
namespace {

constexpr int32_t kMaxHostLabel = 63;
constexpr int32_t kMaxHostName = 253;
constexpr int32_t kGuidLength = 36;   // 8-4-4-4-12 hex digits and dashes

// What each byte is to the host-name rule.
enum HostByte : uint8_t { kNotInHostName, kLabelByte, kDot, kDash };

constexpr auto kHostBytes = byte_table([](uint32_t u) {
    return is_ascii_alnum(u) || u == '_' ? kLabelByte : u == '.' ? kDot : u == '-' ? kDash : kNotInHostName;
});

}  // namespace

ServerName check_host_name(Text text, Range host) {
    const auto bad_at = [](int32_t offset) { return ServerName{fault_at(PSH_E_BAD_SERVER, offset), Range{}}; };
    int32_t first_dot = -1;
    int32_t label_begin = host.begin;
    for (int32_t i = host.begin;; ++i) {
        while (i < host.end && kHostBytes[text[i]] == kLabelByte) ++i;   // most bytes
        // A label's 64th byte comes before whatever stopped the loop (a '-' is in the label).
        if (i - label_begin > kMaxHostLabel) return bad_at(label_begin + kMaxHostLabel);
        if (i == host.end) break;
        switch (kHostBytes[text[i]]) {
            case kDot:   // not first, last, or right after another '.'
                if (i == host.begin || i == host.end - 1 || text[i - 1] == '.') return bad_at(i);
                if (first_dot < 0) first_dot = i;
                label_begin = i + 1;
                break;
            case kDash:  // not first or last in its label
                if (i == label_begin || i == host.end - 1 || text[i + 1] == '.') return bad_at(i);
                break;
            default:
                return bad_at(i);
        }
    }
    if (host.size() > kMaxHostName) return bad_at(host.begin + kMaxHostName);
    return ServerName{no_fault(), Range{host.begin, first_dot < 0 ? host.end : first_dot}};
}

bool is_personalized_server_name(Text text, Range server) {
    if (server.size() <= kGuidLength || text[server.begin + kGuidLength] != '@') return false;
    for (int32_t i = 0; i < kGuidLength; ++i) {
        const uint8_t u = text[server.begin + i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? u != '-' : !is_ascii_hex_digit(u)) return false;
    }
    return true;
}

ServerName check_server_name(Text text, Range server) {
    if (!is_personalized_server_name(text, server)) return check_host_name(text, server);
    const Range host{server.begin + kGuidLength + 1, server.end};
    if (host.empty()) return ServerName{fault_at(PSH_E_BAD_SERVER, server.end), Range{}};
    // The GUID and '@' hold no '.', so the host's stem ends where the server's does.
    ServerName name = check_host_name(text, host);
    name.stem.begin = server.begin;
    return name;
}

}  // namespace profshim
