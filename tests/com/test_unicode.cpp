// Names outside ASCII through the COM object (library 1.2, include/profshim.h section 11),
// with the BSTRs a script or VB6 passes: a German name, a Chinese one and a character above
// U+FFFF, which Wine 8's VBScript cannot write (it has no ChrW), so this client carries
// them. Offsets and lengths are the BSTR's UTF-16 units, as SysStringLen and VB's Len count.
#include "com_support.hpp"

#include <cstdint>

namespace psh_com {
namespace {

// U+20BB7, written as the surrogate pair a BSTR holds: one character, two units.
const std::wstring kSupp = L"\xD842\xDFB7";
const std::wstring kJuergen = L"J\x00FCrgen M\x00FCller";
const std::wstring kCjk = L"\x5F20\x4F1F";    // Zhang Wei
const std::wstring kYoshinoya = kSupp + L"\x91CE\x5BB6";

// FNV-1a 64 of a profile name's key, which contract 11.5 makes of UTF-8 bytes. The keys
// below are spelled in UTF-8 by hand, apart from the UTF-16 the object is given, so a
// transcoding slip shows as another hash.
std::wstring fnv1a64_hex(const std::string& utf8_key) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (unsigned char c : utf8_key) h = (h ^ c) * 0x100000001B3ull;
    std::wstring text(16, L'0');
    for (int i = 15; i >= 0; --i, h >>= 4) text[static_cast<size_t>(i)] = L"0123456789abcdef"[h & 0xF];
    return text;
}

struct Name {
    std::wstring mailbox;
    std::string utf8_key;    // "exch01\n" + the mailbox in UTF-8, A-Z lowered
    std::wstring name_start; // every character outside A-Z a-z 0-9 _ is one '_'
};

const Name kNames[] = {
    {kJuergen, "exch01\nj\xC3\xBCrgen m\xC3\xBCller", L"exch01_j_rgen_m_ller_"},
    {kCjk, "exch01\n\xE5\xBC\xA0\xE4\xBC\x9F", L"exch01____"},
    {kSupp, "exch01\n\xF0\xA0\xAE\xB7", L"exch01___"},  // one '_' for two units
    {kYoshinoya, "exch01\n\xF0\xA0\xAE\xB7\xE9\x87\x8E\xE5\xAE\xB6", L"exch01_____"},
};

// CheckReport(info)'s Status and ErrorOffset.
std::pair<LONG, LONG> status_and_offset(IProfileInfo* o, const std::wstring& info) {
    Bstr b(info);
    Ref<IProfileInfoReport> r;
    LONG status = 1, offset = -2;
    if (o->CheckReport(b.get(), r.put()) == S_OK) {
        r->get_Status(&status);
        r->get_ErrorOffset(&offset);
    }
    return {status, offset};
}

TEST(Unicode, NamesAreAliasesThroughTheVtable) {
    Ref<IProfileInfo> o = make_object();
    ASSERT_TRUE(o);
    for (const Name& n : kNames) {
        const std::wstring info = L"EXCH01\n" + n.mailbox;
        SCOPED_TRACE(narrow(n.name_start));
        Bstr b(info), text;
        Ref<IProfileInfoReport> r;
        ASSERT_EQ(o->CheckReport(b.get(), r.put()), S_OK);
        LONG value = -2;
        EXPECT_EQ(r->get_Status(&value), S_OK);
        EXPECT_EQ(value, PSH_OK);
        EXPECT_EQ(r->get_Form(&value), S_OK);
        EXPECT_EQ(value, PSH_FORM_ALIAS);
        EXPECT_EQ(r->get_MailboxOffset(&value), S_OK);
        EXPECT_EQ(value, 7);
        EXPECT_EQ(r->get_MailboxLength(&value), S_OK);
        EXPECT_EQ(value, static_cast<LONG>(n.mailbox.size())) << "UTF-16 units";
        EXPECT_EQ(r->get_ErrorOffset(&value), S_OK);
        EXPECT_EQ(value, -1);
        EXPECT_EQ(r->get_Mailbox(text.put()), S_OK);
        EXPECT_EQ(text.str(), n.mailbox);

        Bstr messy(L"  EXCH01\r\n" + n.mailbox + L" \r\n");
        EXPECT_EQ(o->Rewrite(messy.get(), 0, text.put()), S_OK);
        EXPECT_EQ(text.str(), info) << "CRLF and spaces cleaned, the name kept";
        EXPECT_EQ(o->Rewrite(b.get(), static_cast<LONG>(PSH_REWRITE_EXACT), text.put()), S_OK);
        EXPECT_EQ(text.str(), info) << "an alias is left as it is";
        EXPECT_EQ(o->ProfileName(b.get(), text.put()), S_OK);
        EXPECT_EQ(text.str(), n.name_start + fnv1a64_hex(n.utf8_key));
    }
    Bstr juergen(L"EXCH01\n" + kJuergen), text;
    EXPECT_EQ(o->ProfileName(juergen.get(), text.put()), S_OK);
    EXPECT_EQ(text.str(), L"exch01_j_rgen_m_ller_11b98e8f60d3af74") << "the README's name";
}

TEST(Unicode, OffsetsAreBstrUnits) {
    Ref<IProfileInfo> o = make_object();
    ASSERT_TRUE(o);
    struct Fault {
        std::wstring info;
        LONG status;
        LONG offset;
    };
    const Fault faults[] = {
        {L"EXCH" + kSupp + L"\njdoe", PSH_E_BAD_SERVER, 4},               // at the high surrogate
        {L"M\x00FCller01\njdoe", PSH_E_BAD_SERVER, 1},
        {L"EXCH01\n/o=Contoso/ou=" + kCjk + L"/cn=Recipients/cn=jdoe", PSH_E_BAD_DN, 21},
        {L"EXCH01\n" + kSupp + L"\tx", PSH_E_BAD_CHAR, 9},                // the pair counts 2
        {L"EXCH01\n" + kCjk + L"\x0085", PSH_E_BAD_CHAR, 9},              // a C1 control
        {L"EXCH01\n" + kSupp + L"a:b", PSH_E_UNSAFE_CHAR, 10},
        {L"EXCH01\n" + std::wstring(63, L'a') + kSupp, PSH_E_BAD_MAILBOX, 70},  // 65 units
        {L"EXCH01\n" + std::wstring(65, L'\x5F20'), PSH_E_BAD_MAILBOX, 71},
        {L"EXCH01\n\xDFB7\xD842", PSH_E_BAD_CHAR, 7},                     // a pair reversed
        {L"EXCH01\nab\xD842", PSH_E_BAD_CHAR, 9},                          // cut short by the end
        {L"EXCH01\nCOM\x00B9", PSH_E_RESERVED_NAME, 7},
    };
    for (const Fault& f : faults) {
        SCOPED_TRACE(narrow(f.info));
        EXPECT_EQ(status_and_offset(o.get(), f.info), std::make_pair(f.status, f.offset));
    }
    std::wstring pairs;
    for (int i = 0; i < 32; ++i) pairs += kSupp;
    EXPECT_EQ(status_and_offset(o.get(), L"EXCH01\n" + pairs), std::make_pair(LONG{PSH_OK}, LONG{-1}))
        << "32 pairs are 64 units, the alias limit";
    EXPECT_EQ(status_and_offset(o.get(), L"EXCH01\n" + pairs + L"a"), std::make_pair(LONG{PSH_E_BAD_MAILBOX}, LONG{71}));
}

TEST(Unicode, LateBoundAsAScriptCallsIt) {
    Ref<IDispatch> d = make_dispatch();
    ASSERT_TRUE(d);
    for (const Name& n : kNames) {
        SCOPED_TRACE(narrow(n.name_start));
        Bstr info(L"EXCH01\r\n" + n.mailbox);
        Excep e;
        Variant name, safe;
        EXPECT_EQ(invoke(d.get(), L"ProfileName", {bstr_arg(info.get())}, &name.v, &e.e), S_OK);
        ASSERT_EQ(V_VT(&name.v), VT_BSTR);
        EXPECT_EQ(std::wstring(V_BSTR(&name.v)), n.name_start + fnv1a64_hex(n.utf8_key));
        EXPECT_EQ(invoke(d.get(), L"Rewrite", {bstr_arg(info.get())}, &safe.v, &e.e), S_OK);
        ASSERT_EQ(V_VT(&safe.v), VT_BSTR);
        EXPECT_EQ(std::wstring(V_BSTR(&safe.v), SysStringLen(V_BSTR(&safe.v))), L"EXCH01\n" + n.mailbox);
    }
}

} // namespace
} // namespace psh_com
