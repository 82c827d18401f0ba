// Profile names, psh_profile_name (contract 7): S "_" M "_" H, at most 64 units
// (cchProfileNameMax), only A-Z a-z 0-9 _, so never a device name and always a file name.
#pragma once

#include <array>

#include "fnv1a.hpp"
#include "normalise.hpp"
#include "profile_info.hpp"
#include "units.hpp"

namespace profshim {

constexpr int32_t kMaxServerNameUnits = 15;
constexpr int32_t kMaxServerAndMailboxUnits = 46;   // 64 - 2 separators - 16 hex digits
constexpr int32_t kHashHexDigits = 16;

struct ProfileName {
    int32_t status = PSH_OK;
    int32_t size = 0;
};

namespace detail {

constexpr uint32_t profile_name_unit(uint32_t u) {
    const uint32_t lower = ascii_lower(u);
    return is_ascii_alnum(lower) || lower == '_' ? lower : '_';
}

template <CodeUnit Unit>
constexpr int32_t append_sanitised(const UnitView<Unit>& text, Range part, int32_t max_units,
                                   gsl::span<Unit> out, int32_t at) {
    const int32_t count = part.size() < max_units ? part.size() : max_units;
    for (int32_t i = 0; i < count; ++i) {
        out[gsl::narrow_cast<std::size_t>(at++)] = static_cast<Unit>(profile_name_unit(text[part.begin + i]));
    }
    return at;
}

}  // namespace detail

// Makes the profile name of `text` in `out` (PSH_PROFILE_NAME_MAX units at least), using
// `work` (text.size() units at least) for the normalised input.
template <CodeUnit Unit>
constexpr ProfileName make_profile_name(const UnitView<Unit>& text, gsl::span<Unit> work,
                                        gsl::span<Unit> out) {
    const Normalised normalised = normalise(text, work);
    if (!normalised.fault.ok()) return ProfileName{normalised.fault.status, 0};
    const UnitView<Unit> key(work.first(gsl::narrow_cast<std::size_t>(normalised.size)));
    Layout layout;
    const Fault separators = detail::parse_separators(key, normalised.line_feeds, layout);
    const Fault fault = check_normalised(key, normalised, separators, layout, FileNameRules::skip);
    if (!fault.ok()) return ProfileName{fault.status, 0};

    // The key is the normalised text with A-Z lowered; every unit is ASCII by now.
    Fnv1a64 hash;
    for (int32_t i = 0; i < key.size(); ++i) hash.add(static_cast<uint8_t>(ascii_lower(key[i])));

    int32_t size = detail::append_sanitised(key, layout.server_name, kMaxServerNameUnits, out, 0);
    out[gsl::narrow_cast<std::size_t>(size++)] = Unit{'_'};
    size = detail::append_sanitised(key, layout.mailbox_name, kMaxServerAndMailboxUnits - (size - 1), out, size);
    out[gsl::narrow_cast<std::size_t>(size++)] = Unit{'_'};
    constexpr std::array<char, 16> kHexDigits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    for (int32_t shift = 60; shift >= 0; shift -= 4) {
        const auto digit = gsl::narrow_cast<std::size_t>((hash.value() >> shift) & 0xF);
        out[gsl::narrow_cast<std::size_t>(size++)] = static_cast<Unit>(kHexDigits[digit]);
    }
    return ProfileName{PSH_OK, size};
}

}  // namespace profshim
