// Rewriting, psh_rewrite (contract 6): the ProfileInfo CDO should get.
#pragma once

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

// Step 3 on the normalised text; returns its new size.
template <CodeUnit Unit>
constexpr int32_t replace_mailbox(gsl::span<Unit> work, int32_t size) {
    const UnitView<Unit> text(work.first(gsl::narrow_cast<std::size_t>(size)));
    Layout layout;
    if (!parse_separators(text, layout).ok()) return size;   // step 4 reports it
    if (layout.form == PSH_FORM_ANONYMOUS) {
        for (int32_t i = layout.mailbox.begin; i < layout.mailbox.end; ++i) {
            auto& unit = work[gsl::narrow_cast<std::size_t>(i)];
            unit = static_cast<Unit>(ascii_lower(unit_value(unit)));
        }
        return size;
    }
    if (layout.form != PSH_FORM_DN) return size;
    // The DN's last RDN is the directory name Exchange 5.5 made from the alias.
    const DnParse dn = parse_exchange_dn(text, layout.mailbox);
    if (!dn.fault.ok()) return size;
    move_down(work, dn.last_rdn, layout.mailbox.begin);
    return layout.mailbox.begin + dn.last_rdn.size();
}

}  // namespace detail

// Rewrites `text` into `work` (at least text.size() units). PSH_OK means work[0, size) is
// the safe ProfileInfo; any other status is the first problem of the result.
template <CodeUnit Unit>
constexpr Rewritten rewrite_profile_info(const UnitView<Unit>& text, uint32_t flags,
                                         gsl::span<Unit> work) {
    const Normalised normalised = normalise(text, work);
    if (!normalised.fault.ok()) return Rewritten{normalised.fault.status, 0};
    int32_t size = normalised.size;
    if ((flags & PSH_REWRITE_KEEP_DN) == 0) size = detail::replace_mailbox(work, size);
    const UnitView<Unit> result(work.first(gsl::narrow_cast<std::size_t>(size)));
    const CheckResult check = check_profile_info(result);
    return Rewritten{check.fault.status, check.fault.ok() ? size : 0};
}

}  // namespace profshim
