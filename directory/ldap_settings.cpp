// What both LDAP sources share: the password, the URL.
#include "ldap_source.hpp"
#include "live_source.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace profshim::directory {

std::string read_password(const std::string& file) {
    if (file.empty()) {
        const char* value = std::getenv(kPasswordVariable);
        if (value == nullptr || *value == '\0')
            throw DirectoryError(std::string("a simple bind needs a password: --password-file FILE or ") +
                                 kPasswordVariable);
        return value;
    }
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) {
        const int error = errno;
        throw DirectoryError("cannot read the password file '" + file +
                             "': " + (error != 0 ? std::strerror(error) : "it is empty"));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::optional<LdapUrl> parse_ldap_url(const std::string& uri) {
    const auto sep = uri.find("://");
    if (sep == std::string::npos) return std::nullopt;
    LdapUrl url;
    url.scheme = lower_ascii(uri.substr(0, sep));
    if (url.scheme != "ldap" && url.scheme != "ldaps") return std::nullopt;
    const auto rest = uri.substr(sep + 3);
    const auto slash = rest.find('/');
    url.host_port = rest.substr(0, slash);
    if (url.host_port.empty()) return std::nullopt;
    if (slash == std::string::npos) return url;
    const std::string dn = rest.substr(slash + 1, rest.find('?', slash) - slash - 1);
    for (std::size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '%' && i + 2 < dn.size() && hex_value(dn[i + 1]) >= 0 && hex_value(dn[i + 2]) >= 0) {
            url.dn += static_cast<char>(hex_value(dn[i + 1]) * 16 + hex_value(dn[i + 2]));
            i += 2;
        } else {
            url.dn += dn[i];
        }
    }
    return url;
}

}  // namespace profshim::directory

namespace profshim::directory {

std::vector<Entry> LiveSource::find(const Lookup& lookup) {
    if (!lost_.empty()) throw DirectoryError(lost_);
    std::optional<Failure> failure;
    std::vector<Entry> found = search(filter_of(lookup), failure);
    if (!failure) return found;
    if (!failure->connection_lost) throw DirectoryError("the directory search failed: " + failure->text);
    lost_ = "the connection to the directory was lost (" + failure->text + "); nothing after it is looked up";
    throw DirectoryError(lost_);
}

}  // namespace profshim::directory
