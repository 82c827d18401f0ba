#include "profile_name.hpp"

#include <gsl/assert>

#include "ascii.hpp"
#include "fnv1a.hpp"
#include "normalise.hpp"
#include "profile_info.hpp"
#include "utf8.hpp"

namespace profshim {
namespace {

constexpr int32_t kMaxServerName = 15;
constexpr int32_t kMaxServerAndMailbox = 46;   // 64 - 2 separators - 16 hex digits

// Each byte as the key H hashes has it: A-Z lowered.
constexpr auto kKeyBytes = byte_table([](uint32_t u) { return static_cast<uint8_t>(ascii_lower(u)); });

// Each byte as S and M show it: lowered, and '_' for any but a-z 0-9 _.
constexpr auto kNameBytes = byte_table([](uint32_t u) {
    const uint32_t lower = ascii_lower(u);
    return is_ascii_alnum(lower) || lower == '_' ? static_cast<char>(lower) : '_';
});

// Appends at most `max` characters of `part`, lowered and sanitised, at `out`; returns the
// number appended. A non-ASCII character (its lead byte; its continuation bytes add
// nothing) is one '_' (section 11.5), so for ASCII this is 1.1's byte for byte.
int32_t append_sanitised(Text text, Range part, int32_t max, char* out) {
    // ASCII, as most parts are: 1.1's loop, a byte each.
    const int32_t ascii_count = part.size() < max ? part.size() : max;
    int32_t count = 0;
    for (; count < ascii_count; ++count) {
        const uint8_t byte = text[part.begin + count];
        if (byte >= 0x80) break;
        out[count] = kNameBytes[byte];
    }
    if (count == ascii_count) return count;
    // From the first non-ASCII byte on, a character at a time.
    for (int32_t i = part.begin + count; i < part.end && count < max; ++i) {
        const uint8_t byte = text[i];
        if (!is_utf8_continuation(byte)) out[count++] = kNameBytes[byte];
    }
    return count;
}

// Appends `value` as 16 lower-case hex digits, the first the highest, at `out`.
void append_hex(uint64_t value, char* out) {
    constexpr char kHexDigits[] = "0123456789abcdef";
    for (int32_t k = 15; k >= 0; --k, value >>= 4) out[k] = kHexDigits[value & 0xF];
}

}  // namespace

Written make_profile_name(Text text, gsl::span<char> work, gsl::span<char> out_bytes) {
    const Normalised normalised = normalise(text, work);
    if (!normalised.fault.ok()) return Written{normalised.fault.status, 0};
    const Text key(work.first(gsl::narrow_cast<std::size_t>(normalised.size)));
    Layout layout;
    const Fault separators = parse_layout(key, normalised.line_feeds, layout);
    const Fault fault = check_normalised(key, normalised, separators, layout, FileNameRules::skip);
    if (!fault.ok()) return Written{fault.status, 0};

    // H hashes the key: the normalised text with A-Z lowered.
    Fnv1a64 hash;
    for (int32_t i = 0; i < key.size(); ++i) hash.add(kKeyBytes[key[i]]);

    // Every write below is in bounds: the two parts take at most kMaxServerAndMailbox bytes.
    Expects(out_bytes.size() >= gsl::narrow_cast<std::size_t>(PSH_PROFILE_NAME_MAX));
    char* const out = out_bytes.data();
    int32_t size = append_sanitised(key, layout.server_name, kMaxServerName, out);
    out[size++] = '_';
    size += append_sanitised(key, layout.mailbox_name, kMaxServerAndMailbox - (size - 1), out + size);
    out[size++] = '_';
    append_hex(hash.value(), out + size);
    size += 16;
    return Written{PSH_OK, size};
}

}  // namespace profshim
