// Profile names never change (profshim.h section 7): callers name the profiles they keep with
// them. data/profile_names_1_0.txt and data/profile_names_1_1.txt hold the names releases
// 1.0.0 and 1.1.0 gave to the inputs of their samples files and to 400 generated ones each
// (data/make_pinned_names.py says how they were made); this library must give each of them
// the same name, in both widths and both length modes.
#include <sstream>

#include "abi_support.hpp"
#include "../../tools/cli/samples.hpp"  // the one C-escape codec

namespace psh_abi {
namespace {

// data/profile_names_1_0.txt and _1_1.txt, compiled in by tests/abi/CMakeLists.txt.
constexpr const char* kPinnedNames1_0 =
#include "profile_names_1_0.inc"
    ;
constexpr const char* kPinnedNames1_1 =
#include "profile_names_1_1.inc"
    ;

struct Pinned {
    std::string name;
    std::string info;
};

std::vector<Pinned> read_pinned(const char* pinned) {
    std::vector<Pinned> rows;
    std::istringstream file(pinned);
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        Pinned row{line.substr(0, tab), ""};
        profshim_cli::EscapeError error;
        EXPECT_TRUE(profshim_cli::decode_c_escapes(line.substr(tab + 1), row.info, error)) << line;
        rows.push_back(row);
    }
    return rows;
}

template <class U>
class PinnedNames : public ::testing::Test {
protected:
    void SetUp() override { PSH_REQUIRE_API(); }
};
TYPED_TEST_SUITE(PinnedNames, Widths, WidthNames);

template <class U>
void expect_pinned(const std::vector<Pinned>& rows) {
    for (const Pinned& row : rows) {
        SCOPED_TRACE(show(row.info));
        for (LenMode mode : kBothModes) {
            const OutResult<U> r = call_profile_name<U>(units<U>(row.info), mode);
            EXPECT_STATUS(r.status, PSH_OK) << mode_name(mode);
            EXPECT_EQ(show(r.text), show(row.name)) << mode_name(mode);
        }
    }
}

TYPED_TEST(PinnedNames, Section7_NamesOfRelease1_0_Unchanged) {
    const std::vector<Pinned> rows = read_pinned(kPinnedNames1_0);
    ASSERT_GE(rows.size(), 380u) << "the pinned names were not compiled in whole";
    expect_pinned<TypeParam>(rows);
}

// Section 11.5: for ASCII text the key's bytes are those of 1.0 and 1.1, so no name that
// 1.1.0 gave changes in 1.2.
TYPED_TEST(PinnedNames, Section11_5_NamesOfRelease1_1_Unchanged) {
    const std::vector<Pinned> rows = read_pinned(kPinnedNames1_1);
    ASSERT_GE(rows.size(), 360u) << "the pinned names were not compiled in whole";
    expect_pinned<TypeParam>(rows);
}

}  // namespace
}  // namespace psh_abi
