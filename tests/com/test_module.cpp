// The module: DllGetClassObject's answers, the class factory, DllCanUnloadNow S_FALSE while
// anything is held and S_OK once everything is released, DllInstall's refusals, reference
// counts and interface identity.
#include "com_support.hpp"

namespace psh_com {
namespace {

TEST(Module, EveryComEntryPointIsExported) {
    for (const char* name : {"DllGetClassObject", "DllCanUnloadNow", "DllRegisterServer",
                             "DllUnregisterServer", "DllInstall"}) {
        EXPECT_NE(GetProcAddress(dll(), name), nullptr) << name;
    }
}

TEST(Module, DllGetClassObjectAnswers) {
    void* p = reinterpret_cast<void*>(1);
    EXPECT_EQ(get_class_object()(IID_IDispatch, IID_IClassFactory, &p), CLASS_E_CLASSNOTAVAILABLE);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(get_class_object()(CLSID_ProfileInfo, IID_IClassFactory, nullptr), E_POINTER);
    p = reinterpret_cast<void*>(1);
    EXPECT_EQ(get_class_object()(CLSID_ProfileInfo, IID_IDispatch, &p), E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
}

TEST(Module, FactoryAndCanUnloadNow) {
    EXPECT_EQ(can_unload_now()(), S_OK) << "nothing made yet";
    Ref<IClassFactory> factory;
    ASSERT_EQ(get_class_object()(CLSID_ProfileInfo, IID_IClassFactory, factory.put_void()), S_OK);
    EXPECT_EQ(can_unload_now()(), S_FALSE) << "the factory is held";
    void* p = reinterpret_cast<void*>(1);
    EXPECT_EQ(factory->CreateInstance(factory.get(), IID_IUnknown, &p), CLASS_E_NOAGGREGATION);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(factory->CreateInstance(nullptr, IID_IClassFactory, &p), E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
    Ref<IProfileInfo> object;
    ASSERT_EQ(factory->CreateInstance(nullptr, IID_IProfileInfo, object.put_void()), S_OK);
    EXPECT_EQ(factory->LockServer(TRUE), S_OK);
    factory.reset();
    EXPECT_EQ(can_unload_now()(), S_FALSE) << "an object and a lock are held";

    // A report outlives the object that made it.
    Ref<IProfileInfoReport> report;
    Bstr info(kAlias);
    ASSERT_EQ(object->CheckReport(info.get(), report.put()), S_OK);
    EXPECT_EQ(object.get()->Release(), 0u);
    object.release();
    EXPECT_EQ(can_unload_now()(), S_FALSE) << "a report and a lock are held";
    Bstr mailbox;
    EXPECT_EQ(report->get_Mailbox(mailbox.put()), S_OK);
    EXPECT_EQ(mailbox.str(), L"jdoe");
    EXPECT_EQ(report.get()->Release(), 0u);
    report.release();

    ASSERT_EQ(get_class_object()(CLSID_ProfileInfo, IID_IClassFactory, factory.put_void()), S_OK);
    EXPECT_EQ(factory->LockServer(FALSE), S_OK);
    factory.reset();
    EXPECT_EQ(can_unload_now()(), S_OK) << "everything released";
}

TEST(Module, DllInstallRefusesAnUnknownCommandLine) {
    // Only "user", "machine" or nothing: anything else registers nothing.
    EXPECT_EQ(dll_install()(TRUE, L"everyone"), E_INVALIDARG);
    EXPECT_EQ(dll_install()(FALSE, L"u"), E_INVALIDARG);
    HKEY key = nullptr;
    EXPECT_NE(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Classes\\CLSID\\{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}",
                            0, KEY_READ, &key), ERROR_SUCCESS);
    if (key) RegCloseKey(key);
}

TEST(Module, ReferenceCountsAndIdentity) {
    Ref<IProfileInfo> object = make_object();
    ASSERT_TRUE(object);
    EXPECT_EQ(object->AddRef(), 2u);
    EXPECT_EQ(object->Release(), 1u);
    Ref<IUnknown> u1, u2;
    Ref<IDispatch> d;
    Ref<ISupportErrorInfo> sei;
    ASSERT_EQ(object->QueryInterface(IID_IUnknown, u1.put_void()), S_OK);
    ASSERT_EQ(object->QueryInterface(IID_IDispatch, d.put_void()), S_OK);
    ASSERT_EQ(object->QueryInterface(IID_ISupportErrorInfo, sei.put_void()), S_OK);
    ASSERT_EQ(sei->QueryInterface(IID_IUnknown, u2.put_void()), S_OK);
    EXPECT_EQ(u1.get(), u2.get()) << "one IUnknown, from IProfileInfo and from ISupportErrorInfo";
    EXPECT_EQ(static_cast<void*>(d.get()), static_cast<void*>(object.get())) << "IDispatch is the dual interface";
    EXPECT_EQ(sei->InterfaceSupportsErrorInfo(IID_IProfileInfo), S_OK);
    EXPECT_EQ(sei->InterfaceSupportsErrorInfo(IID_IProfileInfo2), S_OK);
    // 1.1's IProfileInfo and 1.2's IProfileInfo2: the same object, the same vtable's start.
    Ref<IProfileInfo2> two;
    ASSERT_EQ(object->QueryInterface(IID_IProfileInfo2, two.put_void()), S_OK);
    EXPECT_EQ(static_cast<void*>(two.get()), static_cast<void*>(object.get()));
    two.reset();
    EXPECT_EQ(sei->InterfaceSupportsErrorInfo(IID_IDispatch), S_OK);
    EXPECT_EQ(sei->InterfaceSupportsErrorInfo(IID_IClassFactory), S_FALSE);
    void* p = reinterpret_cast<void*>(1);
    EXPECT_EQ(object->QueryInterface(IID_IProfileInfoReport, &p), E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
    u1.reset();
    u2.reset();
    d.reset();
    sei.reset();
    EXPECT_EQ(object->AddRef(), 2u) << "every QueryInterface reference released";
    object->Release();
}

} // namespace
} // namespace psh_com

namespace psh_com {
namespace {

// DllRegisterServer where the account may not write the machine's classes, as from a prompt
// that is not elevated: in this process only, HKLM is replaced (RegOverridePredefKey) by a
// scratch key whose Software\Classes grants everyone read access and nothing more. It must
// fail with E_ACCESSDENIED and write nothing anywhere: no fallback to the current user.
TEST(Registration, MachineRefusedIsAccessDeniedWithNoFallback) {
    const wchar_t* scratch = L"Software\\profshim-tests\\machine";
    const wchar_t* scratch_classes = L"Software\\profshim-tests\\machine\\Software\\Classes";
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\profshim-tests");
    HKEY classes = nullptr;
    ASSERT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, scratch_classes, 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &classes,
                              nullptr), ERROR_SUCCESS);
    PSECURITY_DESCRIPTOR read_only = nullptr;
    ASSERT_TRUE(ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(A;;KR;;;WD)", SDDL_REVISION_1, &read_only,
                                                                     nullptr));
    EXPECT_EQ(RegSetKeySecurity(classes, DACL_SECURITY_INFORMATION, read_only), ERROR_SUCCESS);
    LocalFree(read_only);
    RegCloseKey(classes);

