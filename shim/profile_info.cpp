#include "profile_info.hpp"

#include "ascii.hpp"
#include "exchange_dn.hpp"
#include "file_name_rules.hpp"
#include "host_name.hpp"
#include "utf8.hpp"

namespace profshim {
namespace {

constexpr int32_t kMaxAlias = 64;   // UTF-16 units, in both widths (section 11.3)

bool is_anon(Text text, Range part) {
    constexpr char kAnon[] = "anon";
    if (part.size() != 4) return false;
    for (int32_t i = 0; i < 4; ++i) {
        if (ascii_lower(text[part.begin + i]) != static_cast<uint8_t>(kAnon[i])) return false;
    }
    return true;
}

// Rule 1 (section 11.2), and on the way the LFs for rule 2: the first byte where neither
// LF, printable ASCII nor a non-ASCII character that is not a control starts.
Fault scan_characters(Text text, LineFeeds& line_feeds) {
    const int32_t size = text.size();
    for (int32_t i = 0; i < size; ++i) {
        i = text.skip_characters(i);
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

// The offset of the character that takes `alias` past kMaxAlias UTF-16 units (section
// 11.3), or -1. An alias of at most kMaxAlias bytes has at most that many units.
int32_t past_alias_limit(Text text, Range alias) {
    if (alias.size() <= kMaxAlias) return -1;
    int32_t units = 0;
    for (int32_t i = alias.begin; i < alias.end; ++i) {
        units += utf16_units_of_lead(text[i]);
        if (units > kMaxAlias) return i;   // a lead byte: a continuation adds nothing
    }
    return -1;
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
    if (const int32_t past = past_alias_limit(text, alias); past >= 0) return fault_at(PSH_E_BAD_MAILBOX, past);
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
    // Section 11.7: a single line left by dropping empty ones names the part that is
    // missing, as psh_check does, rather than PSH_E_NO_SEPARATOR.
    if (separators.status == PSH_E_NO_SEPARATOR && normalised.lines == 1) {
        if (normalised.dropped_after) return fault_at(PSH_E_EMPTY_MAILBOX, text.size());
        if (normalised.dropped_before) return fault_at(PSH_E_EMPTY_SERVER, 0);
    }
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
