// Rewriting, psh_rewrite (contract 6): the ProfileInfo CDO should get.
#pragma once

#include <optional>

#include "exchange_dn.hpp"
#include "normalise.hpp"
#include "profile_info.hpp"
#include "units.hpp"

namespace profshim {

struct Rewritten {
    int32_t status = PSH_OK;
    int32_t size = 0;   // units of the result in the work buffer
};

namespace detail {

// Moves units [from.begin, from.end) of `buffer` to offset `to` (to <= from.begin).
template <CodeUnit Unit>
constexpr void move_down(gsl::span<Unit> buffer, Range from, int32_t to) {
    for (int32_t i = 0; i < from.size(); ++i) {
        buffer[gsl::narrow_cast<std::size_t>(to + i)] = buffer[gsl::narrow_cast<std::size_t>(from.begin + i)];
    }
}

// Step 3 on the normalised text, whose separators are parsed into `layout`; returns its new
// size and keeps `layout` true of the result. A DN mailbox that is replaced leaves an
// alias: its last RDN (after '=' with PSH_REWRITE_EXACT), which is not empty and does not
// start with '/'.
template <CodeUnit Unit>
constexpr int32_t replace_mailbox(gsl::span<Unit> work, int32_t size, Layout& layout,
                                  uint32_t flags) {
    if (layout.form == PSH_FORM_ANONYMOUS) {
        for (int32_t i = layout.mailbox.begin; i < layout.mailbox.end; ++i) {
            auto& unit = work[gsl::narrow_cast<std::size_t>(i)];
            unit = static_cast<Unit>(ascii_lower(unit_value(unit)));
        }
        return size;
    }
    if (layout.form != PSH_FORM_DN) return size;
    // The DN's last RDN is the directory name Exchange 5.5 made from the alias. A DN that
    // does not parse stays, and step 4 reports it (after any fault of the server).
    const UnitView<Unit> text(work.first(gsl::narrow_cast<std::size_t>(size)));
    const DnParse dn = parse_exchange_dn(text, layout.mailbox);
    if (!dn.fault.ok()) return size;
    // Exchange 2007 and later did not make the last RDN from the alias (section 10.2):
    // the DN stays, and step 4 reports it as the KB Q271913 case.
    if (dn.fixed_administrative_group) return size;
    // The DN starts "/o=", so the '=' of the exact-match form (KB Q193643, section 10.3)
    // never overwrites a unit of the last RDN before it is moved.
    int32_t at = layout.mailbox.begin;
    if ((flags & PSH_REWRITE_EXACT) != 0) work[gsl::narrow_cast<std::size_t>(at++)] = Unit{'='};
    move_down(work, dn.last_rdn, at);
    layout.mailbox.end = at + dn.last_rdn.size();
    layout.form = PSH_FORM_ALIAS;
    return layout.mailbox.end;
}

}  // namespace detail

// Rewrites `text` into `work` (at least text.size() units). PSH_OK means work[0, size) is
// the safe ProfileInfo; any other status is the first problem of the result.
// The text is parsed once: normalisation hands over where its LFs are, and after a DN is
// replaced the result needs only the server's checks and the alias rules on what was the
// DN's last RDN, in psh_check's order.
template <CodeUnit Unit>
constexpr Rewritten rewrite_profile_info(const UnitView<Unit>& text, uint32_t flags,
                                         gsl::span<Unit> work) {
    const Normalised normalised = normalise(text, work);
    if (!normalised.fault.ok()) return Rewritten{normalised.fault.status, 0};
    int32_t size = normalised.size;
    Layout layout;
    const Fault separators = detail::parse_separators(
        UnitView<Unit>(work.first(gsl::narrow_cast<std::size_t>(size))), normalised.line_feeds, layout);
    if (separators.ok() && (flags & PSH_REWRITE_KEEP_DN) == 0) {
        size = detail::replace_mailbox(work, size, layout, flags);
    }
    const UnitView<Unit> result(work.first(gsl::narrow_cast<std::size_t>(size)));
    const Fault fault = check_normalised(result, normalised, separators, layout, FileNameRules::apply);
    return Rewritten{fault.status, fault.ok() ? size : 0};
}

// A report's `rewritable` (would psh_rewrite(text, 0) succeed?) from psh_check's own result
// on `text`, when that settles it; std::nullopt when only a rewrite can tell.
// It settles it when normalising would change nothing: the separators parsed (so every
// unit is printable ASCII or LF: no CR, no TAB) and each line is non-empty with no space at
// either end (so no blank is trimmed and no line dropped; the anonymous form's empty middle
// line stays). Then the rewrite is step 3 and psh_check again, on the same server:
// - an alias, or a DN that does not parse, is left as it is, so it fails as it did;
// - the anonymous form only has "anon" lowered; its fault was the server's, which stays;
// - a well-formed DN mailbox (psh_check's PSH_E_UNSAFE_CHAR at it, which also means the
//   server passed) becomes its last RDN, which then has to pass the alias rules; unless its
//   /ou= is Exchange 2007's fixed administrative group, when it stays and fails as it did.
template <CodeUnit Unit>
constexpr std::optional<bool> rewritable_from_check(const UnitView<Unit>& text,
                                                    const CheckResult& check) {
    if (check.fault.ok()) return true;   // what passes psh_check is what psh_rewrite makes of it
    const Layout& layout = check.layout;
    if (!layout.parsed) return std::nullopt;
    const auto trimmed = [&](Range line) {
        return !line.empty() && text[line.begin] != kSpace && text[line.end - 1] != kSpace;
    };
    const bool mailbox_trimmed = layout.form == PSH_FORM_ANONYMOUS || trimmed(layout.mailbox);
    if (!trimmed(layout.server) || !mailbox_trimmed) return std::nullopt;
    const bool dn_mailbox_ok = layout.form == PSH_FORM_DN && check.fault.status == PSH_E_UNSAFE_CHAR &&
                               check.fault.offset == layout.mailbox.begin;
    if (!dn_mailbox_ok || layout.fixed_administrative_group) return false;
    return check_alias(text, layout.mailbox_name, FileNameRules::apply).ok();
}

}  // namespace profshim
