/* link_probe.c - a C99 caller that links profshim.dll the ordinary way (no LoadLibrary):
 * compiled against profshim.h and linked with an import library, libprofshim.dll.a or the
 * MSVC-style profshim.lib. It proves that the import libraries offer every export under the
 * symbol such a caller asks for (on x86 `_psh_check@12`, the __stdcall name), and the
 * export-table check of this program then shows it imports the undecorated names.
 * Under Wine (32-bit Wine for x86) it also runs: it calls every export once and checks the
 * answers. */
#include <stdio.h>
#include <string.h>

#include "profshim.h"

int main(void) {
    static const char info[] = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    static const psh_wchar winfo[] = {'E', 'X', 'C', 'H', '0', '1', '\n', 'j', 'd', 'o', 'e', 0};
    char out[512];
    psh_wchar wout[512];
    int32_t n = 0;
    int failures = 0;
    psh_report report;
    memset(&report, 0, sizeof report);
    report.size = (int32_t)sizeof report;

#define EXPECT(cond)                                                        \
    do {                                                                    \
        if (!(cond)) {                                                      \
            printf("FAIL line %d: %s\n", __LINE__, #cond);                  \
            ++failures;                                                     \
        }                                                                   \
    } while (0)

    EXPECT(psh_version() == PSH_VERSION_NUMBER);
    EXPECT(psh_check(info, -1, &report) == PSH_E_UNSAFE_CHAR && report.error_offset == 7);
    EXPECT(psh_check_w(winfo, -1, NULL) == PSH_OK);
    EXPECT(psh_rewrite(info, -1, 0, out, (int32_t)sizeof out, &n) == PSH_OK && strcmp(out, "EXCH01\njdoe") == 0);
    EXPECT(psh_rewrite_w(winfo, -1, 0, wout, 512, &n) == PSH_OK && n == 11);
    EXPECT(psh_profile_name(info, -1, 0, out, (int32_t)sizeof out, &n) == PSH_OK && strncmp(out, "exch01_jdoe_", 12) == 0);
    EXPECT(psh_profile_name_w(winfo, -1, 0, wout, 512, &n) == PSH_OK && n == 28);
    EXPECT(psh_describe(PSH_E_UNSAFE_CHAR, out, (int32_t)sizeof out, &n) == PSH_OK && strncmp(out, "PSH_E_UNSAFE_CHAR: ", 19) == 0);
    EXPECT(psh_describe_w(PSH_OK, wout, 512, &n) == PSH_OK && wout[0] == 'P');
    printf("link_probe: profshim %d, %s\n", (int)psh_version(), failures ? "FAILED" : "every export answered as expected");
    return failures ? 1 : 0;
}
