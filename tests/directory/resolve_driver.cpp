// profshim_resolve_driver: the directory reader from a shell without the CLI's output, for
// the scale run (bench/resolve_scale) and the README's example. Not the product (that is
// `profshim resolve`): no JSON, no -f, one input per line of standard input.
//
//   profshim_resolve_driver (--ldif FILE | --ldap URI) [--base DN] [--bind-dn DN]
//       [--password-file FILE] [--starttls] [--ca-file FILE] [--server keep|home|personalized]
//       [--exact] [--quiet] < inputs
//
// Each input line is a ProfileInfo with its LF written as the two characters \n; each
// output line is RESULT TAB OUTPUT TAB ENTRY TAB REASON (OUTPUT's LF written \n again; an
// empty field is "-").
// --quiet writes only the count of each result at the end. Exit status: 0 when every
// input resolved, 1 when some did not, 2 for a usage or directory error.
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "ldap_source.hpp"
#if PROFSHIM_DIRECTORY_HAVE_LDIF
#include "ldif_source.hpp"
#endif
#include "resolver.hpp"

using namespace profshim::directory;

namespace {

std::string unescape(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == 'n' || line[i + 1] == '\\')) {
            out += line[i + 1] == 'n' ? '\n' : '\\';
            ++i;
        } else {
            out += line[i];
        }
    }
    return out;
}

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '\\') out += "\\\\";
        else out += c;
    }
    return out;
}

int usage(const std::string& what) {
    std::cerr << "profshim_resolve_driver: " << what << "\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string ldif, password_file;
    LdapSettings ldap;
    Options options;
    bool quiet = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (arg == "--ldif") ldif = value();
        else if (arg == "--ldap") ldap.uri = value();
        else if (arg == "--base") ldap.base = value();
        else if (arg == "--bind-dn") { ldap.bind_dn = value(); ldap.bind = Bind::simple; }
        else if (arg == "--password-file") password_file = value();
        else if (arg == "--starttls") ldap.start_tls = true;
        else if (arg == "--ca-file") ldap.ca_file = value();
        else if (arg == "--exact") options.exact = true;
        else if (arg == "--quiet") quiet = true;
        else if (arg == "--server") {
            const auto choice = server_choice_of(value());
            if (!choice) return usage("--server is keep, home or personalized");
            options.server = *choice;
        } else {
            return usage("unknown argument '" + arg + "'");
        }
    }
    if (ldif.empty() == ldap.uri.empty()) return usage("give one of --ldif FILE and --ldap URI");
    std::unique_ptr<Source> source;
    try {
        if (ldap.bind == Bind::simple) ldap.password = read_password(password_file);
#if PROFSHIM_DIRECTORY_HAVE_LDIF
        source = ldif.empty() ? open_ldap(ldap) : open_ldif(ldif);
#else
        if (!ldif.empty()) return usage("this build has no LDIF reader (OpenLDAP's ldif.h)");
        source = open_ldap(ldap);
#endif
    } catch (const DirectoryError& e) {
        return usage(e.what());
    }
    std::map<std::string, long> counts;
    bool directory_error = false;
    std::string line;
    while (std::getline(std::cin, line)) {
        const Answer a = resolve(*source, unescape(line), options);
        ++counts[result_name(a.result)];
        directory_error = directory_error || a.result == Result::error;
        if (!quiet)
            std::cout << result_name(a.result) << '\t' << (a.output ? escape(*a.output) : "-") << '\t'
                      << a.entry.value_or("-") << '\t' << (a.reason.empty() ? "-" : a.reason) << '\n';
    }
    if (quiet)
        for (const auto& [name, count] : counts) std::cout << name << ' ' << count << '\n';
    if (directory_error) return 2;
    return counts.size() == 1 && counts.count("resolved") == 1 ? 0 : 1;
}
