// The ProfileInfo parser: what psh_check does (contract 5), as one template over the unit.
//
//   authenticated form: server LF mailbox        ("EXCH01\njdoe", "EXCH01\n/o=.../cn=jdoe")
//   anonymous form:     serverDN LF LF "anon"    ("/o=.../cn=Servers/cn=EXCH01\n\nanon")
#pragma once

#include "exchange_dn.hpp"
#include "file_name_rules.hpp"
#include "host_name.hpp"
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
constexpr Fault check_characters(const UnitView<Unit>& text) {
    for (int32_t i = 0; i < text.size(); ++i) {
        const uint32_t u = text[i];
        if (u != kLineFeed && !is_printable_ascii(u)) return fault_at(PSH_E_BAD_CHAR, i);
    }
    return no_fault();
}

template <CodeUnit Unit>
constexpr bool is_anon(const UnitView<Unit>& text, Range part) {
    constexpr char kAnon[] = "anon";
    if (part.size() != 4) return false;
    for (int32_t i = 0; i < 4; ++i) {
        if (ascii_lower(text[part.begin + i]) != static_cast<uint32_t>(kAnon[i])) return false;
    }
    return true;
}

// Rule 2: one LF, or exactly LF LF "anon"; anything else fails at the second LF.
template <CodeUnit Unit>
constexpr Fault parse_separators(const UnitView<Unit>& text, Layout& layout) {
    int32_t first = -1;
    int32_t second = -1;
    int32_t count = 0;
    for (int32_t i = 0; i < text.size(); ++i) {
        if (text[i] != kLineFeed) continue;
        if (++count == 1) first = i;
        if (count == 2) second = i;
    }
    if (count == 0) return fault_at(PSH_E_NO_SEPARATOR, -1);
    if (count == 1) {
        layout.server = Range{0, first};
        layout.mailbox = Range{first + 1, text.size()};
        if (layout.mailbox.empty()) {
            layout.form = PSH_FORM_UNKNOWN;
        } else {
            layout.form = text[layout.mailbox.begin] == '/' ? PSH_FORM_DN : PSH_FORM_ALIAS;
        }
    } else {
        const Range tail{second + 1, text.size()};
        if (count != 2 || second != first + 1 || !is_anon(text, tail)) {
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
    if (const Fault f = check_host_name(text, server); !f.ok()) return f;
    const Range stem = stem_of(text, server);
    if (rules == FileNameRules::apply && is_reserved_device_name(text, stem)) {
        return fault_at(PSH_E_RESERVED_NAME, server.begin);
    }
    layout.server_name = stem;
    return no_fault();
}

template <CodeUnit Unit>
constexpr Fault check_alias(const UnitView<Unit>& text, Layout& layout, FileNameRules rules) {
    const Range alias = layout.mailbox;
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
    layout.mailbox_name = alias;
    return no_fault();
}

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
    if (layout.form == PSH_FORM_ALIAS) return check_alias(text, layout, rules);

    const DnParse mailbox_dn = parse_exchange_dn(text, layout.mailbox);
    if (!mailbox_dn.fault.ok()) return mailbox_dn.fault;
    // A well-formed DN is exactly the KB Q271913 case: its '/' cannot be in a file name.
    if (rules == FileNameRules::apply) return fault_at(PSH_E_UNSAFE_CHAR, layout.mailbox.begin);
    layout.mailbox_name = mailbox_dn.last_rdn;
    return no_fault();
}

}  // namespace detail

// Checks a whole ProfileInfo in the contract's order and says where its parts are.
template <CodeUnit Unit>
constexpr CheckResult check_profile_info(const UnitView<Unit>& text,
                                         FileNameRules rules = FileNameRules::apply) {
    CheckResult result;
    result.fault = detail::check_characters(text);
    if (!result.fault.ok()) return result;
    result.fault = detail::parse_separators(text, result.layout);
    if (!result.fault.ok()) return result;
    result.fault = detail::check_parts(text, result.layout, rules);
    return result;
}

}  // namespace profshim
