#include "lookup.hpp"

#include "filter_escape.hpp"

namespace profshim::directory {

namespace {

std::string_view trim(std::string_view text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    return text;
}

Lookup lookup_of(std::string_view mailbox) {
    if (mailbox.front() == '/') return {LookupKind::dn, std::string(mailbox)};
    if (mailbox.find('@') != std::string_view::npos) return {LookupKind::smtp, std::string(mailbox)};
    if (mailbox.front() == '=') mailbox.remove_prefix(1);
    return {LookupKind::alias, std::string(mailbox)};
}

}  // namespace

std::optional<Request> parse_request(std::string_view info, std::string& why) {
    const auto lf = info.find('\n');
    if (lf == std::string_view::npos) {
        why = "no LF between server and mailbox";
        return std::nullopt;
    }
    if (info.find('\n', lf + 1) != std::string_view::npos) {
        why = "more than one LF (the anonymous form names no mailbox)";
        return std::nullopt;
    }
    const std::string_view server = trim(info.substr(0, lf));
    const std::string_view mailbox = trim(info.substr(lf + 1));
    if (mailbox.empty() || mailbox == "=") {
        why = "the mailbox part is empty";
        return std::nullopt;
    }
    return Request{std::string(server), std::string(mailbox), lookup_of(mailbox)};
}

std::string filter_of(const Lookup& lookup) {
    const std::string x = escape_filter_value(lookup.value);
    switch (lookup.kind) {
    case LookupKind::dn:
        return "(|(legacyExchangeDN=" + x + ")(proxyAddresses=X500:" + x + "))";
    case LookupKind::smtp:
        return "(proxyAddresses=smtp:" + x + ")";
    case LookupKind::alias:
        break;
    }
    return "(|(mailNickname=" + x + ")(sAMAccountName=" + x + "))";
}

}  // namespace profshim::directory
