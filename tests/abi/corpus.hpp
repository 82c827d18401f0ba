// corpus.hpp - a set of ProfileInfo strings that reaches every status and every branch the
// contract names; shared by the multithreaded test and the allocation test.
#pragma once

#include <string>
#include <vector>

namespace psh_abi {

inline std::vector<std::string> corpus() {
    const std::string a64(64, 'a');
    return {
        "EXCH01\njdoe",
        "exch01.contoso.com\nj.doe",
        "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe",
        "EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n",
        "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nANON",
        "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\r\n\r\nanon\r\n",
        "  EXCH01 \t\n\t jdoe  ",
        "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe",
        "EXCH01\n/o=A/ou=B/cn=R/cn=con",
        "EXCH01\n/o=A/ou=B",
        "EXCH01\n/o=A/ou=B/cn=" + std::string(65, 'x'),
        "/o=" + a64 + "/ou=" + a64 + "/cn=" + a64 + "/cn=" + a64 + "/cn=b\n\nanon",
        "EXCH01",
        "",
        "a\nb\nc",
        "\njdoe",
        "EXCH01\n",
        "ex ch\njdoe",
        "nul.contoso.com\njdoe",
        "EXCH01\n jdoe",
        "EXCH01\nj:doe",
        "EXCH01\njdoe.",
        "EXCH01\n" + std::string(65, 'm'),
        "EXCH01\nCLOCK$",
        "EXCH01\nj\tdoe",
        "EXCH01\nj\x80",
        "averyveryverylongservername\n" + a64,
        std::string(4096 - 11, ' ') + "EXCH01\njdoe",
        std::string(4097, 'a'),
    };
}

}  // namespace psh_abi
