#include "corpus.hpp"

#include <cstdio>
#include <stdexcept>

namespace bench {
namespace {

const char* const kKbDn = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";

// 16 levels (o, ou, 14 cn) of 16 units each: 256 RDN units, the grammar's limits.
std::string make_max_dn() {
    std::string dn = "/o=Contoso Holdings/ou=Europe-West (FR)/cn=Configuration 01/cn=Recipients & Grp";
    for (int i = 3; i <= 13; ++i) {
        char rdn[32];
        std::snprintf(rdn, sizeof rdn, "/cn=Department No.%02d", i);
        dn += rdn;
    }
    dn += "/cn=jdoe.smith.admin";
    return dn;
}

// `count` units cycling through `pattern`.
std::string filler(std::size_t count, const std::string& pattern) {
    std::string text;
    text.reserve(count);
    for (std::size_t i = 0; i < count; ++i) text += pattern[i % pattern.size()];
    return text;
}

std::vector<Sample> make_realistic() {
    return {
        {"alias", "EXCH01\nj.doe"},
        {"kb_dn", kKbDn},
        {"max_dn", "EXCH01\n" + make_max_dn()},
        {"crlf_dirty", "  EXCH01 \r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe \r\n"},
    };
}

std::vector<Sample> make_corpus() {
    std::vector<Sample> corpus = {
        // authenticated form, alias: fine as it is
        {"alias_plain", "EXCH01\njdoe"},
        {"alias_dns_server", "mail.contoso.com\njdoe"},
        {"alias_underscore_server", "EXCH_01\nSmith, John"},
        {"alias_minimal", "a\nb"},
        {"alias_64", "EXCH01\n" + filler(64, "jdoe.smith-")},
        {"alias_tilde_hash", "EXCH01\nj~doe#1"},
        // anonymous form
        {"anon", "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nanon"},
        {"anon_upper", "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nANON"},
        {"anon_bad_dn", "/o=Contoso/cn=EXCH01\n\nanon"},
        {"anon_empty_server", "\n\nanon"},
        {"anon_crlf", "/o=C/ou=N/cn=Servers/cn=E\r\n\r\nAnon"},
        {"anon_not_anon", "/o=C/ou=N/cn=E\n\nanonymous"},
        // DN mailboxes: the KB Q271913 case, and DNs that break the grammar
        {"dn_upper_types", "EXCH01\n/O=Contoso/OU=NYC/CN=Recipients/CN=jdoe"},
        {"dn_comma", "EXCH01\n/o=Contoso Ltd/ou=NYC/cn=Recipients/cn=Smith, John"},
        {"dn_equals", "EXCH01\n/o=Contoso/ou=a=b/cn=Recipients/cn=jdoe"},
        {"dn_backslash", "EXCH01\n/o=Contoso\\EU/ou=NYC/cn=jdoe"},
        {"dn_unsafe_last_rdn", "EXCH01\n/o=Contoso/ou=NYC/cn=a:b?"},
        {"dn_reserved_last_rdn", "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=nul"},
        {"dn_dot_last_rdn", "EXCH01\n/o=Contoso/ou=NYC/cn=jdoe."},
        {"dn_specials", "EXCH01\n/o=C<D>/ou=N+M/cn=[y]|@!%&()*-_.x"},
        {"dn_15_cn", "EXCH01\n/o=C/ou=N/cn=1/cn=2/cn=3/cn=4/cn=5/cn=6/cn=7/cn=8/cn=9/cn=10/cn=11/cn=12/cn=13/cn=14/cn=15"},
        {"dn_rdn_65", "EXCH01\n/o=Contoso/ou=NYC/cn=" + filler(65, "abc")},
        {"dn_rdn_64", "EXCH01\n/o=Contoso/ou=NYC/cn=" + filler(64, "abc")},
        {"dn_257_units", "EXCH01\n/o=" + filler(64, "o") + "/ou=" + filler(64, "u") + "/cn=" +
                             filler(64, "c") + "/cn=" + filler(64, "d") + "/cn=e"},
        {"dn_hash", "EXCH01\n/o=Contoso#1/ou=NYC/cn=jdoe"},
        {"dn_semicolon", "EXCH01\n/o=Contoso/ou=NYC;1/cn=jdoe"},
        {"dn_empty_rdn", "EXCH01\n/o=/ou=NYC/cn=jdoe"},
        {"dn_no_ou", "EXCH01\n/o=Contoso/cn=jdoe"},
        {"dn_no_cn", "EXCH01\n/o=Contoso/ou=NYC"},
        {"dn_space_first", "EXCH01\n/o=Contoso/ou=NYC/cn= jdoe"},
        {"dn_space_last", "EXCH01\n/o=Contoso /ou=NYC/cn=jdoe"},
        {"dn_trailing_slash", "EXCH01\n/o=Contoso/ou=NYC/cn=jdoe/"},
        {"dn_other_type", "EXCH01\n/x=Contoso/ou=NYC/cn=jdoe"},
        {"dn_truncated", "EXCH01\n/o=Contoso/ou=NYC/c"},
        // characters and separators
        {"empty", ""},
        {"tab", "EXCH01\tjdoe"},
        {"crlf", "EXCH01\r\njdoe"},
        {"non_ascii", "EXCH01\nj\xC3\xA9r\xC3\xB4me"},
        {"nul_byte", std::string("EXCH01\n\0jdoe", 12)},
        {"no_separator", "EXCH01 jdoe"},
        {"three_lines", "EXCH01\njdoe\nx"},
        {"double_lf_not_anon", "EXCH01\n\njdoe"},
        {"cr_then_crlf", "EXCH01\r\r\njdoe"},
        {"tab_inside", "EXCH01\nj\tdoe"},
        {"blank_lines", "\r\n  \r\nEXCH01\r\n\tjdoe\t\r\n\r\n"},
        {"trailing_newline", "EXCH01\n"},
        // server
        {"empty_server", "\njdoe"},
        {"server_space", "EX CH\njdoe"},
        {"server_hyphen_first", "-exch\njdoe"},
        {"server_hyphen_label_end", "exch-.contoso\njdoe"},
        {"server_dot_last", "exch.\njdoe"},
        {"server_double_dot", "a..b\njdoe"},
        {"server_label_64", filler(64, "x") + ".com\njdoe"},
        {"server_254", filler(63, "a") + "." + filler(63, "b") + "." + filler(63, "c") + "." +
                           filler(63, "d") + "\njdoe"},
        {"server_reserved", "nul\njdoe"},
        {"server_reserved_stem", "COM1.contoso.com\njdoe"},
        // alias
        {"empty_mailbox", "EXCH01\n"},
        {"alias_space_first", "EXCH01\n jdoe"},
        {"alias_space_last", "EXCH01\njdoe "},
        {"alias_colon", "EXCH01\nj:doe"},
        {"alias_pipe", "EXCH01\nj|doe"},
        {"alias_dot_last", "EXCH01\njdoe."},
        {"alias_65", "EXCH01\n" + filler(65, "jdoe.smith-")},
        {"alias_reserved", "EXCH01\nnul.txt"},
        {"alias_reserved_clock", "EXCH01\nclock$"},
        {"alias_reserved_com0", "EXCH01\nCOM0"},
        {"alias_reserved_conin", "EXCH01\nconin$"},
        {"alias_reserved_com1", "EXCH01\nCOM1"},
        {"alias_reserved_lpt1_ext", "EXCH01\nlpt1.log"},
        {"alias_reserved_two_ext", "EXCH01\ncon.x.y"},
        {"alias_reserved_mixed_case", "EXCH01\nNul"},
        {"alias_not_reserved", "EXCH01\nconsole"},
        {"alias_dot_first", "EXCH01\n.hidden"},
        {"alias_inner_space", "EXCH01\nj doe"},
        {"alias_star", "EXCH01\nj*doe"},
        {"alias_angles", "EXCH01\nj<d>"},
        {"alias_quote", "EXCH01\nj\"d"},
        {"alias_backslash", "EXCH01\nj\\d"},
        {"too_long", "EXCH01\n" + filler(4097 - 7, "jdoe.smith-")},
    };
    for (const Sample& sample : realistic_inputs()) corpus.push_back(sample);
    for (std::size_t size : sweep_sizes()) corpus.push_back({"tail_" + std::to_string(size), tail_input(size)});
    for (std::size_t size : dn_sizes()) corpus.push_back({"dn_" + std::to_string(size), dn_input(size)});
    for (const Sample& sample : unicode_inputs()) corpus.push_back(sample);
    return corpus;
}

}  // namespace

const std::vector<Sample>& realistic_inputs() {
    static const std::vector<Sample> inputs = make_realistic();
    return inputs;
}

const Sample& realistic_input(const std::string& name) {
    for (const Sample& sample : realistic_inputs()) {
        if (sample.name == name) return sample;
    }
    throw std::logic_error("no realistic input " + name);
}

const std::vector<std::size_t>& sweep_sizes() {
    static const std::vector<std::size_t> sizes = {16, 64, 256, 1024, 4096};
    return sizes;
}

const std::vector<std::size_t>& dn_sizes() {
    static const std::vector<std::size_t> sizes = {16, 64, 256};
    return sizes;
}

std::string tail_input(std::size_t size) {
    if (size < 9) throw std::logic_error("tail_input: too small");
    return "EXCH01\n" + filler(size - 8, "jdoe.smith-") + "?";
}

std::string dn_input(std::size_t size) {
    const std::string server = size >= 64 ? "EXCH01\n" : "E\n";
    const std::size_t dn_size = size - server.size();
    // o, ou and `common_names` cn: the prefixes take 3 + 4 + 4 * common_names units.
    const std::size_t common_names = dn_size >= 63 + 16 ? 14 : 1;
    const std::size_t rdns = common_names + 2;
    const std::size_t prefixes = 7 + 4 * common_names;
    if (dn_size < prefixes + rdns) throw std::logic_error("dn_input: too small");
    const std::size_t rdn_units = dn_size - prefixes;
    if (rdn_units > 256 || rdn_units > 64 * rdns) throw std::logic_error("dn_input: too large");
    const std::string pattern = "contoso.recipients-";
    std::string dn;
    std::size_t used = 0;
    for (std::size_t i = 0; i < rdns; ++i) {
        dn += i == 0 ? "/o=" : i == 1 ? "/ou=" : "/cn=";
        const std::size_t units = rdn_units / rdns + (i < rdn_units % rdns ? 1 : 0);
        std::string rdn = filler(units, pattern.substr(used % pattern.size()) + pattern);
        if (rdn.back() == '.' || rdn.back() == '-') rdn.back() = 'x';
        dn += rdn;
        used += units;
    }
    return server + dn;
}

const std::vector<Sample>& unicode_inputs() {
    static const std::vector<Sample> inputs = {
        {"display_name_de", "EXCH01\nJ\xC3\xBCrgen M\xC3\xBCller"},
        {"display_name_zh", "mail.contoso.com\n\xE5\xBC\xA0\xE4\xBC\x9F"},
        {"alias_cjk_64", "EXCH01\n" + filler(64 * 3, "\xE5\xBC\xA0")},
    };
    return inputs;
}

std::vector<uint16_t> utf16_of(const std::string& text) {
    std::vector<uint16_t> units;
    units.reserve(text.size() + 1);   // never a NULL data(), even for ""
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
        uint32_t c = byte(0);
        const std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
        bool ok = n != 0 && i + n <= text.size();
        if (ok && n > 1) {
            c &= 0x7Fu >> n;
            for (std::size_t k = 1; k < n && ok; ++k) {
                ok = (byte(k) & 0xC0) == 0x80;
                c = (c << 6) | (byte(k) & 0x3F);
            }
            ok = ok && !(n == 3 && c < 0x800) && !(n == 4 && (c < 0x10000 || c > 0x10FFFF)) && !(c >= 0xD800 && c <= 0xDFFF);
        }
        if (!ok) {   // not UTF-8: one unit a byte, as 1.1's bench passed every input
            units.clear();
            for (const unsigned char b : text) units.push_back(b);
            return units;
        }
        if (c >= 0x10000) {
            units.push_back(static_cast<uint16_t>(0xD800 + ((c - 0x10000) >> 10)));
            units.push_back(static_cast<uint16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
        } else {
            units.push_back(static_cast<uint16_t>(c));
        }
        i += n;
    }
    return units;
}

std::string utf8_of(const uint16_t* units, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        uint32_t c = units[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count) c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00u);
        const auto put = [&](uint32_t b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
        if (c < 0x80) { put(c); }
        else if (c < 0x800) { put(0xC0 | (c >> 6)); put(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) { put(0xE0 | (c >> 12)); put(0x80 | ((c >> 6) & 0x3F)); put(0x80 | (c & 0x3F)); }
        else { put(0xF0 | (c >> 18)); put(0x80 | ((c >> 12) & 0x3F)); put(0x80 | ((c >> 6) & 0x3F)); put(0x80 | (c & 0x3F)); }
    }
    return out;
}

bool is_ascii(const std::string& text) {
    for (const unsigned char c : text) {
        if (c >= 0x80) return false;
    }
    return true;
}

const std::vector<Sample>& sample_corpus() {
    static const std::vector<Sample> corpus = make_corpus();
    return corpus;
}

std::string escaped(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (c < 0x20 || c > 0x7E) {
                    char hex[8];
                    std::snprintf(hex, sizeof hex, "\\x%02X", c);
                    out += hex;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    if (out.size() > 120) out = out.substr(0, 100) + "...(" + std::to_string(text.size()) + " bytes)";
    return out + "\"";
}

}  // namespace bench
