// Early binding: CoCreateInstance through the registration (ProgID -> CLSID ->
// InprocServer32), then every method called through the vtable with the types profshim_idl.h
// declares, as a C++ client, VB6 with a reference to the type library, or .NET interop does.
// Failures come back as the status itself, with an IErrorInfo holding psh_describe's text.
#include "com_support.hpp"

#include <atomic>
#include <thread>

namespace psh_com {
namespace {

Ref<IProfileInfo> create_registered() {
    Ref<IProfileInfo> object;
    const HRESULT hr = CoCreateInstance(CLSID_ProfileInfo, nullptr, CLSCTX_INPROC_SERVER, IID_IProfileInfo,
                                        object.put_void());
    EXPECT_EQ(hr, S_OK) << "CoCreateInstance: " << hex(hr);
    return object;
}

// The IErrorInfo a failed call left, as a caller reads it.
std::wstring error_description() {
    Ref<IErrorInfo> info;
    if (GetErrorInfo(0, info.put()) != S_OK || !info) return L"<no error info>";
    Bstr text;
    info->GetDescription(text.put());
    return text.str();
}

TEST(EarlyBound, ProgIdNamesTheClass) {
    CLSID clsid{};
    EXPECT_EQ(CLSIDFromProgID(L"ProfShim.ProfileInfo", &clsid), S_OK);
    EXPECT_TRUE(IsEqualCLSID(clsid, CLSID_ProfileInfo));
    EXPECT_EQ(CLSIDFromProgID(L"ProfShim.ProfileInfo.1", &clsid), S_OK);
    EXPECT_TRUE(IsEqualCLSID(clsid, CLSID_ProfileInfo));
}

TEST(EarlyBound, EveryMethodThroughTheVtable) {
    Ref<IProfileInfo> o = create_registered();
    ASSERT_TRUE(o);
    LONG version = 0;
    EXPECT_EQ(o->get_Version(&version), S_OK);
    EXPECT_EQ(version, PSH_VERSION_NUMBER);

    Bstr dn(kDn), alias(kAlias);
    LONG status = 1;
    EXPECT_EQ(o->Check(alias.get(), &status), S_OK);
    EXPECT_EQ(status, PSH_OK);
    EXPECT_EQ(o->Check(dn.get(), &status), S_OK);
    EXPECT_EQ(status, PSH_E_UNSAFE_CHAR);

    Ref<IProfileInfoReport> r;
    ASSERT_EQ(o->CheckReport(dn.get(), r.put()), S_OK);
    LONG value = 0;
    VARIANT_BOOL flag = VARIANT_FALSE;
    Bstr text;
    EXPECT_EQ(r->get_Status(&value), S_OK);
    EXPECT_EQ(value, PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(r->get_Form(&value), S_OK);
    EXPECT_EQ(value, PSH_FORM_DN);
    EXPECT_EQ(r->get_ServerOffset(&value), S_OK);
    EXPECT_EQ(value, 0);
    EXPECT_EQ(r->get_ServerLength(&value), S_OK);
    EXPECT_EQ(value, 6);
    EXPECT_EQ(r->get_MailboxOffset(&value), S_OK);
    EXPECT_EQ(value, 7);
    EXPECT_EQ(r->get_MailboxLength(&value), S_OK);
    EXPECT_EQ(value, static_cast<LONG>(kDn.size() - 7));
    EXPECT_EQ(r->get_ErrorOffset(&value), S_OK);
    EXPECT_EQ(value, 7);
    EXPECT_EQ(r->get_Rewritable(&flag), S_OK);
    EXPECT_EQ(flag, VARIANT_TRUE);
    EXPECT_EQ(r->get_Ok(&flag), S_OK);
    EXPECT_EQ(flag, VARIANT_FALSE);
    EXPECT_EQ(r->get_Description(text.put()), S_OK);
    EXPECT_EQ(text.str(), describe(PSH_E_UNSAFE_CHAR));
    EXPECT_EQ(r->get_Server(text.put()), S_OK);
    EXPECT_EQ(text.str(), L"EXCH01");
    EXPECT_EQ(r->get_Mailbox(text.put()), S_OK);
    EXPECT_EQ(text.str(), kDn.substr(7));

    EXPECT_EQ(o->Rewrite(dn.get(), 0, text.put()), S_OK);
    EXPECT_EQ(text.str(), kAlias);
    EXPECT_EQ(o->Rewrite(dn.get(), static_cast<LONG>(PSH_REWRITE_EXACT), text.put()), S_OK);
    EXPECT_EQ(text.str(), L"EXCH01\n=jdoe") << "the exact-match form (library 1.1)";
    EXPECT_EQ(o->ProfileName(dn.get(), text.put()), S_OK);
    EXPECT_EQ(text.str(), L"exch01_jdoe_79a53f4ad2d29daa");
    Variant s;
    V_VT(&s.v) = VT_I4;
    V_I4(&s.v) = PSH_E_UNSAFE_CHAR;
    EXPECT_EQ(o->Describe(s.v, text.put()), S_OK);
    EXPECT_EQ(text.str(), describe(PSH_E_UNSAFE_CHAR));
    // Resolve's own numbers (README) are described, not "unknown status".
    V_I4(&s.v) = static_cast<LONG>(0x80040301u);
    EXPECT_EQ(o->Describe(s.v, text.put()), S_OK);
    EXPECT_EQ(text.str().rfind(L"Resolve: not found (&H80040301): ", 0), 0u) << narrow(text.str());
    // An Empty names no status (it read as PSH_OK): refused as a Null is.
    Variant empty;
    EXPECT_EQ(o->Describe(empty.v, text.put()), DISP_E_TYPEMISMATCH);
}

TEST(EarlyBound, FailureIsTheStatusWithErrorInfo) {
    Ref<IProfileInfo> o = create_registered();
    ASSERT_TRUE(o);
    Bstr dn(kDn), text;
    EXPECT_EQ(o->Rewrite(dn.get(), static_cast<LONG>(PSH_REWRITE_KEEP_DN), text.put()), PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(text.get(), nullptr) << "no result on failure";
    // Said for this call: flag 1 kept the DN; never the C library's words.
    const std::wstring kept = error_description();
    EXPECT_EQ(kept.rfind(L"PSH_E_UNSAFE_CHAR: ", 0), 0u) << narrow(kept);
    EXPECT_NE(kept.find(L"leave flag 1 out"), std::wstring::npos) << narrow(kept);
    EXPECT_EQ(kept.find(L"psh_"), std::wstring::npos) << narrow(kept);
    Bstr none(L"EXCH01");
    // (The error info is read before describe(), whose Describe call clears it.)
    EXPECT_EQ(o->ProfileName(none.get(), text.put()), PSH_E_NO_SEPARATOR);
    const std::wstring no_separator = error_description();
    EXPECT_EQ(no_separator, describe(PSH_E_NO_SEPARATOR));
    EXPECT_EQ(o->Rewrite(dn.get(), 0x4, text.put()), PSH_E_UNKNOWN_FLAGS);
    const std::wstring unknown_flags = error_description();
    EXPECT_EQ(unknown_flags, describe(PSH_E_UNKNOWN_FLAGS));
    // NULL out-parameters are refused, not written through.
    EXPECT_EQ(o->Check(dn.get(), nullptr), E_POINTER);
    EXPECT_EQ(o->Rewrite(dn.get(), 0, nullptr), E_POINTER);
    EXPECT_EQ(o->CheckReport(dn.get(), nullptr), E_POINTER);
}

// A client compiled against 1.1 asks for IProfileInfo's IID and calls its six members
// through their vtable slots; one compiled against 1.2 asks for IProfileInfo2 and reaches
// Resolve in the slot after them, its inherited members where they were.
TEST(EarlyBound, The11InterfaceAndIProfileInfo2) {
    Ref<IProfileInfo> one = create_registered();
    ASSERT_TRUE(one);
    Bstr dn(kDn), text;
    LONG status = 1, version = 0;
    EXPECT_EQ(one->Check(dn.get(), &status), S_OK);
    EXPECT_EQ(status, PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(one->Rewrite(dn.get(), 0, text.put()), S_OK);
    EXPECT_EQ(text.str(), L"EXCH01\njdoe");
    EXPECT_EQ(one->get_Version(&version), S_OK);
    EXPECT_EQ(version, PSH_VERSION_NUMBER);

    Ref<IProfileInfo2> two;
    ASSERT_EQ(CoCreateInstance(CLSID_ProfileInfo, nullptr, CLSCTX_INPROC_SERVER, IID_IProfileInfo2, two.put_void()),
              S_OK);
    status = 1;
    EXPECT_EQ(two->Check(dn.get(), &status), S_OK);
    EXPECT_EQ(status, PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(two->get_Version(&version), S_OK);
    // Resolve's own arguments are checked before any directory is asked.
    Bstr alias(kAlias), none(L""), guess(L"guess"), anonymous(L"anonymous");
    EXPECT_EQ(two->Resolve(alias.get(), none.get(), guess.get(), VARIANT_FALSE, anonymous.get(), text.put()),
              static_cast<HRESULT>(0x80040307u));
    EXPECT_EQ(text.get(), nullptr);
    const std::wstring said = error_description();
    EXPECT_NE(said.find(L"server is \"guess\""), std::wstring::npos) << narrow(said);
    EXPECT_EQ(two->Resolve(alias.get(), none.get(), none.get(), VARIANT_FALSE, anonymous.get(), nullptr), E_POINTER);
}

TEST(EarlyBound, StaleErrorInfoIsClearedOnEntry) {
    Ref<IProfileInfo> o = create_registered();
    ASSERT_TRUE(o);
    Bstr dn(kDn), text;
    ASSERT_EQ(o->Rewrite(dn.get(), static_cast<LONG>(PSH_REWRITE_KEEP_DN), text.put()), PSH_E_UNSAFE_CHAR);
    // A call that succeeds leaves no error info behind it...
    ASSERT_EQ(o->Rewrite(dn.get(), 0, text.put()), S_OK);
    Ref<IErrorInfo> info;
    EXPECT_EQ(GetErrorInfo(0, info.put()), S_FALSE) << "the failed call's error info was left";
    // ...and one that fails for a reason of its own (E_POINTER) reports no older text.
    ASSERT_EQ(o->Rewrite(dn.get(), static_cast<LONG>(PSH_REWRITE_KEEP_DN), text.put()), PSH_E_UNSAFE_CHAR);
    EXPECT_EQ(o->Check(dn.get(), nullptr), E_POINTER);
    EXPECT_EQ(GetErrorInfo(0, info.put()), S_FALSE);
}

TEST(EarlyBound, StringsOnlyABstrCanCarry) {
    Ref<IProfileInfo> o = create_registered();
    ASSERT_TRUE(o);
    const std::wstring emoji = L"\xD83D\xDE00";  // U+1F600, two UTF-16 units
    const auto check = [&](const std::wstring& s) {
        Bstr b(s);
        LONG status = 1;
        EXPECT_EQ(o->Check(b.get(), &status), S_OK);
        return status;
    };
    const auto error_offset = [&](const std::wstring& s) {
        Bstr b(s);
        Ref<IProfileInfoReport> r;
        LONG offset = -2;
        if (o->CheckReport(b.get(), r.put()) == S_OK) r->get_ErrorOffset(&offset);
        return offset;
    };
    EXPECT_EQ(check(kAlias + emoji), PSH_OK) << "a character above U+FFFF is an alias's (library 1.2)";
    EXPECT_EQ(error_offset(kAlias + emoji + L"\t"), 13) << "the pair counts two units";
    EXPECT_EQ(error_offset(std::wstring(L"EXCH01\nj") + L'\0' + L"doe"), 8) << "an embedded NUL is a bad unit, not the end";
    EXPECT_EQ(error_offset(L"EXCH01\nab\xDC00"), 9) << "a lone low surrogate";
    std::wstring pairs;
    for (int i = 0; i < PSH_MAX_INPUT / 2; ++i) pairs += emoji;
    EXPECT_EQ(check(pairs), PSH_E_NO_SEPARATOR) << "4096 units are judged";
    EXPECT_EQ(check(pairs + emoji), PSH_E_TOO_LONG) << "4098 units are too long";
    EXPECT_EQ(check(std::wstring(100000, L'a')), PSH_E_TOO_LONG);
    LONG status = 1;
    EXPECT_EQ(o->Check(nullptr, &status), S_OK);
    EXPECT_EQ(status, PSH_E_NO_SEPARATOR) << "a NULL BSTR is the empty string";
    const std::wstring longest = std::wstring(60, L'a') + L"." + std::wstring(60, L'a') + L"." +
                                 std::wstring(60, L'a') + L"\n" + std::wstring(64, L'b');
    Bstr b(longest), text;
    EXPECT_EQ(o->Rewrite(b.get(), 0, text.put()), S_OK);
    EXPECT_EQ(text.str(), longest);
}

TEST(EarlyBound, OneObjectFromEightThreads) {
    // ThreadingModel Both: this is the multithreaded apartment, every thread calls the same
    // object directly.
    Ref<IProfileInfo> o = create_registered();
    ASSERT_TRUE(o);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            CoInitializeEx(nullptr, COINIT_MULTITHREADED);
            Bstr dn(kDn), bad(L"EXCH01\nj:doe");
            for (int i = 0; i < 2000; ++i) {
                Bstr text;
                LONG status = 0;
                if (o->Rewrite(dn.get(), 0, text.put()) != S_OK || text.str() != kAlias) ++wrong;
                if (o->Check(bad.get(), &status) != S_OK || status != PSH_E_UNSAFE_CHAR) ++wrong;
            }
            CoUninitialize();
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(wrong.load(), 0) << "of 32000 calls";
}

} // namespace
} // namespace psh_com
