#include "answer.hpp"

#include <algorithm>

#include <profshim.h>

#include "guid.hpp"

namespace profshim::directory {

namespace {

// The last RDN's value of msExchHomeServerName (".../cn=Servers/cn=EXCH01" -> "EXCH01").
std::optional<std::string> last_cn(std::string_view dn) {
    const auto slash = dn.rfind('/');
    const std::string_view rdn = slash == std::string_view::npos ? dn : dn.substr(slash + 1);
    if (rdn.size() < 4 || !equal_ignoring_case(rdn.substr(0, 3), "cn=")) return std::nullopt;
    return std::string(rdn.substr(3));
}

// The primary SMTP address: the proxyAddresses value whose prefix is upper-case "SMTP:",
// else `mail`. Returns its Evidence, or nullopt.
std::optional<Evidence> primary_smtp(const Entry& entry) {
    for (const std::string& proxy : entry.proxy_addresses)
        if (proxy.rfind("SMTP:", 0) == 0) return Evidence{"proxyAddresses", proxy};
    if (!entry.mail.empty()) return Evidence{"mail", entry.mail.front()};
    return std::nullopt;
}

// "PSH_E_UNSAFE_CHAR": psh_describe's line up to its ": ".
std::string status_name(std::int32_t status) {
    char line[512];
    std::int32_t length = 0;
    if (psh_describe(status, line, static_cast<std::int32_t>(sizeof line), &length) != PSH_OK) return "unknown status";
    const std::string text(line, static_cast<std::size_t>(length));
    return text.substr(0, text.find(':'));
}

void incomplete(Answer& answer, std::string reason) {
    answer.result = Result::incomplete;
    answer.reason = std::move(reason);
}

// The server part, or nullopt with `answer` made incomplete.
std::optional<std::string> server_of(const Request& request, const Entry& entry,
                                     ServerChoice choice, Answer& answer) {
    switch (choice) {
    case ServerChoice::keep:
        return request.server;
    case ServerChoice::home: {
        if (entry.home_server_name.empty()) {
            incomplete(answer, "the entry has no msExchHomeServerName");
            return std::nullopt;
        }
        const std::string& home = entry.home_server_name.front();
        auto server = last_cn(home);
        if (!server) {
            incomplete(answer, "msExchHomeServerName '" + home + "' does not end in a /cn= RDN");
            return std::nullopt;
        }
        answer.evidence.push_back({"msExchHomeServerName", home});
        return server;
    }
    case ServerChoice::personalized:
        break;
    }
    if (entry.mailbox_guid.empty()) {
        incomplete(answer, "the entry has no msExchMailboxGuid");
        return std::nullopt;
    }
    const auto guid = guid_text(entry.mailbox_guid.front());
    if (!guid) {
        incomplete(answer, "msExchMailboxGuid is " + std::to_string(entry.mailbox_guid.front().size()) +
                               " bytes, not 16");
        return std::nullopt;
    }
    const auto smtp = primary_smtp(entry);
    const auto at = smtp ? smtp->value.rfind('@') : std::string::npos;
    if (!smtp || at == std::string::npos || at + 1 == smtp->value.size()) {
        incomplete(answer, "the entry has no primary SMTP address (a proxyAddresses 'SMTP:' value, or mail)");
        return std::nullopt;
    }
    answer.evidence.push_back({"msExchMailboxGuid", *guid});
    answer.evidence.push_back(*smtp);
    return *guid + "@" + smtp->value.substr(at + 1);
}

}  // namespace

const char* result_name(Result result) {
    switch (result) {
    case Result::resolved: return "resolved";
    case Result::not_found: return "not_found";
    case Result::ambiguous: return "ambiguous";
    case Result::incomplete: return "incomplete";
    case Result::unsafe: return "unsafe";
    case Result::invalid: return "invalid";
    case Result::error: return "error";
    }
    return "error";
}

std::optional<ServerChoice> server_choice_of(std::string_view name) {
    if (name == "keep") return ServerChoice::keep;
    if (name == "home") return ServerChoice::home;
    if (name == "personalized") return ServerChoice::personalized;
    return std::nullopt;
}

void build_answer(const Request& request, const Entry& entry, const Options& options, Answer& answer) {
    answer.entry = entry.dn;
    if (entry.mail_nickname.empty()) {
        incomplete(answer, "the entry has no mailNickname");
        return;
    }
    const std::string& alias = entry.mail_nickname.front();
    answer.evidence.push_back({"mailNickname", alias});
    const auto server = server_of(request, entry, options.server, answer);
    if (!server) return;

    std::string info = *server + "\n" + (options.exact ? "=" : "") + alias;
    // The answer must pass psh_check (an alias such as "ops/alerts" is legal in Exchange):
    // a string that fails is never handed out. One over PSH_MAX_INPUT is PSH_E_TOO_LONG.
    const auto len = static_cast<std::int32_t>(std::min<std::size_t>(info.size(), PSH_MAX_INPUT + 1));
    const std::int32_t status = psh_check(info.data(), len, nullptr);
    answer.status = status;
    if (status != PSH_OK) {
        answer.result = Result::unsafe;
        answer.reason = "the ProfileInfo built from the entry is not safe for CDO's logon: " + status_name(status);
        return;
    }
    answer.result = Result::resolved;
    answer.output = std::move(info);
}

}  // namespace profshim::directory
