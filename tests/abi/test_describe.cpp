// psh_describe, profshim.h section 9: one line of English; for the codes of section 3 it
// starts with the code's name and ": "; for any other value it is exactly
// "unknown status 0xXXXXXXXX" with 8 upper-case hex digits.
#include <set>

#include "abi_support.hpp"

namespace psh_abi {
namespace {

template <class U>
class Describe : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(Describe, Widths, WidthNames);

std::string narrow_text(const Units<char>& t) { return std::string(t.begin(), t.end()); }
std::string narrow_text(const Units<psh_wchar>& t) {
    std::string s;
    for (psh_wchar u : t) s += u < 0x80 ? static_cast<char>(u) : '?';
    return s;
}

TYPED_TEST(Describe, Rule9_EveryContractCode) {
    using U = TypeParam;
    for (const auto& code : contract_statuses()) {
        SCOPED_TRACE(code.name);
        const OutResult<U> r = call_describe<U>(code.value);
        ASSERT_STATUS(r.status, PSH_OK);
        EXPECT_EQ(r.out_len, static_cast<int32_t>(r.text.size()));
        const std::string text = narrow_text(r.text);
        const std::string prefix = std::string(code.name) + ": ";
        EXPECT_EQ(text.substr(0, prefix.size()), prefix) << text;
        EXPECT_GT(text.size(), prefix.size() + 10) << "says what happened and what to do: " << text;
        for (U u : r.text) {
            const uint32_t v = static_cast<uint32_t>(u);
            EXPECT_TRUE(v >= 0x20 && v < 0x7F) << "one line of printable text: " << show(r.text);
        }
        // Both widths say the same.
        const OutResult<char> n = call_describe<char>(code.value);
        EXPECT_EQ(show(r.text), show(units<U>(std::string(n.text.begin(), n.text.end()))));
    }
}

TYPED_TEST(Describe, Rule9_UnsafeCharNamesTheKbArticle) {
    const OutResult<TypeParam> r = call_describe<TypeParam>(PSH_E_UNSAFE_CHAR);
    ASSERT_STATUS(r.status, PSH_OK);
    const std::string text = narrow_text(r.text);
    EXPECT_NE(text.find("Q271913"), std::string::npos) << text;
    EXPECT_NE(text.find("MAPI_E_NOT_FOUND"), std::string::npos) << text;
}

// A newcomer's trial (issue 21): a CRLF's CR gets BAD_CHAR with rewritable 1, so the text
// says first that psh_rewrite removes it, and only then not to take another character out.
TYPED_TEST(Describe, Rule9_BadCharSaysTheLineBreakFirst) {
    const std::string text = narrow_text(call_describe<TypeParam>(PSH_E_BAD_CHAR).text);
    const std::size_t line_break = text.find("line break's CR");
    const std::size_t other = text.find("do not take it out");
    ASSERT_NE(line_break, std::string::npos) << text;
    ASSERT_NE(other, std::string::npos) << text;
    EXPECT_LT(line_break, other) << text;
    EXPECT_NE(text.find("rewritable"), std::string::npos) << text;
    EXPECT_EQ(text.find("Do not remove"), std::string::npos) << text;
    // A newcomer's final trial: psh_rewrite takes a tab off either end of a line (normalise.cpp).
    EXPECT_NE(text.find("at a line's start or end"), std::string::npos) << text;
}

TYPED_TEST(Describe, Rule9_BadDnSaysAsciiAndNoSeparatorNotEmpty) {
    const std::string bad_dn = narrow_text(call_describe<TypeParam>(PSH_E_BAD_DN).text);
    EXPECT_NE(bad_dn.find("ASCII"), std::string::npos) << bad_dn;   // contract 11.3
    // Since 1.2 an empty part is PSH_E_EMPTY_SERVER or PSH_E_EMPTY_MAILBOX (contract 11.7).
    const std::string no_lf = narrow_text(call_describe<TypeParam>(PSH_E_NO_SEPARATOR).text);
    EXPECT_EQ(no_lf.find("empty"), std::string::npos) << no_lf;
}

TYPED_TEST(Describe, Rule9_TextsDiffer) {
    // Each code says something of its own (a shared fallback text would still pass the prefix check).
    std::set<std::string> seen;
    for (const auto& code : contract_statuses()) {
        const OutResult<TypeParam> r = call_describe<TypeParam>(code.value);
        const std::string text = narrow_text(r.text);
        EXPECT_TRUE(seen.insert(text.substr(text.find(": ") == std::string::npos ? 0 : text.find(": "))).second)
            << "the same explanation twice: " << text;
    }
}

TYPED_TEST(Describe, Rule9_UnknownCodes) {
    using U = TypeParam;
    const uint32_t values[] = {0x12345678u, 0x80000000u, 0x00000001u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0xABCDEF01u,
                               0x00ABCDEFu, 0x80040200u, 0x8004020Bu, 0x80040104u, 0x80040107u, 0x80004005u,
                               0x8004010Fu, 0x00000057u, 0x80070056u, 0x0000FFFFu};
    for (uint32_t v : values) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "unknown status 0x%08X", static_cast<unsigned>(v));
        SCOPED_TRACE(buf);
        const OutResult<U> r = call_describe<U>(static_cast<int32_t>(v));
        EXPECT_STATUS(r.status, PSH_OK);
        EXPECT_EQ(show(r.text), show(units<U>(buf)));
        EXPECT_EQ(r.out_len, static_cast<int32_t>(std::strlen(buf)));
    }
    // The exact example of the brief, spelled out.
    EXPECT_EQ(show(call_describe<U>(0x12345678).text), show(units<U>("unknown status 0x12345678")));
    EXPECT_EQ(show(call_describe<U>(INT32_MIN).text), show(units<U>("unknown status 0x80000000")));
    EXPECT_EQ(show(call_describe<U>(-1).text), show(units<U>("unknown status 0xFFFFFFFF")));
    EXPECT_EQ(show(call_describe<U>(static_cast<int32_t>(0xABCDEF01u)).text), show(units<U>("unknown status 0xABCDEF01")));
}

