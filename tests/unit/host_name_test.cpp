// Host names and personalized server names (profshim.h section 5, rule 3) and the Windows
// file-name rules (rule 5).
#include <gtest/gtest.h>

#include <string>

#include "file_name_rules.hpp"
#include "host_name.hpp"
#include "unit_test_support.hpp"

namespace profshim {
namespace {

using unit::view;

int32_t host_fault(const std::string& server) {
    const auto text = view(server);
    const Fault f = check_host_name(text, text.whole()).fault;
    if (f.ok()) return -1;
    EXPECT_EQ(f.status, PSH_E_BAD_SERVER) << server;
    return f.offset;
}

TEST(HostName, NetbiosAndDnsNamesPass) {
    EXPECT_EQ(host_fault("EXCH01"), -1);
    EXPECT_EQ(host_fault("mail.contoso.com"), -1);
    EXPECT_EQ(host_fault("exch_01-a.b-c"), -1);
}

TEST(HostName, TheFirstFailingUnitFromTheLeft) {
    EXPECT_EQ(host_fault("exch 01"), 4);
    EXPECT_EQ(host_fault(".exch"), 0);
    EXPECT_EQ(host_fault("exch."), 4);
    EXPECT_EQ(host_fault("a..b"), 2);
    EXPECT_EQ(host_fault("-a"), 0);
    EXPECT_EQ(host_fault("a-"), 1);
    EXPECT_EQ(host_fault("a.-b"), 2);
    EXPECT_EQ(host_fault("a-.b"), 1);
    EXPECT_EQ(host_fault("a:b"), 1);
}

TEST(HostName, The64thUnitOfALabelFails) {
    EXPECT_EQ(host_fault(std::string(63, 'a')), -1);
    EXPECT_EQ(host_fault(std::string(64, 'a')), 63);
    EXPECT_EQ(host_fault("b." + std::string(64, 'a')), 2 + 63);
}

TEST(HostName, OverAllLengthIsCheckedAfterTheScan) {
    std::string name;
    while (name.size() < 253) name.append(name.empty() ? "" : ".").append(9, 'a');
    name.resize(253);
    if (name.back() == '.') name.back() = 'a';
    EXPECT_EQ(host_fault(name), -1);
    EXPECT_EQ(host_fault(name + "b"), 253);
    // A unit fault comes first, even beyond 253.
    EXPECT_EQ(host_fault(name + "b!"), 254);
}

// Since 1.1 (profshim.h section 10.1): "<GUID>@<host>".
const std::string kGuid = "3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c";

bool personalized(const std::string& server) {
    const auto text = view(server);
    return is_personalized_server_name(text, text.whole());
}

int32_t server_fault(const std::string& server) {
    const auto text = view(server);
    const Fault f = check_server_name(text, text.whole()).fault;
    if (f.ok()) return -1;
    EXPECT_EQ(f.status, PSH_E_BAD_SERVER) << server;
    return f.offset;
}

TEST(PersonalizedServerName, AGuidIn8_4_4_4_12FormThenAnAt) {
    EXPECT_TRUE(personalized(kGuid + "@contoso.com"));
    EXPECT_TRUE(personalized("3F2A9C1D-7B4E-4A8F-9C21-5D6E7F8A9B0C@x"));
    EXPECT_TRUE(personalized(kGuid + "@"));                 // the host is checked after
    EXPECT_FALSE(personalized(kGuid));                      // no 37th unit
    EXPECT_FALSE(personalized(kGuid + "x@contoso"));        // the 37th unit is not '@'
    for (const char first : {'{', 'g'}) {   // not a hex digit
        std::string changed = kGuid + "@x";
        changed[0] = first;
        EXPECT_FALSE(personalized(changed)) << changed;
    }
    for (std::size_t dash : {8u, 13u, 18u, 23u}) {
        std::string moved = kGuid;
        moved[dash] = 'a';
        EXPECT_FALSE(personalized(moved + "@x")) << dash;
    }
}

TEST(PersonalizedServerName, TheHostRuleAppliesAfterTheAtWithOffsetsFromTheStart) {
    EXPECT_EQ(server_fault(kGuid + "@contoso.com"), -1);
    EXPECT_EQ(server_fault(kGuid + "@"), 37);               // empty host: the server's end
    EXPECT_EQ(server_fault(kGuid + "@.a"), 37);
    EXPECT_EQ(server_fault(kGuid + "@a@b"), 38);
    EXPECT_EQ(server_fault(kGuid + "@" + std::string(64, 'a')), 37 + 63);
    std::string host;
    while (host.size() < 253) host.append(host.empty() ? "" : ".").append(9, 'a');
    host.resize(253);
    if (host.back() == '.') host.back() = 'a';
    EXPECT_EQ(server_fault(kGuid + "@" + host), -1);        // 290 units in all
    EXPECT_EQ(server_fault(kGuid + "@" + host + "b"), 37 + 253);
    // Any other server is a host name as in 1.0.
    EXPECT_EQ(server_fault("jdoe@contoso"), 4);
    EXPECT_EQ(server_fault(kGuid + "x@contoso"), 37);
}

// The stem a profile name shows and the device-name rule reads: the bytes before the first
// '.', found by the same pass; a personalized server name's starts with its GUID.
std::string server_stem(const std::string& server) {
    const auto text = view(server);
    const ServerName name = check_server_name(text, text.whole());
    EXPECT_TRUE(name.fault.ok()) << server;
    return server.substr(static_cast<std::size_t>(name.stem.begin), static_cast<std::size_t>(name.stem.size()));
}

TEST(ServerName, TheStemIsTheBytesBeforeTheFirstDot) {
    EXPECT_EQ(server_stem("EXCH01"), "EXCH01");
    EXPECT_EQ(server_stem("mail.contoso.com"), "mail");
    EXPECT_EQ(server_stem("ex-01.a"), "ex-01");
    EXPECT_EQ(server_stem(kGuid + "@contoso.com"), kGuid + "@contoso");
    EXPECT_EQ(server_stem(kGuid + "@contoso"), kGuid + "@contoso");
}

bool reserved(const std::string& name) {
    const auto text = view(name);
    const std::size_t dot = name.find('.');   // the stem: the bytes before the first '.'
    const auto stem_end = static_cast<int32_t>(dot == std::string::npos ? name.size() : dot);
    return is_reserved_device_name(text, Range{0, stem_end});
}

TEST(FileNameRules, DeviceNamesInAnyCaseAndWithAnExtension) {
    for (const char* name : {"CON", "prn", "Aux", "nul", "CLOCK$", "conin$", "CONOUT$", "com0",
                             "COM9", "lpt0", "LPT9", "nul.txt", "Con.foo.bar"}) {
        EXPECT_TRUE(reserved(name)) << name;
    }
    for (const char* name : {"CONS", "COM10", "LPT", "xnul", "nul_", "com", "clock", ".nul", "con$"}) {
        EXPECT_FALSE(reserved(name)) << name;
    }
}

// has_reserved_stem() looks at most 8 bytes for the stem's '.': the same verdict as the
// whole stem, for stems of every length around the longest device name.
TEST(FileNameRules, HasReservedStemAgreesWithTheWholeStem) {
    for (const char* name : {"nul", "nul.txt", "Con.foo.bar", "CONOUT$", "conout$.x", "conout$x", "conout$x.y",
                             "com1", "com1.", "comx", "a.b", "", ".", "clock$$", "clock$.con", "abcdefgh.con",
                             "abcdefg.con", "verylongalias.nul", "jdoe", "jdoe.smith"}) {
        const std::string text_bytes = name;
        const auto text = view(text_bytes);
        EXPECT_EQ(has_reserved_stem(text, text.whole()), reserved(name)) << name;
    }
}

TEST(FileNameRules, UnsafeUnitsAreExactlyTheNine) {
    int count = 0;
    for (uint32_t u = 0x20; u <= 0x7E; ++u) count += is_unsafe_in_file_name(u) ? 1 : 0;
    EXPECT_EQ(count, 9);
    for (char c : std::string("<>:\"/\\|?*")) EXPECT_TRUE(is_unsafe_in_file_name(static_cast<uint32_t>(c)));
}

}  // namespace
}  // namespace profshim
