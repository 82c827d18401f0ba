// cdo install and uninstall against a registry that refuses (shim/com/cdo.hpp's Registry
// seam): what happens without the right to write HKLM. Wine runs everything as an
// administrator; it refuses a value's write to a key whose DACL says so (run.sh's
// access_denied cases), but not the making of a key, nor uninstall's deletions. Here an
// in-memory registry stands in for the machine's; it refuses every write, or the writes
// under one key, or only the Nth write. Each failure
// must say why and leave the registry exactly as it was. Also: install's settings, and the
// log's "why" sentences per mode and outcome (cdo_why.cpp).

#include "cdo.hpp"
#include "com_resolve.hpp"

#include <gtest/gtest.h>

#include <cwctype>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace profshim::com {
// cdo_install.cpp writes this module's path as our class's server; here, the test's own.
HMODULE module_handle() noexcept { return GetModuleHandleW(nullptr); }
} // namespace profshim::com

namespace {

using namespace profshim::com::cdo;
using profshim::com::kResolveAmbiguous;
using profshim::com::kResolveArgument;
using profshim::com::kResolveDirectory;
using profshim::com::kResolveNotFound;

constexpr wchar_t kCdoClsid[] = L"{3FA7DEB3-6438-101B-ACC1-00AA00423326}"; // CDO 1.21's MAPI.Session

// A registry in memory: keys by root and lower-cased path, values by lower-cased name.
class FakeRegistry final : public Registry {
public:
    struct Value {
        DWORD type = REG_SZ;
        std::wstring text;
        DWORD number = 0;
        bool operator==(const Value& o) const { return type == o.type && text == o.text && number == o.number; }
    };
    using Key = std::pair<HKEY, std::wstring>;
    std::set<Key> keys;
    std::map<std::pair<Key, std::wstring>, Value> values;

    // Refusals (ERROR_ACCESS_DENIED), for writes and deletions alike.
    bool refuse_all = false;
    std::wstring refuse_under;  // a key path: writes to it and below it
    int refuse_nth = 0;         // only the Nth write (1-based), as a transient refusal
    int writes = 0;             // writes asked for (refused or not)

    bool operator==(const FakeRegistry& o) const { return keys == o.keys && values == o.values; }

    void add_cdo() {
        set_string(HKEY_CLASSES_ROOT, L"MAPI.Session\\CLSID", nullptr, kCdoClsid);
        set_string(HKEY_CLASSES_ROOT, std::wstring(L"CLSID\\") + kCdoClsid + L"\\InprocServer32", nullptr,
                   L"C:\\Program Files (x86)\\Common Files\\System\\MSMAPI\\1033\\CDO.DLL");
        set_string(HKEY_CLASSES_ROOT, std::wstring(L"CLSID\\") + kCdoClsid + L"\\InprocServer32", L"ThreadingModel",
                   L"Both");
        set_string(HKEY_LOCAL_MACHINE, std::wstring(L"Software\\Classes\\CLSID\\") + kCdoClsid, nullptr, L"MAPI.Session");
        writes = 0;
    }