TYPED_TEST(Describe, Rule9_BufferArguments) {
    using U = TypeParam;
    auto fn = Width<U>::describe();
    int32_t n = 0x5A5A5A5A;
    // Size query.
    EXPECT_STATUS(fn(PSH_E_BAD_DN, nullptr, 0, &n), PSH_E_INSUFFICIENT_BUFFER);
    const OutResult<U> full = call_describe<U>(PSH_E_BAD_DN);
    EXPECT_EQ(n, static_cast<int32_t>(full.text.size()));
    EXPECT_STATUS(fn(PSH_E_BAD_DN, nullptr, 0, nullptr), PSH_E_INSUFFICIENT_BUFFER);
    // out NULL with cap > 0; cap < 0.
    n = 0x5A5A5A5A;
    EXPECT_STATUS(fn(PSH_E_BAD_DN, nullptr, 10, &n), PSH_E_POINTER);
    EXPECT_EQ(n, 0);
    U buf[8];
    for (U& u : buf) u = static_cast<U>(0x55);
    n = 0x5A5A5A5A;
    EXPECT_STATUS(fn(PSH_E_BAD_DN, buf, -1, &n), PSH_E_INVALIDARG);
    EXPECT_EQ(n, 0);
    for (U u : buf) EXPECT_EQ(static_cast<uint32_t>(u), 0x55u) << "a negative cap writes nothing";
    EXPECT_STATUS(fn(PSH_E_BAD_DN, nullptr, -5, &n), PSH_E_INVALIDARG);
    EXPECT_STATUS(fn(PSH_E_BAD_DN, buf, INT32_MIN, nullptr), PSH_E_INVALIDARG);
}

}  // namespace
}  // namespace psh_abi
