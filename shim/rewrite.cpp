#include "rewrite.hpp"

#include <array>
#include <cstring>
#include <optional>

#include <gsl/assert>

#include "ascii.hpp"
#include "exchange_dn.hpp"
#include "normalise.hpp"

namespace profshim {
namespace {

// Step 3 on the normalised text in `work`, whose layout is parsed; returns its new size and
// keeps `layout` true of the result. A DN mailbox that is replaced leaves an alias: its
// last RDN (after '=' with PSH_REWRITE_EXACT), which is not empty and does not start with '/'.
int32_t replace_mailbox(gsl::span<char> work_bytes, int32_t size, Layout& layout, uint32_t flags) {
    // Every write below is at or below an offset of the normalised text, which fits in `work`.
    Expects(work_bytes.size() >= gsl::narrow_cast<std::size_t>(size));
    char* const work = work_bytes.data();
    if (layout.form == PSH_FORM_ANONYMOUS) {
        for (int32_t i = layout.mailbox.begin; i < layout.mailbox.end; ++i) {
            work[i] = static_cast<char>(ascii_lower(static_cast<uint8_t>(work[i])));
        }
        return size;
    }
    if (layout.form != PSH_FORM_DN) return size;
    // The DN's last RDN is the directory name Exchange 5.5 to 2003 made from the alias. A DN
    // that does not parse stays, and step 4 reports it (after any fault of the server).
    const DnParse dn = parse_exchange_dn(Text(work, size), layout.mailbox);
    if (!dn.fault.ok()) return size;
    // Exchange 2007 and later did not make the last RDN from the alias (section 10.2): the
    // DN stays, and step 4 reports it as the KB Q271913 case.
    if (dn.fixed_administrative_group) return size;
    // The DN starts "/o=", so the '=' of the exact-match form (KB Q193643, section 10.3)
    // never lands on a byte of the last RDN before that is moved down.
    int32_t at = layout.mailbox.begin;
    if ((flags & PSH_REWRITE_EXACT) != 0) work[at++] = '=';
    std::memmove(work + at, work + dn.last_rdn.begin, gsl::narrow_cast<std::size_t>(dn.last_rdn.size()));
    at += dn.last_rdn.size();
    layout.mailbox.end = at;
    layout.form = PSH_FORM_ALIAS;
    return at;
}

// `rewritable` from psh_check's own result, when that settles it; std::nullopt when only a
// rewrite can tell. It settles it when normalising would change nothing: the separators
// parsed (so every byte is printable ASCII or LF: no CR, no TAB) and each line is non-empty
// with no space at either end. Then the rewrite is step 3 and psh_check again, on the same
// server:
// - an alias, or a DN that does not parse, is left as it is, so it fails as it did;
// - the anonymous form only has "anon" lowered; its fault was the server's, which stays;
// - a well-formed DN mailbox (psh_check's PSH_E_UNSAFE_CHAR at it, which also means the
//   server passed) becomes its last RDN, which then has to pass the alias rules; unless its
//   /ou= is Exchange 2007's fixed administrative group, when it stays and fails as it did.
std::optional<bool> rewritable_from_check(Text text, const CheckResult& check) {
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

}  // namespace

// The text is parsed once: normalisation hands over where its LFs are, and after a DN is
// replaced the result needs only the server's checks and the alias rules, in psh_check's
// order.
Written rewrite_profile_info(Text text, uint32_t flags, gsl::span<char> work) {
    const Normalised normalised = normalise(text, work);
    if (!normalised.fault.ok()) return Written{normalised.fault.status, 0};
    int32_t size = normalised.size;
    Layout layout;
    const Fault separators =
        parse_layout(Text(work.first(gsl::narrow_cast<std::size_t>(size))), normalised.line_feeds, layout);
    if (separators.ok() && (flags & PSH_REWRITE_KEEP_DN) == 0) size = replace_mailbox(work, size, layout, flags);
    const Text result(work.first(gsl::narrow_cast<std::size_t>(size)));
    const Fault fault = check_normalised(result, normalised, separators, layout, FileNameRules::apply);
    return Written{fault.status, fault.ok() ? size : 0};
}

bool is_rewritable(Text text, const CheckResult& check) {
    if (const std::optional<bool> known = rewritable_from_check(text, check)) return *known;
    std::array<char, kMaxInputBytes> work;
    return rewrite_profile_info(text, 0, gsl::span<char>(work)).status == PSH_OK;
}

}  // namespace profshim
