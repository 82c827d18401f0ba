#include "entry.hpp"

namespace profshim::directory {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = lower(c);
    return out;
}

std::vector<std::string>* values_of(Entry& entry, std::string_view attribute) {
    std::vector<std::string>* fields[] = {
        &entry.mail_nickname, &entry.sam_account_name, &entry.legacy_exchange_dn,
        &entry.proxy_addresses, &entry.mail, &entry.home_server_name, &entry.mailbox_guid};
    static_assert(std::size(kEntryAttributes) == std::size(fields));
    for (std::size_t i = 0; i < std::size(fields); ++i)
        if (equal_ignoring_case(attribute, kEntryAttributes[i])) return fields[i];
    return nullptr;
}

}  // namespace profshim::directory
