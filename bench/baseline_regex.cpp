// Written the way an application developer would: split on '\n', a regex per rule,
// std::string for every piece. Statuses are profshim's (profshim.h), so answers compare.
#include "baseline_regex.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>
#include <vector>

#include "profshim.h"

namespace bench::regex_baseline {
namespace {

using std::regex;
using std::string;

// Units other than LF and printable ASCII.
const regex kBadChar(R"([^\n\x20-\x7e])");
// The same, rewrite's step 1: CR and TAB are let through.
const regex kBadCharForRewrite(R"([^\n\r\t\x20-\x7e])");
const regex kLineBreak(R"(\r\n|\r)");
const regex kBlankEnds(R"(^[ \t]+|[ \t]+$)");
const regex kAnon("anon", regex::icase);
// Host name: labels of 1 to 63 units, no '-' at a label's ends.
const regex kHostName(
    R"(^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$)");
// Exchange DN: /o= /ou= then /cn= ..., split into its parts.
const regex kDn(R"(^/o=([^/]*)/ou=([^/]*)((/cn=[^/]*)+)$)", regex::icase);
const regex kCommonName(R"(/cn=([^/]*))", regex::icase);
// One RDN: 1 to 64 teletex units, no space at either end.
const regex kRdn(
    R"(^[A-Za-z0-9!"%&\\()*+,.:<=>?@\[\]_|-]([ A-Za-z0-9!"%&\\()*+,.:<=>?@\[\]_|-]{0,62}[A-Za-z0-9!"%&\\()*+,.:<=>?@\[\]_|-])?$)");
const regex kUnsafeInFileName(R"([<>:"/\\|?*])");
const regex kReservedName(R"(^(con|prn|aux|nul|clock\$|conin\$|conout\$|com[0-9]|lpt[0-9])(\..*)?$)",
                          regex::icase);
const regex kNotInProfileName("[^a-z0-9_]");

