#include "profile_info.hpp"

#include "ascii.hpp"
#include "exchange_dn.hpp"
#include "file_name_rules.hpp"
#include "host_name.hpp"

namespace profshim {
namespace {

constexpr int32_t kMaxAlias = 64;

bool is_anon(Text text, Range part) {
    constexpr char kAnon[] = "anon";
    if (part.size() != 4) return false;
    for (int32_t i = 0; i < 4; ++i) {
        if (ascii_lower(text[part.begin + i]) != static_cast<uint8_t>(kAnon[i])) return false;
    }
    return true;
}

// Rule 1, and on the way the LFs for rule 2: the first byte that is neither printable
// ASCII nor LF.
Fault scan_characters(Text text, LineFeeds& line_feeds) {
    const int32_t size = text.size();
    for (int32_t i = 0; i < size; ++i) {
        i = text.skip_printable(i);
        if (i == size) break;
        if (text[i] != kLineFeed) return fault_at(PSH_E_BAD_CHAR, i);
        line_feeds.add(i);
    }
    return no_fault();
}

Fault check_server(Text text, Layout& layout, FileNameRules rules) {
    const ServerName server = check_server_name(text, layout.server);
    if (!server.fault.ok()) return server.fault;
    // A personalized server name's stem holds its GUID, so it is never a device name.
    if (rules == FileNameRules::apply && is_reserved_device_name(text, server.stem)) {
        return fault_at(PSH_E_RESERVED_NAME, layout.server.begin);
    }
    layout.server_name = server.stem;
    return no_fault();
}

}  // namespace

Fault parse_layout(Text text, const LineFeeds& line_feeds, Layout& layout) {
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

Fault check_alias(Text text, Range alias, FileNameRules rules) {
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
    if (alias.size() > kMaxAlias) return fault_at(PSH_E_BAD_MAILBOX, alias.begin + kMaxAlias);
    if (file_rules && has_reserved_stem(text, alias)) return fault_at(PSH_E_RESERVED_NAME, alias.begin);
    return no_fault();
}

Fault check_parts(Text text, Layout& layout, FileNameRules rules) {
    if (layout.server.empty()) return fault_at(PSH_E_EMPTY_SERVER, layout.server.begin);

    if (layout.form == PSH_FORM_ANONYMOUS) {
        const DnParse server_dn = parse_exchange_dn(text, layout.server);
        if (!server_dn.fault.ok()) return server_dn.fault;
        layout.server_name = server_dn.last_rdn;
        layout.mailbox_name = layout.mailbox;
        return no_fault();
    }

    if (const Fault f = check_server(text, layout, rules); !f.ok()) return f;
    if (layout.mailbox.empty()) return fault_at(PSH_E_EMPTY_MAILBOX, layout.mailbox.begin);
    if (layout.form == PSH_FORM_ALIAS) {
        const Fault f = check_alias(text, layout.mailbox, rules);
        if (f.ok()) layout.mailbox_name = layout.mailbox;
        return f;
    }

    const DnParse mailbox_dn = parse_exchange_dn(text, layout.mailbox);
    if (!mailbox_dn.fault.ok()) return mailbox_dn.fault;
    // Set even when the DN fails below: a report's `rewritable` looks at them (rewrite.cpp).
    layout.mailbox_name = mailbox_dn.last_rdn;
    layout.fixed_administrative_group = mailbox_dn.fixed_administrative_group;
    // A well-formed DN is exactly the KB Q271913 case: its '/' cannot be in a file name.
    if (rules == FileNameRules::apply) return fault_at(PSH_E_UNSAFE_CHAR, layout.mailbox.begin);
    return no_fault();
}

Fault check_normalised(Text text, const Normalised& normalised, Fault separators, Layout& layout,
                       FileNameRules rules) {
    if (normalised.first_tab >= 0) return fault_at(PSH_E_BAD_CHAR, normalised.first_tab);
    if (!separators.ok()) return separators;
    return check_parts(text, layout, rules);
}

CheckResult check_profile_info(Text text, FileNameRules rules) {
    CheckResult result;
    LineFeeds line_feeds;
    result.fault = scan_characters(text, line_feeds);
    if (!result.fault.ok()) return result;
    result.fault = parse_layout(text, line_feeds, result.layout);
    if (!result.fault.ok()) return result;
    result.fault = check_parts(text, result.layout, rules);
    return result;
}

}  // namespace profshim