    LSTATUS read_string(HKEY root, const std::wstring& key, const wchar_t* name, std::wstring& out) override {
        const Value* v = find(root, key, name);
        if (v == nullptr || v->type != REG_SZ) return ERROR_FILE_NOT_FOUND;
        out = v->text;
        return ERROR_SUCCESS;
    }
    LSTATUS read_dword(HKEY root, const std::wstring& key, const wchar_t* name, DWORD& out) override {
        const Value* v = find(root, key, name);
        if (v == nullptr || v->type != REG_DWORD) return ERROR_FILE_NOT_FOUND;
        out = v->number;
        return ERROR_SUCCESS;
    }
    LSTATUS set_string(HKEY root, const std::wstring& key, const wchar_t* name, const std::wstring& value) override {
        return set(root, key, name, Value{REG_SZ, value, 0});
    }
    LSTATUS set_dword(HKEY root, const std::wstring& key, const wchar_t* name, DWORD value) override {
        return set(root, key, name, Value{REG_DWORD, {}, value});
    }
    LSTATUS delete_value(HKEY root, const std::wstring& key, const wchar_t* name) override {
        if (refused(key)) return ERROR_ACCESS_DENIED;
        values.erase({{root, lower(key)}, lower(name)});
        return ERROR_SUCCESS;
    }
    LSTATUS delete_tree(HKEY root, const std::wstring& key) override {
        if (refused(key)) return ERROR_ACCESS_DENIED;
        const std::wstring path = lower(key);
        for (auto it = keys.begin(); it != keys.end();) {
            it = it->first == root && under(it->second, path) ? keys.erase(it) : std::next(it);
        }
        for (auto it = values.begin(); it != values.end();) {
            it = it->first.first.first == root && under(it->first.first.second, path) ? values.erase(it) : std::next(it);
        }
        return ERROR_SUCCESS;
    }
    bool key_exists(HKEY root, const std::wstring& key) override { return keys.count({root, lower(key)}) != 0; }
    bool key_is_empty(HKEY root, const std::wstring& key) override {
        const std::wstring path = lower(key);
        if (!key_exists(root, key)) return false;
        for (const Key& k : keys) {
            if (k.first == root && k.second != path && under(k.second, path)) return false;
        }
        for (const auto& [where, value] : values) {
            if (where.first == Key{root, path}) return false;
        }
        return true;
    }

private:
    static std::wstring lower(const wchar_t* text) {
        std::wstring out = text != nullptr ? text : L"";
        for (wchar_t& c : out) c = static_cast<wchar_t>(std::towlower(c));
        return out;
    }
    static std::wstring lower(const std::wstring& text) { return lower(text.c_str()); }
    static bool under(const std::wstring& path, const std::wstring& top) {
        return path == top || (path.size() > top.size() && path.compare(0, top.size(), top) == 0 && path[top.size()] == L'\\');
    }
    bool refused(const std::wstring& key) {
        ++writes;
        return refuse_all || writes == refuse_nth || (!refuse_under.empty() && under(lower(key), lower(refuse_under)));
    }
    const Value* find(HKEY root, const std::wstring& key, const wchar_t* name) const {
        const auto it = values.find({{root, lower(key)}, lower(name)});
        return it == values.end() ? nullptr : &it->second;
    }
    LSTATUS set(HKEY root, const std::wstring& key, const wchar_t* name, const Value& value) {
        if (refused(key)) return ERROR_ACCESS_DENIED;
        // The key and those above it, as RegSetKeyValueW makes them.
        const std::wstring path = lower(key);
        for (size_t end = path.find(L'\\'); end != std::wstring::npos; end = path.find(L'\\', end + 1)) {
            keys.insert({root, path.substr(0, end)});
        }
        keys.insert({root, path});
        values[{{root, path}, lower(name)}] = value;
        return ERROR_SUCCESS;
    }
};

const std::wstring kTreatAs = std::wstring(L"Software\\Classes\\CLSID\\") + kCdoClsid + L"\\TreatAs";
const std::wstring kResolveSettings = L";mode=resolve;directory=ldap://dc1.contoso.com:389/DC=contoso,DC=com;server=home;exact=yes;bind=anonymous;log=C:\\Logs\\cdo.log";

std::string narrow(const std::wstring& w) { return std::string(w.begin(), w.end()); } // ASCII messages

HRESULT run(FakeRegistry& registry, bool install_it, const std::wstring& settings, std::wstring& message) {
    return install(registry, install_it, settings, message);
}

// The seam itself: install and uninstall on a registry that lets them, back to the start.
TEST(CdoInstall, InstallThenUninstallLeavesTheRegistryAsBefore) {
    FakeRegistry registry;
    registry.add_cdo();
    const FakeRegistry before = registry;
    std::wstring message;
    ASSERT_EQ(run(registry, true, kResolveSettings, message), S_OK) << narrow(message);
    std::wstring value;
    ASSERT_EQ(registry.read_string(HKEY_LOCAL_MACHINE, kTreatAs, nullptr, value), ERROR_SUCCESS);
    EXPECT_EQ(value, kClsidString);
    const Settings s = read_settings(registry);
    EXPECT_EQ(s.mode, Mode::resolve);
    EXPECT_EQ(s.directory, L"ldap://dc1.contoso.com:389/DC=contoso,DC=com");
    EXPECT_EQ(s.server, L"home");
    EXPECT_TRUE(s.exact);
    EXPECT_EQ(s.bind, L"anonymous");
    EXPECT_EQ(s.log, L"C:\\Logs\\cdo.log");
    EXPECT_FALSE(registry == before);
    ASSERT_EQ(run(registry, false, L"", message), S_OK) << narrow(message);
    EXPECT_TRUE(registry == before);
}

// Another mode removes resolve's settings; resolve's not given are its defaults.
TEST(CdoInstall, InstallingAgainReplacesTheSettingsGiven) {
    FakeRegistry registry;
    registry.add_cdo();
    std::wstring message;
    ASSERT_EQ(run(registry, true, kResolveSettings, message), S_OK);
    ASSERT_EQ(run(registry, true, L";mode=resolve;directory=ldap://dc2/DC=contoso,DC=com", message), S_OK);
    Settings s = read_settings(registry);
    EXPECT_EQ(s.directory, L"ldap://dc2/DC=contoso,DC=com");
    EXPECT_EQ(s.server, L"");
    EXPECT_FALSE(s.exact);
    EXPECT_EQ(s.log, L"C:\\Logs\\cdo.log"); // not given: as it was
    ASSERT_EQ(run(registry, true, L";mode=exact", message), S_OK);
    std::wstring value;
    EXPECT_EQ(registry.read_string(HKEY_LOCAL_MACHINE, kKey, kDirectoryValue, value), ERROR_FILE_NOT_FOUND);
    EXPECT_EQ(read_settings(registry).mode, Mode::exact);
}

TEST(CdoInstall, WithoutTheRightToWriteHklmInstallSaysSoAndWritesNothing) {
    FakeRegistry registry;
    registry.add_cdo();
    const FakeRegistry before = registry;
    registry.refuse_all = true;
    std::wstring message;
    EXPECT_EQ(run(registry, true, kResolveSettings, message), E_ACCESSDENIED);
    EXPECT_NE(message.find(L"this account may not write HKEY_LOCAL_MACHINE"), std::wstring::npos) << narrow(message);
    EXPECT_NE(message.find(L"elevated (administrator) prompt"), std::wstring::npos) << narrow(message);
    EXPECT_TRUE(registry == before);
}

// CDO's class key belongs to another account (TrustedInstaller, say): the record and the
// settings install wrote first are taken away again.
TEST(CdoInstall, ARefusedTreatAsUndoesWhatInstallWrote) {
    FakeRegistry registry;
    registry.add_cdo();
    const FakeRegistry before = registry;
    registry.refuse_under = std::wstring(L"Software\\Classes\\CLSID\\") + kCdoClsid;
    std::wstring message;
    EXPECT_EQ(run(registry, true, kResolveSettings, message), E_ACCESSDENIED);
    EXPECT_EQ(narrow(message), narrow(L"cannot write " + kTreatAs +
                                      L": this account may not write HKEY_LOCAL_MACHINE; run it from an elevated "
                                      L"(administrator) prompt"));
    EXPECT_TRUE(registry == before);
}

// Settings an administrator set by hand before install come back when install fails.
TEST(CdoInstall, AFailedInstallPutsBackSettingsThatWereThere) {
    FakeRegistry registry;
    registry.add_cdo();
    registry.set_string(HKEY_LOCAL_MACHINE, kKey, kModeValue, L"log-only");
    registry.set_string(HKEY_LOCAL_MACHINE, kKey, kLogValue, L"D:\\before.log");
    const FakeRegistry before = registry;
    registry.refuse_under = kTreatAs;
    std::wstring message;
    EXPECT_EQ(run(registry, true, kResolveSettings, message), E_ACCESSDENIED);
    EXPECT_TRUE(registry == before);
}

// Each write of a whole install refused in turn, the others let through: whichever it is,
// the registry ends as before.
TEST(CdoInstall, AnyOneRefusedWriteLeavesNothingHalfWritten) {
    FakeRegistry counting;
    counting.add_cdo();
    std::wstring message;
    ASSERT_EQ(run(counting, true, kResolveSettings, message), S_OK);
    const int writes = counting.writes;
    ASSERT_GT(writes, 5);
    for (int n = 1; n <= writes; ++n) {
        FakeRegistry registry;
        registry.add_cdo();
        const FakeRegistry before = registry;
        registry.refuse_nth = n;
        EXPECT_EQ(run(registry, true, kResolveSettings, message), E_ACCESSDENIED) << "write " << n;
        EXPECT_TRUE(registry == before) << "write " << n << " refused: " << narrow(message);
    }
}

// Installed already, then installed again with other settings where TreatAs is refused:
// the settings stay those of the first install.
TEST(CdoInstall, ARefusedReinstallKeepsTheSettingsThatWereThere) {
    FakeRegistry registry;
    registry.add_cdo();
    std::wstring message;
    ASSERT_EQ(run(registry, true, kResolveSettings, message), S_OK);
    const FakeRegistry installed = registry;
    registry.refuse_under = kTreatAs;
    EXPECT_EQ(run(registry, true, L";mode=exact;log=C:\\other.log", message), E_ACCESSDENIED);
    EXPECT_TRUE(registry == installed);
}

TEST(CdoInstall, WithoutTheRightToWriteHklmUninstallSaysSoAndRemovesNothing) {
    FakeRegistry registry;
    registry.add_cdo();
    std::wstring message;
    ASSERT_EQ(run(registry, true, kResolveSettings, message), S_OK);
    const FakeRegistry installed = registry;
    registry.refuse_all = true;
    EXPECT_EQ(run(registry, false, L"", message), E_ACCESSDENIED);
    EXPECT_EQ(narrow(message), narrow(L"cannot restore " + kTreatAs +
                                      L": this account may not write HKEY_LOCAL_MACHINE; run it from an elevated "
                                      L"(administrator) prompt"));
    EXPECT_TRUE(registry == installed);
}

TEST(CdoInstall, WithoutCdoInstallAndUninstallSaySoAndChangeNothing) {
    FakeRegistry registry;
    std::wstring message;
    for (bool install_it : {true, false}) {
        EXPECT_EQ(run(registry, install_it, L"", message), REGDB_E_CLASSNOTREG);
        EXPECT_EQ(message.rfind(L"MAPI.Session is not registered in the ", 0), 0u) << narrow(message);
        EXPECT_TRUE(registry.keys.empty() && registry.values.empty());
    }
}

// Settings that are not valid: E_INVALIDARG, a message that names the setting, nothing written.
TEST(CdoInstall, SettingsThatAreNotValidAreRefusedBeforeAnythingIsWritten) {
    const std::pair<const wchar_t*, const wchar_t*> cases[] = {
        {L";mode=bogus", L"mode \"bogus\" is none of rewrite, exact, resolve, log-only"},
        {L";mode=resolve", L"mode=resolve needs directory=ldap://host:port/baseDN (or ldaps://), the directory to ask"},
        {L";mode=resolve;directory=dc1.contoso.com",
         L"directory \"dc1.contoso.com\" is not an LDAP URL; give it as ldap://host:port/baseDN (or ldaps://)"},
        {L";mode=resolve;directory=ldap://dc1/DC=x;server=far", L"server \"far\" is none of keep, home, personalized"},
        {L";mode=resolve;directory=ldap://dc1/DC=x;exact=1", L"exact \"1\" is neither yes nor no"},
        {L";mode=resolve;directory=ldap://dc1/DC=x;bind=simple", L"bind \"simple\" is neither negotiate nor anonymous"},
        {L";mode=exact;directory=ldap://dc1/DC=x", L"directory, server, exact and bind are settings of mode=resolve only"},
        {L";server=home", L"directory, server, exact and bind are settings of mode=resolve only"},
        {L";mode=exact;mode=rewrite", L"setting \"mode\" is given twice"},
        {L";log=a;log=b", L"setting \"log\" is given twice"},
        {L";log", L"setting \"log\" has no value; give it as name=value"},
        {L";colour=blue", L"\"colour\" is not a setting; the settings are mode, log, directory, server, exact, bind"},
        {L"x", L"settings follow \"cdo\" as ;name=value each, as in cdo;mode=resolve;directory=ldap://host/DC=..."},
    };
    for (const auto& [settings, expected] : cases) {
        FakeRegistry registry;
        registry.add_cdo();
        const FakeRegistry before = registry;
        std::wstring message;
        EXPECT_EQ(run(registry, true, settings, message), E_INVALIDARG) << narrow(settings);
        EXPECT_EQ(narrow(message), narrow(expected));
        EXPECT_TRUE(registry == before) << narrow(settings);
    }
    FakeRegistry registry;
    registry.add_cdo();
    std::wstring message;
    EXPECT_EQ(run(registry, false, L";mode=exact", message), E_INVALIDARG);
    EXPECT_EQ(narrow(message), "uninstall takes no settings (it removes them all)");
}

// ---- the log's "why", per mode and outcome ------------------------------------------------

// Each mode and outcome has its sentence: what was done, and why, without the C API's words.
TEST(CdoWhy, EachModeAndOutcomeSaysWhatWasDoneAndWhy) {
    const std::pair<std::wstring, const char*> cases[] = {
        {why_rewritten(Mode::rewrite, PSH_E_UNSAFE_CHAR, PSH_FORM_DN),
         "rewrite: the mailbox was an Exchange DN, which CDO 1.21 cannot log on with (KB Q271913); its last "
         "RDN, the alias, was given instead"},
        {why_rewritten(Mode::exact, PSH_E_UNSAFE_CHAR, PSH_FORM_DN),
         "exact: the mailbox was an Exchange DN, which CDO 1.21 cannot log on with (KB Q271913); its last "
         "RDN, the alias, was given as =alias, which matches only that mailbox (KB Q193643)"},
        {why_rewritten(Mode::log_only, PSH_E_UNSAFE_CHAR, PSH_FORM_DN),
         "log-only: not changed, as this mode says; rewrite would change it: the mailbox was an Exchange DN, "
         "which CDO 1.21 cannot log on with (KB Q271913); its last RDN, the alias, was given instead"},
        {why_rewritten(Mode::rewrite, PSH_OK, PSH_FORM_ALIAS),
         "rewrite: the separators and spaces were tidied into the standard form; the server and mailbox are "
         "the same"},
        {why_rewritten(Mode::rewrite, PSH_E_BAD_CHAR, PSH_FORM_ALIAS),
         "rewrite: it holds a control character (a CR, TAB or NUL, say) or broken UTF-16, so CDO 1.21 would "
         "fail to log on; profshim's safe form of it was given"},
        {why_not_rewritten(Mode::rewrite, PSH_E_UNSAFE_CHAR, PSH_FORM_DN),
         "rewrite: passed on as given: the mailbox is an Exchange 2007 or later DN, whose last RDN is not the "
         "alias (profshim.h section 10.2), so profshim has no safe form of it without the directory (mode "
         "resolve asks it)"},
        {why_not_rewritten(Mode::exact, PSH_E_NO_SEPARATOR, PSH_FORM_UNKNOWN),
         "exact: passed on as given: it has no line break (vbLf) between the server and the mailbox, and "
         "profshim has no safe form of it"},
        {why_not_rewritten(Mode::log_only, PSH_E_RESERVED_NAME, PSH_FORM_ALIAS),
         "log-only: passed on as given: a part of it is a Windows device name (CON, NUL, COM1, ...), and "
         "profshim has no safe form of it"},
        {why_resolved(false, L""),
         "resolve: the directory has one entry with this mailbox; its alias was given, with the server as given"},
        {why_resolved(true, L"home"),
         "resolve: the directory has one entry with this mailbox; its alias was given as =alias, which "
         "matches only that mailbox (KB Q193643), with the mailbox's home server from the directory"},
        {why_not_resolved(kResolveNotFound, L"no entry has mailNickname nobody", 0),
         "resolve: passed on as given: no entry in the directory has this mailbox (no entry has mailNickname "
         "nobody)"},
        {why_not_resolved(kResolveAmbiguous, L"", 2),
         "resolve: passed on as given: 2 entries in the directory have this mailbox, and choosing one could "
         "log on to another mailbox"},
        {why_not_resolved(kResolveDirectory, L"Can't contact LDAP server", 0),
         "resolve: passed on as given: the directory could not answer (Can't contact LDAP server)"},
        {why_not_resolved(kResolveArgument, L"bind is \"x\"", 0),
         "resolve: passed on as given: the resolve settings in HKLM\\SOFTWARE\\profshim\\Cdo cannot be used: "
         "bind is \"x\""},
    };
    for (const auto& [got, expected] : cases) EXPECT_EQ(narrow(got), expected);
}

} // namespace
