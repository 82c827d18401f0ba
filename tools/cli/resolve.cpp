// profshim resolve: for each ProfileInfo, the one that logs on, read from the directory
// (issue 19; README "From a DN to the ProfileInfo that logs on"). The directory reader is
// directory/ (profshim_directory); this file is its command line.

#include <memory>

#include <CLI/CLI.hpp>

#include "cli.hpp"
#include "ldap_source.hpp"
#if PROFSHIM_DIRECTORY_HAVE_LDIF
#include "ldif_source.hpp"
#endif
#include "resolver.hpp"

namespace profshim_cli {

namespace {

namespace dir = profshim::directory;

// An option's one value as given, or "".
std::string value_of(const CLI::App& command, const char* name) {
    const CLI::Option* o = command.get_option(name);
    return o->count() > 0 ? given(*o).front() : std::string();
}

// The source the options name; throws DirectoryError, or sets `usage` for options that
// do not go together.
std::unique_ptr<dir::Source> open_source(const CLI::App& command, std::string& usage) {
    const std::string ldap = value_of(command, "--ldap"), ldif = value_of(command, "--ldif");
    if (ldap.empty() == ldif.empty()) {
        usage = "resolve needs one of --ldap URI and --ldif FILE";
        return nullptr;
    }
    // A password file with nothing to bind as would be ignored and the run go on anonymously:
    // say so instead (a newcomer's finding).
    if (value_of(command, "--bind-dn").empty() && !value_of(command, "--password-file").empty()) {
        usage = "--password-file goes with --bind-dn (a simple bind); without --bind-dn the bind is " +
                std::string(ldap.empty() ? "not made (--ldif)" : "anonymous or Negotiate and takes no password");
        return nullptr;
    }
    if (!ldif.empty()) {
#if PROFSHIM_DIRECTORY_HAVE_LDIF
        return dir::open_ldif(ldif);
#else
        usage = "this build has no LDIF reader (OpenLDAP's ldif.h is not in mingw-w64): use --ldap";
        return nullptr;
#endif
    }
    dir::LdapSettings s;
    s.uri = ldap;
    s.base = value_of(command, "--base");
    s.bind_dn = value_of(command, "--bind-dn");
    s.start_tls = command.count("--starttls") > 0;
    s.ca_file = value_of(command, "--ca-file");
#ifdef _WIN32
    s.bind = command.count("--anonymous") > 0 ? dir::Bind::anonymous : dir::Bind::negotiate;
#else
    s.bind = dir::Bind::anonymous;
#endif
    if (!s.bind_dn.empty()) {
        s.bind = dir::Bind::simple;
        s.password = dir::read_password(value_of(command, "--password-file"));
    }
    return dir::open_ldap(s);
}

Json evidence_of(const dir::Answer& a) {
    Json evidence = Json::object();
    for (const dir::Evidence& e : a.evidence)
        evidence[e.attribute] = e.attribute == "msExchMailboxGuid" ? e.value : utf8_or_replacement(e.value);
    return evidence;
}

Json text_or_null(const std::optional<std::string>& text) {
    return text ? Json(utf8_or_replacement(*text)) : Json(nullptr);
}

int run(const CLI::App& command) {
    std::string usage;
    std::unique_ptr<dir::Source> source;
    try {
        source = open_source(command, usage);
    } catch (const dir::DirectoryError& e) {
        return file_error(e.what());
    }
    if (!source) return usage_error(usage);
    dir::Options options;
    options.server = dir::server_choice_of(value_of(command, "--server")).value_or(dir::ServerChoice::keep);
    options.exact = command.count("--exact") > 0;

    bool directory_error = false;
    auto answer = [&](const std::string& info, bool json) {
        const dir::Answer a = dir::resolve(*source, info, options);
        directory_error = directory_error || a.result == dir::Result::error;
        const bool resolved = a.result == dir::Result::resolved;
        const char* result = dir::result_name(a.result);
        Answer row;
        // Counted as OK only when resolved; the table and the JSON say the result itself.
        row.status = resolved ? PSH_OK : a.status.value_or(PSH_E_UNEXPECTED);
        row.status_cell = result;
        row.message = resolved ? "resolved: the output is the ProfileInfo that logs on to the entry's mailbox."
                               : std::string(result) + ": " + a.reason;
        if (json) {
            const Json status = a.status ? Json(status_name(*a.status)) : Json(nullptr);
            row.json = {{"status", status},  // the psh status name where one applies (issue 19)
                        {"status_code", a.status ? Json(*a.status) : Json(nullptr)},  // as the other commands'
                        {"status_hex", a.status ? Json(status_hex(*a.status)) : Json(nullptr)},
                        {"status_name", status},
                        {"ok", resolved},
                        {"result", result},
                        {"output", text_or_null(a.output)},
                        {"entry", text_or_null(a.entry)},
                        {"reason", a.reason.empty() ? Json(nullptr) : Json(utf8_or_replacement(a.reason))},
                        {"filter", a.filter.empty() ? Json(nullptr) : Json(utf8_or_replacement(a.filter))},
                        {"candidates", Json::array()},
                        {"evidence", evidence_of(a)}};
            for (const std::string& dn : a.candidates) row.json["candidates"].push_back(utf8_or_replacement(dn));
        } else {
            row.cells = {a.output ? encode_c_escapes(*a.output, true) : "-"};
        }
        return row;
    };
    auto summary = [&](std::size_t n, std::size_t ok) {
        return "resolved: " + std::to_string(ok) + ", not resolved: " + std::to_string(n - ok) +
               (directory_error ? " (the directory failed: exit status 2)." : ".");
    };
    const int rc = run_lines(command, {"resolve", {{"OUTPUT", 40, false}}, answer, summary});
    return directory_error ? kExitUsage : rc;
}

void add_options(CLI::App& command) {
    command.add_option("--ldap")->type_name("URI")->description("a live directory: ldap://HOST[:PORT][/BASE] or ldaps://...");
    command.add_option("--ldif")->type_name("FILE")->description(
#if PROFSHIM_DIRECTORY_HAVE_LDIF
        "an LDIF export (ldifde, RFC 2849)"
#else
        "an LDIF export (not in this build: it has no LDIF reader)"
#endif
    );
    command.add_option("--base")->type_name("DN")->description("where to search (default: the URI's DN, else\nthe rootDSE's defaultNamingContext)");
    command.add_option("--bind-dn")->type_name("DN")->description("a simple bind as DN (over ldaps:// or --starttls)");
    command.add_option("--password-file")->type_name("FILE")->description(
        "its password: FILE's first line, else the\nenvironment variable PROFSHIM_LDAP_PASSWORD");
    command.add_flag("--starttls")->description("StartTLS on an ldap:// connection");
    command.add_option("--ca-file")->type_name("FILE")->description("PEM CA certificates to verify the server with");
#ifdef _WIN32
    command.add_flag("--anonymous")->description("bind anonymously (default: Negotiate as the calling account)");
#endif
    command.add_option("--server")->type_name("keep|home|personalized")
        // The choices are in the type name; CLI11 would add them again as the check's own
        // description ("keep|home|personalized:{keep,home,personalized}" in the synopsis).
        ->check(CLI::IsMember({"keep", "home", "personalized"}).description(""))
        ->description("the server part: as given (default), the last RDN\nof msExchHomeServerName, or GUID@domain (2013+)");
    command.add_flag("--exact")->description("the mailbox as =alias (KB Q193643)");
    add_json_option(command);
    add_input_options(command);
}

}  // namespace

extern const Command kResolveCommand{  // extern: listed in main.cpp
    "resolve", "the ProfileInfo that logs on, read from the directory",
    "Each mailbox is looked up: a DN by legacyExchangeDN or an X500: proxy, an address with\n"
    "'@' by an smtp: proxy, else by mailNickname or sAMAccountName (every value escaped,\n"
    "RFC 4515). RESULT: resolved, not_found, ambiguous (the entries' DNs are listed, none\n"
    "is chosen), incomplete (the entry lacks what the answer needs), unsafe (the answer\n"
    "is not safe for CDO's logon: none is given), invalid (the separators do not parse,\n"
    "or the anonymous form), error (the directory could not answer). One connection\n"
    "serves the run; a password is never taken on the command line. Exit status: 0 when\n"
    "every input resolved, 1 when some did not, 2 for a usage or directory error.\n",
    add_options, run};

}  // namespace profshim_cli
