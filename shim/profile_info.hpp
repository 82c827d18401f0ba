// The ProfileInfo parser: what psh_check does (contract 5), as one template over the unit.
//
//   authenticated form: server LF mailbox        ("EXCH01\njdoe", "EXCH01\n/o=.../cn=jdoe")
//   anonymous form:     serverDN LF LF "anon"    ("/o=.../cn=Servers/cn=EXCH01\n\nanon")
#pragma once

#include "exchange_dn.hpp"
#include "file_name_rules.hpp"
#include "host_name.hpp"
#include "line_feeds.hpp"
#include "normalise.hpp"
#include "units.hpp"

namespace profshim {

constexpr int32_t kMaxAliasUnits = 64;

// Where the parts are, once the separators are parsed.
struct Layout {
    bool parsed = false;          // false until the separators are parsed
    int32_t form = PSH_FORM_UNKNOWN;
    Range server{};
    Range mailbox{};              // for the anonymous form, the "anon"
    // What a profile name shows of each part, set when the part passes its checks:
    // the server's stem (anonymous form: the server DN's last RDN); the alias (a DN
    // mailbox: its last RDN, the directory name; anonymous form: "anon").
    Range server_name{};
    Range mailbox_name{};
    // A well-formed DN mailbox whose /ou= is Exchange 2007's fixed administrative group:
    // its last RDN is not the alias, so psh_rewrite keeps it (section 10.2).
    bool fixed_administrative_group = false;
};

struct CheckResult {
    Fault fault;
    Layout layout;
};

// psh_profile_name sanitises the name it makes, so it skips the checks whose status is
// PSH_E_UNSAFE_CHAR or PSH_E_RESERVED_NAME; psh_check and psh_rewrite apply them.
enum class FileNameRules { apply, skip };

namespace detail {

template <CodeUnit Unit>
constexpr bool is_anon(const UnitView<Unit>& text, Range part) {
    constexpr char kAnon[] = "anon";
    if (part.size() != 4) return false;
    for (int32_t i = 0; i < 4; ++i) {
        if (ascii_lower(text[part.begin + i]) != static_cast<uint32_t>(kAnon[i])) return false;
    }
    return true;
}

// Rules 1 and 2 in one pass: the first unit that is neither printable ASCII nor LF, and on
// the way the LFs.
template <CodeUnit Unit>
constexpr Fault scan_characters(const UnitView<Unit>& text, LineFeeds& line_feeds) {
    const int32_t size = text.size();
    for (int32_t i = 0; i < size; ++i) {
        const uint32_t u = text[i];
        if (is_printable_ascii(u)) continue;
        if (u != kLineFeed) return fault_at(PSH_E_BAD_CHAR, i);
        line_feeds.add(i);
    }
    return no_fault();
}

// Rule 2, from the LFs found: one LF, or exactly LF LF "anon"; anything else fails at the
// second LF.
template <CodeUnit Unit>
constexpr Fault parse_separators(const UnitView<Unit>& text, const LineFeeds& line_feeds,
                                 Layout& layout) {
    const int32_t first = line_feeds.first;
    const int32_t second = line_feeds.second;
    if (line_feeds.count == 0) return fault_at(PSH_E_NO_SEPARATOR, -1);
    if (line_feeds.count == 1) {
        layout.server = Range{0, first};
        layout.mailbox = Range{first + 1, text.size()};
        if (layout.mailbox.empty()) {
            layout.form = PSH_FORM_UNKNOWN;
        } else {
            layout.form = text[layout.mailbox.begin] == '/' ? PSH_FORM_DN : PSH_FORM_ALIAS;
        }
    } else {
        const Range tail{second + 1, text.size()};
        if (line_feeds.count != 2 || second != first + 1 || !is_anon(text, tail)) {
            return fault_at(PSH_E_SYNTAX, second);
        }
        layout.form = PSH_FORM_ANONYMOUS;
        layout.server = Range{0, first};
        layout.mailbox = tail;
    }
    layout.parsed = true;
    return no_fault();
}

template <CodeUnit Unit>
constexpr Fault check_host_server(const UnitView<Unit>& text, Layout& layout,
                                  FileNameRules rules) {
    const Range server = layout.server;
    if (const Fault f = check_server_name(text, server); !f.ok()) return f;
    // A personalized server name's stem holds its GUID, so it is never a device name.
    const Range stem = stem_of(text, server);
    if (rules == FileNameRules::apply && is_reserved_device_name(text, stem)) {
        return fault_at(PSH_E_RESERVED_NAME, server.begin);
    }
    layout.server_name = stem;
    return no_fault();
}

}  // namespace detail

// The alias rules (rule 4, form ALIAS) on `alias`, a non-empty part of `text`.
template <CodeUnit Unit>
constexpr Fault check_alias(const UnitView<Unit>& text, Range alias, FileNameRules rules) {
    const bool file_rules = rules == FileNameRules::apply;
    if (text[alias.begin] == kSpace) return fault_at(PSH_E_BAD_MAILBOX, alias.begin);
    if (text[alias.end - 1] == kSpace) return fault_at(PSH_E_BAD_MAILBOX, alias.end - 1);
    if (file_rules) {
        for (int32_t i = alias.begin; i < alias.end; ++i) {
            if (is_unsafe_in_file_name(text[i])) return fault_at(PSH_E_UNSAFE_CHAR, i);
        }
        // Windows drops a trailing '.', so the file would silently have another name.
        if (text[alias.end - 1] == '.') return fault_at(PSH_E_UNSAFE_CHAR, alias.end - 1);
    }
    if (alias.size() > kMaxAliasUnits) return fault_at(PSH_E_BAD_MAILBOX, alias.begin + kMaxAliasUnits);
    if (file_rules && is_reserved_device_name(text, stem_of(text, alias))) {
        return fault_at(PSH_E_RESERVED_NAME, alias.begin);
    }
    return no_fault();
}

namespace detail {

template <CodeUnit Unit>
constexpr Fault check_parts(const UnitView<Unit>& text, Layout& layout, FileNameRules rules) {
    if (layout.server.empty()) return fault_at(PSH_E_EMPTY_SERVER, layout.server.begin);

    if (layout.form == PSH_FORM_ANONYMOUS) {
        const DnParse server_dn = parse_exchange_dn(text, layout.server);
        if (!server_dn.fault.ok()) return server_dn.fault;
        layout.server_name = server_dn.last_rdn;
        layout.mailbox_name = layout.mailbox;
        return no_fault();
    }

    if (const Fault f = check_host_server(text, layout, rules); !f.ok()) return f;
    if (layout.mailbox.empty()) return fault_at(PSH_E_EMPTY_MAILBOX, layout.mailbox.begin);
    if (layout.form == PSH_FORM_ALIAS) {
        const Fault f = check_alias(text, layout.mailbox, rules);
        if (f.ok()) layout.mailbox_name = layout.mailbox;
        return f;
    }

    const DnParse mailbox_dn = parse_exchange_dn(text, layout.mailbox);
    if (!mailbox_dn.fault.ok()) return mailbox_dn.fault;
    // Set even when the DN fails below: a report's `rewritable` looks at them (rewrite.hpp).
    layout.mailbox_name = mailbox_dn.last_rdn;
    layout.fixed_administrative_group = mailbox_dn.fixed_administrative_group;
    // A well-formed DN is exactly the KB Q271913 case: its '/' cannot be in a file name.
    if (rules == FileNameRules::apply) return fault_at(PSH_E_UNSAFE_CHAR, layout.mailbox.begin);
    return no_fault();
}

}  // namespace detail

// Checks a whole ProfileInfo in the contract's order and says where its parts are.
template <CodeUnit Unit>
constexpr CheckResult check_profile_info(const UnitView<Unit>& text,
                                         FileNameRules rules = FileNameRules::apply) {
    CheckResult result;
    LineFeeds line_feeds;
    result.fault = detail::scan_characters(text, line_feeds);
    if (!result.fault.ok()) return result;
    result.fault = detail::parse_separators(text, line_feeds, result.layout);
    if (!result.fault.ok()) return result;
    result.fault = detail::check_parts(text, result.layout, rules);
    return result;
}

// The same checks on a text that normalise() wrote (psh_rewrite's and psh_profile_name's
// step 4), without reading it again for rules 1 and 2: a TAB is the only unit normalising
// lets through that rule 1 rejects, and `separators` is what parse_separators() made of the
// LFs it wrote (into `layout`).
template <CodeUnit Unit>
constexpr Fault check_normalised(const UnitView<Unit>& text, const Normalised& normalised,
                                 Fault separators, Layout& layout, FileNameRules rules) {
    if (normalised.first_tab >= 0) return fault_at(PSH_E_BAD_CHAR, normalised.first_tab);
    if (!separators.ok()) return separators;
    return detail::check_parts(text, layout, rules);
}

}  // namespace profshim
