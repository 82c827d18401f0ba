#include "profile_name.hpp"

#include "ascii.hpp"
#include "fnv1a.hpp"
#include "normalise.hpp"
#include "profile_info.hpp"

namespace profshim {
namespace {

constexpr int32_t kMaxServerName = 15;
constexpr int32_t kMaxServerAndMailbox = 46;   // 64 - 2 separators - 16 hex digits

constexpr char name_byte(uint32_t u) {
    const uint32_t lower = ascii_lower(u);
    return is_ascii_alnum(lower) || lower == '_' ? static_cast<char>(lower) : '_';
}

// Appends at most `max` bytes of `part`, lowered and sanitised; returns the new size.
int32_t append_sanitised(Text text, Range part, int32_t max, gsl::span<char> out, int32_t at) {
    const int32_t count = part.size() < max ? part.size() : max;
    for (int32_t i = 0; i < count; ++i) out[gsl::narrow_cast<std::size_t>(at++)] = name_byte(text[part.begin + i]);
    return at;
}

}  // namespace

Written make_profile_name(Text text, gsl::span<char> work, gsl::span<char> out) {
    const Normalised normalised = normalise(text, work);
    if (!normalised.fault.ok()) return Written{normalised.fault.status, 0};
    const Text key(work.first(gsl::narrow_cast<std::size_t>(normalised.size)));
    Layout layout;
    const Fault separators = parse_layout(key, normalised.line_feeds, layout);
    const Fault fault = check_normalised(key, normalised, separators, layout, FileNameRules::skip);
    if (!fault.ok()) return Written{fault.status, 0};

    // H hashes the key: the normalised text with A-Z lowered.
    Fnv1a64 hash;
    for (int32_t i = 0; i < key.size(); ++i) hash.add(static_cast<uint8_t>(ascii_lower(key[i])));

    int32_t size = append_sanitised(key, layout.server_name, kMaxServerName, out, 0);
    out[gsl::narrow_cast<std::size_t>(size++)] = '_';
    size = append_sanitised(key, layout.mailbox_name, kMaxServerAndMailbox - (size - 1), out, size);
    out[gsl::narrow_cast<std::size_t>(size++)] = '_';
    constexpr char kHexDigits[] = "0123456789abcdef";
    for (int32_t shift = 60; shift >= 0; shift -= 4) {
        out[gsl::narrow_cast<std::size_t>(size++)] = kHexDigits[(hash.value() >> shift) & 0xF];
    }
    return Written{PSH_OK, size};
}

}  // namespace profshim
