#include "exchange_dn.hpp"

#include <string_view>

#include "ascii.hpp"

namespace profshim {
namespace {

constexpr int32_t kMaxRdn = 64;
constexpr int32_t kMaxDnRdnBytes = 256;
constexpr int32_t kMaxCommonNames = 14;

constexpr std::string_view kFixedAdministrativeGroup = "Exchange Administrative Group (FYDIBOHF23SPDLT)";

// [MS-OXOABK] teletex-char: space, A-Z a-z 0-9 and ! " % & \ ( ) * + , - . : < = > ? @ [ ] _ |
constexpr auto kRdnBytes = byte_table([](uint32_t u) {
    if (u == ' ' || is_ascii_alnum(u)) return true;
    return std::string_view("!\"%&\\()*+,-.:<=>?@[]_|").find(static_cast<char>(u)) != std::string_view::npos;
});

bool equals_ignoring_case(Text text, Range range, std::string_view wanted) {
    if (range.size() != gsl::narrow_cast<int32_t>(wanted.size())) return false;
    for (int32_t i = 0; i < range.size(); ++i) {
        if (ascii_lower(text[range.begin + i]) != ascii_lower(static_cast<uint8_t>(wanted[static_cast<std::size_t>(i)]))) {
            return false;
        }
    }
    return true;
}

// "/" type "=" in lower case, and the same as a little-endian word of 4 bytes to compare
// with the input's: `letters` is OR-ed in first (0x20 lowers an ASCII letter and makes no
// other byte a lower-case letter), `mask` keeps the prefix's bytes.
struct Attribute {
    std::string_view text;
    int32_t length;
    uint32_t word;
    uint32_t letters;
    uint32_t mask;
};

consteval Attribute attribute_named(std::string_view text) {
    Attribute a{text, gsl::narrow_cast<int32_t>(text.size()), 0, 0, 0};
    for (std::size_t k = 0; k < text.size(); ++k) {
        const auto byte = static_cast<uint8_t>(text[k]);
        a.word |= uint32_t{byte} << (8 * k);
        a.letters |= (is_ascii_lower(byte) ? 0x20u : 0u) << (8 * k);
        a.mask |= 0xFFu << (8 * k);
    }
    return a;
}

constexpr Attribute kOrganization = attribute_named("/o=");
constexpr Attribute kOrganizationalUnit = attribute_named("/ou=");
constexpr Attribute kCommonName = attribute_named("/cn=");

// Reads one DN left to right; each step either advances or records the fault.
class DnParser {
public:
    DnParser(Text text, Range part) : text_(text), end_(part.end), pos_(part.begin) {}

    DnParse parse() {
        if (!attribute(kOrganization) || !rdn()) return failed();
        if (!attribute(kOrganizationalUnit) || !rdn()) return failed();
        const bool fixed_group = equals_ignoring_case(text_, last_rdn_, kFixedAdministrativeGroup);
        int32_t common_names = 0;
        do {
            // A 15th "/cn=" fails at its '/', whatever follows it.
            if (common_names == kMaxCommonNames) return fail(pos_);
            if (!attribute(kCommonName) || !rdn()) return failed();
            ++common_names;
        } while (pos_ < end_);
        return DnParse{no_fault(), last_rdn_, fixed_group};
    }

private:
    // "/" type "=", the type's letters in any case (`prefix` is in lower case). The common
    // case in one compare of 4 bytes, as a word (an RDN byte follows a well-formed "/o=").
    // Otherwise the first byte that differs (or the part's end) is at fault.
    bool attribute(const Attribute& prefix) {
        if (end_ - pos_ >= 4 && ((text_.word_at<uint32_t>(pos_) | prefix.letters) & prefix.mask) == prefix.word) {
            pos_ += prefix.length;
            return true;
        }
        int32_t k = 0;
        while (k < prefix.length && pos_ + k < end_ &&
               ascii_lower(text_[pos_ + k]) == static_cast<uint8_t>(prefix.text[static_cast<std::size_t>(k)])) {
            ++k;
        }
        if (k == prefix.length) {   // matched, where the fast path had fewer than 4 bytes
            pos_ += k;
            return true;
        }
        return fail_bool(pos_ + k);
    }

    // An RDN runs to the next '/' or the end, and the leftmost of its faults is reported:
    // a space first, a byte outside the set, the first byte past a limit (the 65th of the
    // RDN or the 257th of the DN), empty, a space last. The spaces are looked at the two
    // ends only (a space inside is in the set).
    bool rdn() {
        const int32_t begin = pos_;
        if (begin < end_ && text_[begin] == kSpace) return fail_bool(begin);
        int32_t end = begin;   // a local, so that the loop runs in registers
        while (end < end_ && kRdnBytes[text_[end]]) ++end;
        pos_ = end;
        // Past a limit, the first byte past it comes before whatever stopped the loop.
        const int32_t room = kMaxDnRdnBytes - rdn_bytes_;
        const int32_t limit = begin + (room < kMaxRdn ? room : kMaxRdn);
        if (end > limit) return fail_bool(limit);
        if (end < end_ && text_[end] != '/') return fail_bool(end);   // outside the set
        if (begin == end) return fail_bool(begin);
        if (text_[end - 1] == kSpace) return fail_bool(end - 1);
        rdn_bytes_ += end - begin;
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

    Text text_;
    int32_t end_;
    int32_t pos_;
    int32_t rdn_bytes_ = 0;
    Range last_rdn_{};
    Fault fault_{};
};

}  // namespace

DnParse parse_exchange_dn(Text text, Range part) { return DnParser(text, part).parse(); }

}  // namespace profshim
