// The Exchange DN grammar (profshim.h section 5, rule 6), on whole parts.
#include <gtest/gtest.h>

#include <string>

#include "exchange_dn.hpp"
#include "unit_test_support.hpp"

namespace profshim {
namespace {

using unit::view;

DnParse parse(const std::string& dn) {
    const auto text = view(dn);
    return parse_exchange_dn(text, text.whole());
}

// The offset where parsing fails, or -1 for a well-formed DN.
int32_t fault_offset(const std::string& dn) {
    const DnParse result = parse(dn);
    if (result.fault.ok()) return -1;
    EXPECT_EQ(result.fault.status, PSH_E_BAD_DN) << dn;
    return result.fault.offset;
}

TEST(ExchangeDn, TheKbCaseIsWellFormedAndItsLastRdnIsTheDirectoryName) {
    const std::string dn = "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    const DnParse result = parse(dn);
    ASSERT_TRUE(result.fault.ok());
    EXPECT_EQ(dn.substr(static_cast<std::size_t>(result.last_rdn.begin),
                        static_cast<std::size_t>(result.last_rdn.size())), "jdoe");
}

// Since 1.1 (profshim.h section 10.2): a /ou= of exactly Exchange 2007's fixed
// administrative group, in any ASCII case, is told apart; nothing else is.
TEST(ExchangeDn, TheFixedAdministrativeGroupOfExchange2007IsToldApart) {
    const std::string group = "Exchange Administrative Group (FYDIBOHF23SPDLT)";
    EXPECT_TRUE(parse("/o=fab/ou=" + group + "/cn=Recipients/cn=test").fixed_administrative_group);
    EXPECT_TRUE(parse("/o=fab/ou=EXCHANGE ADMINISTRATIVE GROUP (fydibohf23spdlt)/cn=x").fixed_administrative_group);
    EXPECT_FALSE(parse("/o=fab/ou=Exchange Administrative Group(FYDIBOHF23SPDLT)/cn=x").fixed_administrative_group);
    EXPECT_FALSE(parse("/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)x/cn=x").fixed_administrative_group);
    EXPECT_FALSE(parse("/o=fab/ou=First Administrative Group/cn=Recipients/cn=jdoe").fixed_administrative_group);
    EXPECT_FALSE(parse("/o=fab/ou=NYC/cn=" + group + "/cn=x").fixed_administrative_group);
    const DnParse broken = parse("/o=fab/ou=" + group + "/cn=");
    EXPECT_FALSE(broken.fault.ok());
    EXPECT_FALSE(broken.fixed_administrative_group);
}

TEST(ExchangeDn, TypesMatchInAnyCase) {
    EXPECT_EQ(fault_offset("/O=a/OU=b/CN=c"), -1);
    EXPECT_EQ(fault_offset("/o=a/oU=b/Cn=c"), -1);
}

TEST(ExchangeDn, WrongTypeFailsAtTheFirstUnitThatDiffers) {
    EXPECT_EQ(fault_offset("o=a/ou=b/cn=c"), 0);
    EXPECT_EQ(fault_offset("/x=a/ou=b/cn=c"), 1);
    EXPECT_EQ(fault_offset("/o:a/ou=b/cn=c"), 2);
    EXPECT_EQ(fault_offset("/o=a/on=b/cn=c"), 6);
    EXPECT_EQ(fault_offset("/o=a/ou=b/ou=c"), 10);
    EXPECT_EQ(fault_offset("/o=a/ou=b/c=c"), 11);
}

TEST(ExchangeDn, EndingTooSoonFailsAtTheEnd) {
    EXPECT_EQ(fault_offset(""), 0);
    EXPECT_EQ(fault_offset("/o"), 2);
    EXPECT_EQ(fault_offset("/o="), 3);         // empty RDN where it should start
    EXPECT_EQ(fault_offset("/o=a"), 4);
    EXPECT_EQ(fault_offset("/o=a/ou=b"), 9);   // at least one /cn=
    EXPECT_EQ(fault_offset("/o=a/ou=b/cn"), 12);
}

TEST(ExchangeDn, EmptyRdnFailsWhereItShouldStart) {
    EXPECT_EQ(fault_offset("/o=/ou=b/cn=c"), 3);
    EXPECT_EQ(fault_offset("/o=a/ou=b/cn=c/cn="), 18);
}

TEST(ExchangeDn, UnitsOutsideTheTeletexSetFail) {
    for (char bad : std::string("#$';^{}~`")) {
        std::string dn = "/o=a/ou=b/cn=x";
        dn += bad;
        EXPECT_EQ(fault_offset(dn), 14) << bad;
    }
    EXPECT_EQ(fault_offset("/o=a/ou=b/cn=x !\"%&\\()*+,-.:<=>?@[]_|x"), -1);
}

TEST(ExchangeDn, SpaceAtEitherEndOfAnRdnFailsAtIt) {
    EXPECT_EQ(fault_offset("/o= a/ou=b/cn=c"), 3);
    EXPECT_EQ(fault_offset("/o=a /ou=b/cn=c"), 4);
    EXPECT_EQ(fault_offset("/o=a b/ou=b/cn=c"), -1);
    EXPECT_EQ(fault_offset("/o= /ou=b/cn=c"), 3);
}

TEST(ExchangeDn, The65thUnitOfAnRdnFails) {
    const std::string ok = "/o=a/ou=b/cn=" + std::string(64, 'x');
    EXPECT_EQ(fault_offset(ok), -1);
    EXPECT_EQ(fault_offset(ok + "x"), 13 + 64);
    // The leftmost fault of one RDN wins: a bad unit before the 65th.
    EXPECT_EQ(fault_offset("/o=a/ou=b/cn=x#" + std::string(70, 'x')), 14);
}

TEST(ExchangeDn, The257thRdnUnitOfTheWholeDnFails) {
    // 1 + 1 + 4 * 62 = 250 RDN units, then a 6-unit RDN and a 7-unit one.
    std::string dn = "/o=a/ou=b";
    for (int i = 0; i < 4; ++i) dn += "/cn=" + std::string(62, 'x');
    dn += "/cn=yyyyyy";
    EXPECT_EQ(fault_offset(dn), -1);   // exactly 256
    const std::size_t last_begin = dn.size() + 4;
    dn += "/cn=zzzzzzz";
    EXPECT_EQ(fault_offset(dn), static_cast<int32_t>(last_begin));
}

TEST(ExchangeDn, AFifteenthCommonNameFailsAtItsSlash) {
    std::string dn = "/o=a/ou=b";
    for (int i = 0; i < 14; ++i) dn += "/cn=c";
    EXPECT_EQ(fault_offset(dn), -1);
    const auto slash = static_cast<int32_t>(dn.size());
    EXPECT_EQ(fault_offset(dn + "/cn=c"), slash);
    EXPECT_EQ(fault_offset(dn + "/xx"), slash);
    EXPECT_EQ(fault_offset(dn + "/"), slash);
}

TEST(ExchangeDn, PartsAreParsedInPlace) {
    // Offsets stay absolute: the DN is the mailbox after "EXCH01\n".
    const std::string info = "EXCH01\n/o=a/ou=b/cn=";
    const auto text = view(info);
    const DnParse result = parse_exchange_dn(text, Range{7, text.size()});
    EXPECT_EQ(result.fault.status, PSH_E_BAD_DN);
    EXPECT_EQ(result.fault.offset, 20);
}

}  // namespace
}  // namespace profshim
