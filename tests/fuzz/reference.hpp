// Independent restatements of a few contract rules, written from include/profshim.h alone (not
// from shim/), so the targets can compare the library with a second reading of the text:
//  - normalisation, psh_rewrite steps 1-2 (profshim.h section 6);
//  - the profile name S "_" M "_" H of a normalised ProfileInfo that passes the checks
//    (profshim.h section 7), with its own FNV-1a.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness.hpp"

namespace psh_fuzz {

// Rewrite steps 1-2. nullopt: a unit that is neither LF, CR, TAB nor 0x20-0x7E.
template <class Unit>
std::optional<std::string> reference_normalise(std::span<const Unit> text) {
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const uint32_t u = value_of(text[i]);
        if (u == '\r') {
            if (i + 1 < text.size() && value_of(text[i + 1]) == '\n') ++i;
            lines.emplace_back();
        } else if (u == '\n') {
            lines.emplace_back();
        } else if (u == '\t' || (u >= 0x20 && u <= 0x7E)) {
            lines.back().push_back(static_cast<char>(u));
        } else {
            return std::nullopt;
        }
    }
    for (std::string& line : lines) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos) {
            line.clear();
            continue;
        }
        line = line.substr(first, line.find_last_not_of(" \t") - first + 1);
    }
    std::size_t begin = 0;
    std::size_t end = lines.size();
    while (begin < end && lines[begin].empty()) ++begin;
    while (end > begin && lines[end - 1].empty()) --end;
    std::string joined;
    for (std::size_t i = begin; i < end; ++i) {
        if (i != begin) joined.push_back('\n');
        joined += lines[i];
    }
    return joined;
}

inline std::string ascii_lowered(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

inline uint64_t reference_fnv1a64(const std::string& key) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : key) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

// The value of the last "/cn=" of a well-formed DN: everything after its '=' (an RDN may
// hold '=' itself, but never '/').
inline std::string last_rdn(const std::string& dn) {
    const std::string last = dn.substr(dn.rfind('/') + 1);
    return last.substr(last.find('=') + 1);
}

// The profile name of `normalised`, a ProfileInfo already normalised that passes psh_check
// apart from the UNSAFE_CHAR and RESERVED_NAME checks.
inline std::string reference_profile_name(const std::string& normalised) {
    const std::string key = ascii_lowered(normalised);
    const std::size_t lf = key.find('\n');
    const std::string server = key.substr(0, lf);
    std::string s;
    std::string m;
    if (key.compare(lf, 2, "\n\n") == 0) {
        s = last_rdn(server);
        m = "anon";
    } else {
        s = server.substr(0, server.find('.'));
        const std::string mailbox = key.substr(lf + 1);
        m = mailbox[0] == '/' ? last_rdn(mailbox) : mailbox;
    }
    const auto sanitise = [](std::string& part) {
        for (char& c : part) {
            const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!keep) c = '_';
        }
    };
    sanitise(s);
    sanitise(m);
    s = s.substr(0, 15);
    m = m.substr(0, 46 - s.size());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(reference_fnv1a64(key)));
    return s + "_" + m + "_" + hex;
}

}  // namespace psh_fuzz
