// deny_writes KEY...: each key under HKEY_LOCAL_MACHINE (made if it is not there, in this
// program's registry view) gets a DACL that refuses everyone the setting of its values and
// its deletion, as HKLM refuses an account that is not elevated. Wine runs everything as an
// administrator but honours a key's DACL when a value is set, so install meets a real
// ERROR_ACCESS_DENIED (run.sh, cases access_denied*). Exit status 1, with the reason, if a
// key cannot be made so or Wine lets the write through anyway (then the test would prove
// nothing).

#include <windows.h>
#include <sddl.h>

#include <cstdio>

int wmain(int argc, wchar_t** argv) {
    // Deny KEY_SET_VALUE | KEY_CREATE_SUB_KEY | DELETE (0x10006), then allow the rest.
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(D;OICI;0x10006;;;WD)(A;OICI;KA;;;WD)",
                                                              SDDL_REVISION_1, &sd, nullptr)) {
        std::fprintf(stderr, "deny_writes: no security descriptor (%lu)\n", GetLastError());
        return 1;
    }
    int failed = 0;
    for (int i = 1; i < argc; ++i) {
        HKEY key = nullptr;
        LSTATUS rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, argv[i], 0, nullptr, 0, WRITE_DAC | KEY_READ, nullptr, &key,
                                     nullptr);
        if (rc == ERROR_SUCCESS) {
            rc = RegSetKeySecurity(key, DACL_SECURITY_INFORMATION, sd);
            RegCloseKey(key);
        }
        const DWORD probe = 1;
        const LSTATUS write = rc == ERROR_SUCCESS ? RegSetKeyValueW(HKEY_LOCAL_MACHINE, argv[i], L"probe", REG_DWORD,
                                                                    &probe, sizeof probe)
                                                  : rc;
        if (rc != ERROR_SUCCESS || write != ERROR_ACCESS_DENIED) {
            std::fprintf(stderr, "deny_writes: HKLM\\%ls: DACL %ld, a write after it %ld (want 5, access denied)\n",
                         argv[i], static_cast<long>(rc), static_cast<long>(write));
            failed = 1;
        } else {
            std::printf("HKLM\\%ls refuses writes\n", argv[i]);
        }
    }
    LocalFree(sd);
    return failed;
}
