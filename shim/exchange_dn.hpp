// The Exchange X.500 distinguished name (legacyExchangeDN), contract 5, rule 6.
// Source: [MS-OXOABK] 2.2.1.1 and [MS-OXOAB] 2.1:
//   x500-dn = "/o=" rdn "/ou=" rdn 1*14("/cn=" rdn)
//   rdn     = 1 to 64 teletex characters, no space at either end; 256 in one DN at most.
// There is no escaping, so '/' always starts the next RDN.
#pragma once

#include <array>
#include <string_view>

#include "units.hpp"

namespace profshim {

constexpr int32_t kMaxRdnUnits = 64;
constexpr int32_t kMaxDnRdnUnits = 256;
constexpr int32_t kMaxCommonNames = 14;

// [MS-OXOABK] teletex-char: space, A-Z a-z 0-9 and ! " % & \ ( ) * + , - . : < = > ? @ [ ] _ |
constexpr bool is_teletex_char(uint32_t u) {
    if (u == ' ' || is_ascii_alnum(u)) return true;
    switch (u) {
        case '!': case '"': case '%': case '&': case '\\': case '(': case ')': case '*':
        case '+': case ',': case '-': case '.': case ':': case '<': case '=': case '>':
        case '?': case '@': case '[': case ']': case '_': case '|':
            return true;
        default:
            return false;
    }
}

// The same set as a table, made at compile time: one load a unit instead of a switch,
// in the loop every RDN unit goes through.
inline constexpr auto kRdnUnits = [] {
    std::array<bool, 128> table{};
    for (uint32_t u = 0; u < table.size(); ++u) table[u] = is_teletex_char(u);
    return table;
}();

constexpr bool is_rdn_unit(uint32_t u) { return u < kRdnUnits.size() && kRdnUnits[u]; }

// The /ou= RDN that Exchange 2007 and later give every legacyExchangeDN they make (the
// fixed administrative group; profshim.h section 10.2). Such a DN's last RDN was not made
// from the alias.
inline constexpr std::string_view kFixedAdministrativeGroup =
    "Exchange Administrative Group (FYDIBOHF23SPDLT)";

struct DnParse {
    Fault fault;       // PSH_E_BAD_DN at the first unit where the parse fails
    Range last_rdn;    // the directory name, when the DN is well formed
    bool fixed_administrative_group = false;   // its /ou= is kFixedAdministrativeGroup
};

// Whether `rdn` is exactly kFixedAdministrativeGroup, ignoring ASCII case.
template <CodeUnit Unit>
constexpr bool is_fixed_administrative_group(const UnitView<Unit>& text, Range rdn) {
    if (rdn.size() != static_cast<int32_t>(kFixedAdministrativeGroup.size())) return false;
    for (int32_t i = 0; i < rdn.size(); ++i) {
        const auto wanted = static_cast<uint32_t>(kFixedAdministrativeGroup[static_cast<std::size_t>(i)]);
        if (ascii_lower(text[rdn.begin + i]) != ascii_lower(wanted)) return false;
    }
    return true;
}

namespace detail {

// Reads one DN left to right; each step either advances or records the fault.
template <CodeUnit Unit>
class DnParser {
public:
    DnParser(const UnitView<Unit>& text, Range part)
        : text_(text), end_(part.end), pos_(part.begin) {}

    DnParse parse() {
        if (!attribute("/o=") || !rdn()) return failed();
        if (!attribute("/ou=") || !rdn()) return failed();
        const bool fixed_group = is_fixed_administrative_group(text_, last_rdn_);
        int32_t common_names = 0;
        do {
            // A 15th "/cn=" fails at its '/', whatever follows it.
            if (common_names == kMaxCommonNames) return fail(pos_);
            if (!attribute("/cn=") || !rdn()) return failed();
            ++common_names;
        } while (pos_ < end_);
        return DnParse{no_fault(), last_rdn_, fixed_group};
    }

private:
    // "/" type "=", the type's letters in any case (`prefix` is in lower case). The whole
    // prefix is compared in one go, without a branch a unit: OR-ing 0x20 into a unit
    // lowers an ASCII letter and turns no other unit into a lower-case letter. Only when
    // it differs is it walked again, to find the unit at fault (or the end, if too soon).
    template <std::size_t N>
    bool attribute(const char (&prefix)[N]) {
        constexpr auto length = static_cast<int32_t>(N - 1);
        if (end_ - pos_ >= length) {
            uint32_t differ = 0;
            for (int32_t k = 0; k < length; ++k) {
                const auto wanted = static_cast<uint32_t>(prefix[k]);
                const uint32_t case_bit = is_ascii_lower(wanted) ? 0x20 : 0;
                differ |= (text_[pos_ + k] | case_bit) ^ wanted;
            }
            if (differ == 0) {
                pos_ += length;
                return true;
            }
        }
        for (int32_t k = 0; k < length; ++k, ++pos_) {
            if (pos_ == end_) return fail_bool(end_);
            const auto wanted = static_cast<uint32_t>(prefix[k]);
            const uint32_t u = text_[pos_];
            if ((is_ascii_lower(wanted) ? ascii_lower(u) : u) != wanted) return fail_bool(pos_);
        }
        return true;   // not reached: the prefix differed somewhere
    }

    // An RDN runs to the next '/' or the end, and the leftmost of its faults is reported:
    // a space first, a unit outside the set, the first unit past a limit (the 65th of the
    // RDN or the 257th of the DN), empty, a space last. One pass: the limits bound the loop
    // and the spaces are looked at the two ends only (a space inside is in the set).
    bool rdn() {
        const int32_t begin = pos_;
        const int32_t room = kMaxDnRdnUnits - rdn_units_;
        const int32_t limit = begin + (room < kMaxRdnUnits ? room : kMaxRdnUnits);
        const int32_t stop = limit < end_ ? limit : end_;
        if (pos_ < end_ && text_[pos_] == ' ') return fail_bool(pos_);
        for (; pos_ < stop; ++pos_) {
            const uint32_t u = text_[pos_];
            if (is_rdn_unit(u)) continue;
            if (u == '/') break;
            return fail_bool(pos_);
        }
        // Stopped at a limit with more of this RDN to come: that unit is one too many.
        if (pos_ == limit && pos_ < end_ && text_[pos_] != '/') return fail_bool(pos_);
        const int32_t end = pos_;
        if (begin == end) return fail_bool(begin);
        if (text_[end - 1] == ' ') return fail_bool(end - 1);
        rdn_units_ += end - begin;
        last_rdn_ = Range{begin, end};
        return true;
    }

    bool fail_bool(int32_t offset) {
        fault_ = fault_at(PSH_E_BAD_DN, offset);
        return false;
    }
    DnParse fail(int32_t offset) {
        fail_bool(offset);
        return failed();
    }
    DnParse failed() const { return DnParse{fault_, Range{}, false}; }

    const UnitView<Unit>& text_;
    int32_t end_;
    int32_t pos_;
    int32_t rdn_units_ = 0;
    Range last_rdn_{};
    Fault fault_{};
};

}  // namespace detail

// Parses `part` as an Exchange DN. On success the fault is none and last_rdn is set.
template <CodeUnit Unit>
DnParse parse_exchange_dn(const UnitView<Unit>& text, Range part) {
    return detail::DnParser<Unit>(text, part).parse();
}

}  // namespace profshim