    HKEY machine = nullptr;
    ASSERT_EQ(RegOpenKeyExW(HKEY_CURRENT_USER, scratch, 0, KEY_READ, &machine), ERROR_SUCCESS);
    ASSERT_EQ(RegOverridePredefKey(HKEY_LOCAL_MACHINE, machine), ERROR_SUCCESS);
    using RegisterFn = HRESULT(STDAPICALLTYPE*)();
    auto register_server = reinterpret_cast<RegisterFn>(reinterpret_cast<void*>(GetProcAddress(dll(), "DllRegisterServer")));
    const HRESULT hr = register_server();
    RegOverridePredefKey(HKEY_LOCAL_MACHINE, nullptr);
    RegCloseKey(machine);

    EXPECT_EQ(hr, E_ACCESSDENIED) << hex(hr);
    HKEY key = nullptr;
    EXPECT_NE(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Classes\\CLSID\\{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}", 0,
                            KEY_READ, &key), ERROR_SUCCESS) << "no fallback to the current user";
    if (key) RegCloseKey(key);
    EXPECT_NE(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\profshim-tests\\machine\\Software\\Classes\\CLSID", 0,
                            KEY_READ, &key), ERROR_SUCCESS) << "nothing written under the refused root";
    if (key) RegCloseKey(key);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\profshim-tests");
}

} // namespace
} // namespace psh_com
