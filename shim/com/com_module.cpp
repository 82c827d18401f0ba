// The module side of the COM object: counts, the class factory, the type library and its
// type infos, DllGetClassObject and DllCanUnloadNow. See com_module.hpp.

#include "com_module.hpp"

#include "cdo.hpp"
#include "guarded.hpp"

#include <array>
#include <atomic>

namespace profshim::com {
namespace {

std::atomic<long> g_module_locks{0};

// A class factory per class: static, so it is never allocated nor freed; its references
// count as module locks, so the DLL stays loaded while anyone holds it.
class ClassFactory final : public IClassFactory {
public:
    using Create = HRESULT (*)(REFIID, void**) noexcept;
    explicit ClassFactory(Create create) noexcept : create_(create) {}

    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IClassFactory)) {
            *out = static_cast<IClassFactory*>(this);
            AddRef();
            return S_OK;
        }
        *out = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override {
        lock_module();
        return 2;
    }
    ULONG STDMETHODCALLTYPE Release() override {
        unlock_module();
        return 1;
    }
    HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* outer, REFIID riid, void** out) override {
        if (out == nullptr) return E_POINTER;
        *out = nullptr;
        if (outer != nullptr) return CLASS_E_NOAGGREGATION;
        return create_(riid, out);
    }
    HRESULT STDMETHODCALLTYPE LockServer(BOOL lock) override {
        if (lock) lock_module(); else unlock_module();
        return S_OK;
    }

private:
    Create create_;
};

ClassFactory g_factory{create_profile_info};
ClassFactory g_cdo_factory{cdo::create_interceptor}; // cdo.hpp

// Loaded on first use and kept, as Wine's scrrun keeps its own (dlls/scrrun): two threads
// racing to load keep the first one and release the other. They are not released when the
// DLL is unloaded (no COM call belongs in DllMain); oleaut32 keeps one loaded type library
// per file and hands the same one out again if the DLL is loaded anew.
std::atomic<ITypeLib*> g_type_lib{nullptr};
// IProfileInfo, IProfileInfo2, IProfileInfoReport.
std::array<std::atomic<ITypeInfo*>, 3> g_type_infos{};

std::atomic<ITypeInfo*>* type_info_slot(REFIID iid) noexcept {
    if (IsEqualIID(iid, __uuidof(IProfileInfo))) return &g_type_infos[0];
    if (IsEqualIID(iid, __uuidof(IProfileInfo2))) return &g_type_infos[1];
    if (IsEqualIID(iid, __uuidof(IProfileInfoReport))) return &g_type_infos[2];
    return nullptr;
}

HRESULT get_class_object(REFCLSID clsid, REFIID riid, void** out) noexcept {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    if (IsEqualCLSID(clsid, kClsid)) return g_factory.QueryInterface(riid, out);
    if (IsEqualCLSID(clsid, cdo::kClsid)) return g_cdo_factory.QueryInterface(riid, out);
    return CLASS_E_CLASSNOTAVAILABLE;
}

} // namespace

void lock_module() noexcept { g_module_locks.fetch_add(1, std::memory_order_relaxed); }
void unlock_module() noexcept { g_module_locks.fetch_sub(1, std::memory_order_acq_rel); }

HMODULE module_handle() noexcept {
    HMODULE module = nullptr;
    // The module that holds this function: profshim.dll, whatever its file name.
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                           GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       reinterpret_cast<LPCWSTR>(&module_handle), &module);
    return module;
}

HRESULT type_lib(ITypeLib** out) noexcept {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    ITypeLib* lib = g_type_lib.load(std::memory_order_acquire);
    if (lib == nullptr) {
        std::array<wchar_t, MAX_PATH + 1> path{};
        const DWORD n = GetModuleFileNameW(module_handle(), path.data(), MAX_PATH);
        if (n == 0 || n >= MAX_PATH) return HRESULT_FROM_WIN32(ERROR_BAD_PATHNAME);
        // TYPELIB resource 1 of this DLL; REGKIND_NONE: loading registers nothing.
        ITypeLib* loaded = nullptr;
        if (HRESULT hr = LoadTypeLibEx(path.data(), REGKIND_NONE, &loaded); FAILED(hr)) return hr;
        ITypeLib* expected = nullptr;
        if (g_type_lib.compare_exchange_strong(expected, loaded, std::memory_order_acq_rel)) {
            lib = loaded;
        } else {
            loaded->Release();
            lib = expected;
        }
    }
    lib->AddRef();
    *out = lib;
    return S_OK;
}

HRESULT type_info(REFIID iid, ITypeInfo** out) noexcept {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    std::atomic<ITypeInfo*>* slot = type_info_slot(iid);
    if (slot == nullptr) return TYPE_E_ELEMENTNOTFOUND;
    ITypeInfo* info = slot->load(std::memory_order_acquire);
    if (info == nullptr) {
        ITypeLib* lib = nullptr;
        if (HRESULT hr = type_lib(&lib); FAILED(hr)) return hr;
        ITypeInfo* loaded = nullptr;
        const HRESULT hr = lib->GetTypeInfoOfGuid(iid, &loaded);
        lib->Release();
        if (FAILED(hr)) return hr;
        ITypeInfo* expected = nullptr;
        if (slot->compare_exchange_strong(expected, loaded, std::memory_order_acq_rel)) {
            info = loaded;
        } else {
            loaded->Release();
            info = expected;
        }
    }
    info->AddRef();
    *out = info;
    return S_OK;
}

} // namespace profshim::com

// ---- exports (exports.def: PRIVATE) ------------------------------------------------
// Each is `return guarded(...);`, as the C exports are (tools/check_boundary.py).

using profshim::guarded;

STDAPI DllGetClassObject(REFCLSID clsid, REFIID riid, LPVOID* out) {
    return guarded([&] { return profshim::com::get_class_object(clsid, riid, out); });
}

STDAPI DllCanUnloadNow(void) {
    return guarded([] {
        return profshim::com::g_module_locks.load(std::memory_order_acquire) == 0 ? S_OK : S_FALSE;
    });
}
