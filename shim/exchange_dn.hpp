// The Exchange X.500 distinguished name (legacyExchangeDN), contract 5, rule 6.
// Source: [MS-OXOABK] 2.2.1.1 and [MS-OXOAB] 2.1:
//   x500-dn = "/o=" rdn "/ou=" rdn 1*14("/cn=" rdn)
//   rdn     = 1 to 64 teletex characters, no space at either end; 256 in one DN at most.
// There is no escaping, so '/' always starts the next RDN.
#pragma once

#include <string_view>

#include "units.hpp"

namespace profshim {

constexpr int32_t kMaxRdnUnits = 64;
constexpr int32_t kMaxDnRdnUnits = 256;
constexpr int32_t kMaxCommonNames = 14;

// [MS-OXOABK] teletex-char: space, A-Z a-z 0-9 and ! " % & \ ( ) * + , - . : < = > ? @ [ ] _ |
constexpr bool is_rdn_unit(uint32_t u) {
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

struct DnParse {
    Fault fault;      // PSH_E_BAD_DN at the first unit where the parse fails
    Range last_rdn;   // the directory name, when the DN is well formed
};

namespace detail {

// Reads one DN left to right; each step either advances or records the fault.
template <CodeUnit Unit>
class DnParser {
public:
    DnParser(const UnitView<Unit>& text, Range part)
        : text_(text), end_(part.end), pos_(part.begin) {}

    DnParse parse() {
        if (!attribute("o") || !rdn()) return failed();
        if (!attribute("ou") || !rdn()) return failed();
        int32_t common_names = 0;
        do {
            // A 15th "/cn=" fails at its '/', whatever follows it.
            if (common_names == kMaxCommonNames) return fail(pos_);
            if (!attribute("cn") || !rdn()) return failed();
            ++common_names;
        } while (pos_ < end_);
        return DnParse{no_fault(), last_rdn_};
    }

private:
    // "/" type "=", the type's letters in any case. Ending too soon fails at the end.
    bool attribute(std::string_view type) {
        if (!expect('/', false)) return false;
        for (char letter : type) {
            if (!expect(static_cast<uint32_t>(letter), true)) return false;
        }
        return expect('=', false);
    }

    bool expect(uint32_t wanted, bool any_case) {
        if (pos_ == end_) return fail_bool(end_);
        const uint32_t u = text_[pos_];
        const bool same = any_case ? ascii_lower(u) == wanted : u == wanted;
        if (!same) return fail_bool(pos_);
        ++pos_;
        return true;
    }

    // An RDN runs to the next '/' or the end. Of all its faults the leftmost unit is
    // reported, which one left-to-right pass gives.
    bool rdn() {
        const int32_t begin = pos_;
        while (pos_ < end_ && text_[pos_] != '/') ++pos_;
        const int32_t end = pos_;
        if (begin == end) return fail_bool(begin);
        for (int32_t i = begin; i < end; ++i) {
            const uint32_t u = text_[i];
            const bool space_at_end = u == ' ' && (i == begin || i == end - 1);
            const bool too_long = i - begin == kMaxRdnUnits;
            const bool dn_too_long = rdn_units_ + (i - begin) == kMaxDnRdnUnits;
            if (space_at_end || !is_rdn_unit(u) || too_long || dn_too_long) return fail_bool(i);
        }
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
    DnParse failed() const { return DnParse{fault_, Range{}}; }

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
