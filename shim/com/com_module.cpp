// The module side of the COM object: counts, the class factory, DllGetClassObject and
// DllCanUnloadNow. See com_module.hpp.

#include "com_module.hpp"

#include <atomic>

namespace profshim::com {
namespace {

std::atomic<long> g_module_locks{0};

// The one class factory: static, so it is never allocated nor freed; its references
// count as module locks, so the DLL stays loaded while anyone holds it.
class ClassFactory final : public IClassFactory {
public:
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
        return create_profile_info(riid, out);
    }
    HRESULT STDMETHODCALLTYPE LockServer(BOOL lock) override {
        if (lock) lock_module(); else unlock_module();
        return S_OK;
    }
};

ClassFactory g_factory;

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

} // namespace profshim::com

// ---- exports (exports.def: PRIVATE) ------------------------------------------------

STDAPI DllGetClassObject(REFCLSID clsid, REFIID riid, LPVOID* out) {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    if (!IsEqualCLSID(clsid, profshim::com::kClsid)) return CLASS_E_CLASSNOTAVAILABLE;
    return profshim::com::g_factory.QueryInterface(riid, out);
}

STDAPI DllCanUnloadNow(void) {
    return profshim::com::g_module_locks.load(std::memory_order_acquire) == 0 ? S_OK : S_FALSE;
}
