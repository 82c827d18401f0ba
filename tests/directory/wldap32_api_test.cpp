// wldap32.dll loaded at run time (directory/wldap32_api.hpp), under Wine: the table is
// complete from the system's wldap32.dll, and a DLL that is missing or lacks a function is
// an error naming it, with nothing half-filled.
#include <gtest/gtest.h>

#include "source.hpp"
#include "wldap32_api.hpp"

namespace {

using profshim::directory::load_wldap32;
using profshim::directory::Wldap32;

TEST(Wldap32Api, LoadsEveryFunctionFromTheSystemDirectory) {
    Wldap32 api{};
    EXPECT_EQ(load_wldap32(L"wldap32.dll", api), "");
    EXPECT_NE(api.ldap_sslinitW, nullptr);
    EXPECT_NE(api.ldap_bind_sW, nullptr);
    EXPECT_NE(api.ldap_search_ext_sW, nullptr);
    EXPECT_NE(api.LdapGetLastError, nullptr);

    // The process's table: wldap32.dll loaded, and kept loaded, with the same functions.
    const Wldap32* loaded = nullptr;
    EXPECT_NO_THROW(loaded = &profshim::directory::wldap32());
    ASSERT_NE(loaded, nullptr);
    HMODULE dll = GetModuleHandleW(L"wldap32.dll");
    ASSERT_NE(dll, nullptr);
    EXPECT_EQ(reinterpret_cast<void (*)()>(loaded->ldap_connect),
              reinterpret_cast<void (*)()>(GetProcAddress(dll, "ldap_connect")));
}

TEST(Wldap32Api, AMissingDllIsAnErrorNamingIt) {
    Wldap32 api{};
    const std::string error = load_wldap32(L"profshim-no-such-ldap.dll", api);
    EXPECT_NE(error.find("profshim-no-such-ldap.dll could not be loaded from the system directory"), std::string::npos)
        << error;
    EXPECT_EQ(api.ldap_sslinitW, nullptr);
}

TEST(Wldap32Api, AMissingFunctionIsAnErrorNamingIt) {
    Wldap32 api{};
    // kernel32.dll is in the system directory and has none of them.
    const std::string error = load_wldap32(L"kernel32.dll", api);
    EXPECT_EQ(error, "kernel32.dll has no function ldap_sslinitW, so the directory cannot be read");
    EXPECT_EQ(api.ldap_sslinitW, nullptr);
    EXPECT_EQ(api.LdapGetLastError, nullptr);  // nothing half-filled
}

}  // namespace
