// profshim.h section 1: the library is loaded by path, every name of exports.def resolves, and
// psh_version() is the header's PSH_VERSION_NUMBER.
#include <algorithm>

#include "abi_support.hpp"

namespace psh_abi {
namespace {

TEST(Exports, GeneratedListIsNotEmpty) {
    // The list comes from ${PROFSHIM_EXPORTS_FILE}; an empty one would make every check below vacuous.
    EXPECT_FALSE(listed_exports().empty());
}

TEST(Exports, EveryNameOfExportsDefResolves) {
    ASSERT_TRUE(library().is_open());
    std::vector<std::string> missing;
    for (const auto& name : listed_exports())
        if (library().symbol(name.c_str()) == nullptr) missing.push_back(name);
    std::string list;
    for (const auto& m : missing) list += " " + m;
    EXPECT_TRUE(missing.empty()) << "exports.def lists names that " << library().path()
                                 << " does not export:" << list;
}

TEST(Exports, EveryFunctionOfTheHeaderIsListedInExportsDef) {
    // Section 2 names nine functions; each must be in the one list of exports.
    for (const auto& name : bound_names()) {
        const auto& listed = listed_exports();
        EXPECT_NE(std::find(listed.begin(), listed.end(), name), listed.end())
            << name << " is declared in profshim.h but not listed in exports.def";
    }
}

TEST(Exports, UnlistedNamesDoNotResolve) {
    // Internal names stay hidden; a sample of names a careless build would leak.
    ASSERT_TRUE(library().is_open());
    for (const char* name : {"_psh_check@12", "psh_check@12", "main", "psh_internal", "DllMain"})
        EXPECT_EQ(library().symbol(name), nullptr) << name;
}

TEST(Version, MatchesTheHeader) {
    PSH_REQUIRE_API();
    // Section 1: psh_version() returns PSH_VERSION_NUMBER of the built library; 1.0.0 is 10000.
    EXPECT_EQ(api().version(), PSH_VERSION_NUMBER);
    EXPECT_EQ(PSH_VERSION_NUMBER,
              PSH_VERSION_MAJOR * 10000 + PSH_VERSION_MINOR * 100 + PSH_VERSION_PATCH);
    const std::string s = std::to_string(PSH_VERSION_MAJOR) + "." + std::to_string(PSH_VERSION_MINOR) +
                          "." + std::to_string(PSH_VERSION_PATCH);
    EXPECT_EQ(s, PSH_VERSION_STRING);
}

TEST(Header, ConstantsHaveTheContractValues) {
    // Section 3: the names and values are fixed.
    EXPECT_EQ(PSH_OK, 0);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_POINTER), 0x80004003u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_INVALIDARG), 0x80070057u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_UNEXPECTED), 0x8000FFFFu);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_INSUFFICIENT_BUFFER), 0x8007007Au);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_TOO_LONG), 0x80040105u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_UNKNOWN_FLAGS), 0x80040106u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_BAD_CHAR), 0x80040201u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_NO_SEPARATOR), 0x80040202u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_SYNTAX), 0x80040203u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_EMPTY_SERVER), 0x80040204u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_BAD_SERVER), 0x80040205u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_EMPTY_MAILBOX), 0x80040206u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_BAD_MAILBOX), 0x80040207u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_BAD_DN), 0x80040208u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_UNSAFE_CHAR), 0x80040209u);
    EXPECT_EQ(static_cast<uint32_t>(PSH_E_RESERVED_NAME), 0x8004020Au);
    EXPECT_EQ(PSH_MAX_INPUT, 4096);
    EXPECT_EQ(PSH_REPORT_V1_SIZE, 36);
    EXPECT_EQ(sizeof(psh_report), 36u);
    EXPECT_EQ(sizeof(psh_wchar), 2u);
    EXPECT_EQ(PSH_FORM_UNKNOWN, 0);
    EXPECT_EQ(PSH_FORM_ALIAS, 1);
    EXPECT_EQ(PSH_FORM_DN, 2);
    EXPECT_EQ(PSH_FORM_ANONYMOUS, 3);
    EXPECT_EQ(PSH_REWRITE_KEEP_DN, 0x1u);
    EXPECT_EQ(PSH_PROFILE_NAME_MAX, 64);
    for (const auto& s : contract_statuses()) EXPECT_LE(s.value, 0) << s.name;  // HRESULT-shaped
}

}  // namespace
}  // namespace psh_abi
