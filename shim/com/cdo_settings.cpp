// Install's settings: "cdo;mode=resolve;directory=ldap://dc1:389/DC=contoso,DC=com" on
// DllInstall's command line (regsvr32 /n /i:...), or `profshim cdo install --mode ...`,
// which passes the same. Checked before anything is written, so that a setting Logon
// could not use is refused at install (E_INVALIDARG) rather than found at the first Logon.
// See cdo.hpp.

#include "cdo.hpp"

#include "com_resolve.hpp"

#include <algorithm>
#include <initializer_list>

namespace profshim::com::cdo {
namespace {

bool one_of(const std::wstring& value, std::initializer_list<const wchar_t*> names) {
    for (const wchar_t* name : names) {
        if (value == name) return true;
    }
    return false;
}

// A resolve setting's value: written when given, removed (its default) when not.
LSTATUS set_or_remove(Registry& registry, const wchar_t* name, const std::optional<std::wstring>& value) {
    return value ? registry.set_string(HKEY_LOCAL_MACHINE, kKey, name, *value)
                 : registry.delete_value(HKEY_LOCAL_MACHINE, kKey, name);
}

} // namespace

bool parse_changes(std::wstring_view text, Changes& out, std::wstring& message) {
    out = {};
    while (!text.empty()) {
        if (text.front() != L';') {
            message = L"settings follow \"cdo\" as ;name=value each, as in cdo;mode=resolve;directory=ldap://host/DC=...";
            return false;
        }
        text.remove_prefix(1);
        const size_t end = std::min(text.find(L';'), text.size());
        const std::wstring_view item = text.substr(0, end);
        text.remove_prefix(end);
        const size_t eq = item.find(L'=');
        const std::wstring name(item.substr(0, eq));
        const std::wstring value(eq == std::wstring_view::npos ? std::wstring_view{} : item.substr(eq + 1));
        if (eq == std::wstring_view::npos || value.empty()) {
            message = L"setting \"" + std::wstring(item) + L"\" has no value; give it as name=value";
            return false;
        }
        std::optional<std::wstring>* slot = nullptr;
        if (name == L"mode") {
            if (out.mode) {
                message = L"setting \"mode\" is given twice";
                return false;
            }
            out.mode = mode_of(value);
            if (!out.mode) {
                message = L"mode \"" + value + L"\" is none of rewrite, exact, resolve, log-only";
                return false;
            }
            continue;
        }
        if (name == L"log") slot = &out.log;
        else if (name == L"directory") slot = &out.directory;
        else if (name == L"server") slot = &out.server;
        else if (name == L"exact") slot = &out.exact;
        else if (name == L"bind") slot = &out.bind;
        else {
            message = L"\"" + name + L"\" is not a setting; the settings are mode, log, directory, server, exact, bind";
            return false;
        }
        if (slot->has_value()) {
            message = L"setting \"" + name + L"\" is given twice";
            return false;
        }
        *slot = value;
    }
    const bool resolve = out.mode == Mode::resolve;
    if (!resolve && (out.directory || out.server || out.exact || out.bind)) {
        message = L"directory, server, exact and bind are settings of mode=resolve only";
        return false;
    }
    if (!resolve) return true;
    if (!out.directory) {
        message = L"mode=resolve needs directory=ldap://host:port/baseDN (or ldaps://), the directory to ask";
        return false;
    }
    if (!is_directory_url(*out.directory)) {
        message = L"directory \"" + *out.directory + L"\" is not an LDAP URL; give it as ldap://host:port/baseDN (or ldaps://)";
        return false;
    }
    if (out.server && !one_of(*out.server, {L"keep", L"home", L"personalized"})) {
        message = L"server \"" + *out.server + L"\" is none of keep, home, personalized";
        return false;
    }
    if (out.exact && !one_of(*out.exact, {L"yes", L"no"})) {
        message = L"exact \"" + *out.exact + L"\" is neither yes nor no";
        return false;
    }
    if (out.bind && !one_of(*out.bind, {L"negotiate", L"anonymous"})) {
        message = L"bind \"" + *out.bind + L"\" is neither negotiate nor anonymous";
        return false;
    }
    return true;
}

SettingsSnapshot snapshot_settings(Registry& registry) {
    SettingsSnapshot snapshot;
    for (size_t i = 0; i < std::size(kSettingValues); ++i) {
        std::wstring value;
        if (registry.read_string(HKEY_LOCAL_MACHINE, kKey, kSettingValues[i], value) == ERROR_SUCCESS) {
            snapshot.values[i] = std::move(value);
        }
    }
    return snapshot;
}

LSTATUS restore_settings(Registry& registry, const SettingsSnapshot& snapshot) {
    LSTATUS result = ERROR_SUCCESS;
    for (size_t i = 0; i < std::size(kSettingValues); ++i) {
        const LSTATUS rc = set_or_remove(registry, kSettingValues[i], snapshot.values[i]);
        if (rc != ERROR_SUCCESS) result = rc;
    }
    return result;
}

LSTATUS write_changes(Registry& registry, const Changes& changes) {
    LSTATUS rc = ERROR_SUCCESS;
    if (changes.mode) {
        rc = registry.set_string(HKEY_LOCAL_MACHINE, kKey, kModeValue, mode_name(*changes.mode));
        // Another mode leaves no resolve settings behind; resolve's not given are its defaults.
        const bool resolve = *changes.mode == Mode::resolve;
        const std::optional<std::wstring> none;
        if (rc == ERROR_SUCCESS) rc = set_or_remove(registry, kDirectoryValue, resolve ? changes.directory : none);
        if (rc == ERROR_SUCCESS) rc = set_or_remove(registry, kServerValue, resolve ? changes.server : none);
        if (rc == ERROR_SUCCESS) rc = set_or_remove(registry, kExactValue, resolve ? changes.exact : none);
        if (rc == ERROR_SUCCESS) rc = set_or_remove(registry, kBindValue, resolve ? changes.bind : none);
    }
    if (rc == ERROR_SUCCESS && changes.log) rc = registry.set_string(HKEY_LOCAL_MACHINE, kKey, kLogValue, *changes.log);
    return rc;
}

} // namespace profshim::com::cdo