std::vector<string> split(const string& text, char separator) {
    std::vector<string> parts;
    string::size_type begin = 0;
    for (;;) {
        const string::size_type end = text.find(separator, begin);
        if (end == string::npos) {
            parts.push_back(text.substr(begin));
            return parts;
        }
        parts.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
}

string to_lower(string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Parses an Exchange DN; on success `last_rdn` is its directory name.
bool parse_dn(const string& dn, string& last_rdn) {
    std::smatch parts;
    if (!std::regex_match(dn, parts, kDn)) return false;
    std::vector<string> rdns = {parts[1].str(), parts[2].str()};
    const string common_names = parts[3].str();
    for (std::sregex_iterator it(common_names.begin(), common_names.end(), kCommonName), end;
         it != end; ++it) {
        rdns.push_back((*it)[1].str());
    }
    if (rdns.size() > 16) return false;
    std::size_t total = 0;
    for (const string& rdn : rdns) {
        if (!std::regex_match(rdn, kRdn)) return false;
        total += rdn.size();
    }
    if (total > 256) return false;
    last_rdn = rdns.back();
    return true;
}

struct Parsed {
    int32_t status = PSH_OK;
    string server_name;    // what a profile name shows of each part
    string mailbox_name;
};

// psh_check's rules in psh_check's order; `file_rules` false skips the unsafe-character
// and reserved-name rules, as psh_profile_name does.
Parsed parse(const string& info, bool file_rules) {
    Parsed result;
    const auto fail = [&](int32_t status) {
        result.status = status;
        return result;
    };
    if (info.size() > PSH_MAX_INPUT) return fail(PSH_E_TOO_LONG);
    if (std::regex_search(info, kBadChar)) return fail(PSH_E_BAD_CHAR);
    const std::vector<string> lines = split(info, '\n');
    if (lines.size() == 1) return fail(PSH_E_NO_SEPARATOR);

    if (lines.size() == 3 && lines[1].empty() && std::regex_match(lines[2], kAnon)) {
        const string& server = lines[0];
        if (server.empty()) return fail(PSH_E_EMPTY_SERVER);
        if (!parse_dn(server, result.server_name)) return fail(PSH_E_BAD_DN);
        result.mailbox_name = lines[2];
        return result;
    }
    if (lines.size() != 2) return fail(PSH_E_SYNTAX);

    const string& server = lines[0];
    const string& mailbox = lines[1];
    if (server.empty()) return fail(PSH_E_EMPTY_SERVER);
    if (server.size() > 253 || !std::regex_match(server, kHostName)) return fail(PSH_E_BAD_SERVER);
    if (file_rules && std::regex_match(server, kReservedName)) return fail(PSH_E_RESERVED_NAME);
    result.server_name = server.substr(0, server.find('.'));

    if (mailbox.empty()) return fail(PSH_E_EMPTY_MAILBOX);
    if (mailbox[0] == '/') {
        if (!parse_dn(mailbox, result.mailbox_name)) return fail(PSH_E_BAD_DN);
        if (file_rules) return fail(PSH_E_UNSAFE_CHAR);
        return result;
    }
    if (mailbox.front() == ' ' || mailbox.back() == ' ') return fail(PSH_E_BAD_MAILBOX);
    if (file_rules && std::regex_search(mailbox, kUnsafeInFileName)) return fail(PSH_E_UNSAFE_CHAR);
    if (file_rules && mailbox.back() == '.') return fail(PSH_E_UNSAFE_CHAR);
    if (mailbox.size() > 64) return fail(PSH_E_BAD_MAILBOX);
    if (file_rules && std::regex_match(mailbox, kReservedName)) return fail(PSH_E_RESERVED_NAME);
    result.mailbox_name = mailbox;
    return result;
}

// Rewrite steps 1-2: CRLF and CR to LF, trim every line, drop empty lines at both ends.
// `no_separator` is what a result without a separator is called: since 1.2 (profshim.h
// section 11.7) the part that dropping left missing, when one line is left.
int32_t normalise(const string& info, string& out, int32_t& no_separator) {
    if (info.size() > PSH_MAX_INPUT) return PSH_E_TOO_LONG;
    if (std::regex_search(info, kBadCharForRewrite)) return PSH_E_BAD_CHAR;
    std::vector<string> lines = split(std::regex_replace(info, kLineBreak, "\n"), '\n');
    for (string& line : lines) line = std::regex_replace(line, kBlankEnds, "");
    bool dropped_front = false;
    bool dropped_back = false;
    while (!lines.empty() && lines.front().empty()) {
        lines.erase(lines.begin());
        dropped_front = true;
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
        dropped_back = true;
    }
    no_separator = PSH_E_NO_SEPARATOR;
    if (lines.size() == 1 && dropped_back) no_separator = PSH_E_EMPTY_MAILBOX;
    else if (lines.size() == 1 && dropped_front) no_separator = PSH_E_EMPTY_SERVER;
    out.clear();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += '\n';
        out += lines[i];
    }
    return PSH_OK;
}

uint64_t fnv1a64(const string& bytes) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace

int32_t check(const string& info) { return parse(info, true).status; }

int32_t rewrite(const string& info, uint32_t flags, string& out) {
    out.clear();
    if ((flags & ~PSH_REWRITE_KEEP_DN) != 0) return PSH_E_UNKNOWN_FLAGS;
    string text;
    int32_t no_separator = PSH_E_NO_SEPARATOR;
    if (const int32_t status = normalise(info, text, no_separator); status != PSH_OK) return status;
    if ((flags & PSH_REWRITE_KEEP_DN) == 0) {
        std::vector<string> lines = split(text, '\n');
        string last_rdn;
        if (lines.size() == 2 && !lines[1].empty() && lines[1][0] == '/' && parse_dn(lines[1], last_rdn)) {
            text = lines[0] + "\n" + last_rdn;
        } else if (lines.size() == 3 && lines[1].empty() && std::regex_match(lines[2], kAnon)) {
            text = lines[0] + "\n\n" + to_lower(lines[2]);
        }
    }
    int32_t status = check(text);
    if (status == PSH_E_NO_SEPARATOR) status = no_separator;
    if (status == PSH_OK) out = text;
    return status;
}

int32_t profile_name(const string& info, string& out) {
    out.clear();
    string text;
    int32_t no_separator = PSH_E_NO_SEPARATOR;
    if (const int32_t status = normalise(info, text, no_separator); status != PSH_OK) return status;
    const Parsed parsed = parse(text, false);
    if (parsed.status == PSH_E_NO_SEPARATOR) return no_separator;
    if (parsed.status != PSH_OK) return parsed.status;
    const string key = to_lower(text);
    const string server = std::regex_replace(to_lower(parsed.server_name), kNotInProfileName, "_").substr(0, 15);
    const string mailbox = std::regex_replace(to_lower(parsed.mailbox_name), kNotInProfileName, "_")
                               .substr(0, 46 - server.size());
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(key)));
    out = server + "_" + mailbox + "_" + hash;
    return PSH_OK;
}

}  // namespace bench::regex_baseline
