#include "ldif_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>

#include <cstdio>

#include <lber.h>
#include <ldif.h>

namespace profshim::directory {

namespace {

// What a key indexes: the attribute (and proxy prefix) a lookup compares.
enum class KeyKind : unsigned char { legacy_dn, x500, smtp, nickname, account };

// A key views the entry's own value (no copy): entries are not moved once indexed.
struct Key {
    KeyKind kind;
    std::string_view text;
    bool operator==(const Key& other) const {
        return kind == other.kind && equal_ignoring_case(text, other.text);
    }
};

// FNV-1a over the ASCII-lower-cased text: equal keys (ignoring case) hash the same.
struct KeyHash {
    std::size_t operator()(const Key& key) const {
        std::uint64_t h = 14695981039346656037ull ^ static_cast<unsigned char>(key.kind);
        for (char c : key.text) {
            const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            h = (h ^ static_cast<unsigned char>(lower)) * 1099511628211ull;
        }
        return static_cast<std::size_t>(h);
    }
};

// "prefix:rest" with the prefix compared without regard to case -> rest.
std::optional<std::string_view> after_prefix(std::string_view value, std::string_view prefix) {
    if (value.size() < prefix.size() || !equal_ignoring_case(value.substr(0, prefix.size()), prefix))
        return std::nullopt;
    return value.substr(prefix.size());
}

class LdifSource final : public Source {
public:
    explicit LdifSource(std::vector<Entry> entries) : entries_(std::move(entries)) {
        index_.reserve(entries_.size() * 4);
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            const Entry& e = entries_[i];
            const auto at = static_cast<std::uint32_t>(i);
            for (const auto& v : e.legacy_exchange_dn) index_.emplace(Key{KeyKind::legacy_dn, v}, at);
            for (const auto& v : e.mail_nickname) index_.emplace(Key{KeyKind::nickname, v}, at);
            for (const auto& v : e.sam_account_name) index_.emplace(Key{KeyKind::account, v}, at);
            for (const auto& v : e.proxy_addresses) {
                if (auto rest = after_prefix(v, "X500:")) index_.emplace(Key{KeyKind::x500, *rest}, at);
                if (auto rest = after_prefix(v, "smtp:")) index_.emplace(Key{KeyKind::smtp, *rest}, at);
            }
        }
    }

    std::vector<Entry> find(const Lookup& lookup) override {
        std::vector<std::uint32_t> hits;
        const auto collect = [&](KeyKind kind) {
            auto [first, last] = index_.equal_range(Key{kind, lookup.value});
            for (auto it = first; it != last; ++it)
                if (std::find(hits.begin(), hits.end(), it->second) == hits.end()) hits.push_back(it->second);
        };
        switch (lookup.kind) {
        case LookupKind::dn: collect(KeyKind::legacy_dn); collect(KeyKind::x500); break;
        case LookupKind::smtp: collect(KeyKind::smtp); break;
        case LookupKind::alias: collect(KeyKind::nickname); collect(KeyKind::account); break;
        }
        std::sort(hits.begin(), hits.end());  // file order, as a reader of the file expects
        if (hits.size() > static_cast<std::size_t>(kMaxEntriesPerLookup)) hits.resize(kMaxEntriesPerLookup);
        std::vector<Entry> found;
        for (std::uint32_t i : hits) found.push_back(entries_[i]);
        return found;
    }

private:
    std::vector<Entry> entries_;
    std::unordered_multimap<Key, std::uint32_t, KeyHash> index_;
};

// The physical lines in [from, to) of a record ldif_getline has split: each line ended by
// a '\0' and each fold turned into two CONTINUED_LINE_MARKERs ('\r').
unsigned long lines_in(const char* from, const char* to) {
    unsigned long nuls = 0, markers = 0;
    for (const char* p = from; p < to; ++p) {
        if (*p == '\0') ++nuls;
        else if (*p == '\r') ++markers;
    }
    return nuls + markers / 2;
}

unsigned long lines_of(const char* text) {
    unsigned long n = 0;
    for (const char* p = text; *p != '\0'; ++p) n += (*p == '\n');
    return n;
}

class LdifReader {
public:
    explicit LdifReader(const std::string& path) : path_(path) {}

    std::vector<Entry> read() {
        errno = 0;
        LDIFFP* file = ldif_open(path_.c_str(), "r");
        if (file == nullptr) throw DirectoryError("cannot read '" + path_ + "': " + std::strerror(errno));
        std::vector<Entry> entries;
        char* buffer = nullptr;
        int capacity = 0;
        unsigned long line = 0;
        try {
            int rc = 0;
            while ((rc = ldif_read_record(file, &line, &buffer, &capacity)) > 0) {
                // ldif_read_record counts the blank line that ends a record, not a file's end.
                const unsigned long last = std::feof(file->fp) ? line : line - 1;
                parse_record(buffer, last + 1 - lines_of(buffer), entries);
            }
            if (rc < 0) fail(line, "an include: line that cannot be read");
            if (std::ferror(file->fp)) fail(line, std::strerror(errno));
        } catch (...) {
            ber_memfree(buffer);
            ldif_close(file);
            throw;
        }
        ber_memfree(buffer);
        ldif_close(file);
        return entries;
    }

private:
    [[noreturn]] void fail(unsigned long line, const std::string& what) const {
        throw DirectoryError(path_ + ":" + std::to_string(line) + ": " + what);
    }

    // One record, its first physical line numbered `first`.
    void parse_record(char* buffer, unsigned long first, std::vector<Entry>& entries) {
        Entry entry;
        bool have_dn = false;
        unsigned long before = 0;  // physical lines before `next`
        char* next = buffer;
        for (;;) {
            char* const start = next;
            char* text = ldif_getline(&next);
            if (text == nullptr) break;
            const unsigned long at = first + before + lines_in(start, text);
            before += lines_in(start, next == nullptr ? text + std::strlen(text) : next);
            const char* colon = std::strchr(text, ':');
            if (colon == nullptr) fail(at, "not 'attribute: value' (RFC 2849)");
            if (colon[1] == '<') fail(at, "a value given by URL (\":<\"), which is not read");
            berval type{0, nullptr}, value{0, nullptr};
            int free_value = 0;
            if (ldif_parse_line2(text, &type, &value, &free_value) != 0)
                fail(at, colon[1] == ':' ? "a base64 value (\"::\") that does not decode"
                                         : "not 'attribute: value' (RFC 2849)");
            const std::string_view name(type.bv_val, type.bv_len);
            std::string content(value.bv_val == nullptr ? "" : value.bv_val, value.bv_len);
            if (!have_dn) {
                if (entries.empty() && equal_ignoring_case(name, "version")) continue;  // RFC 2849 header
                if (!equal_ignoring_case(name, "dn")) fail(at, "a record that does not start with dn:");
                entry.dn = std::move(content);
                have_dn = true;
                continue;
            }
            if (equal_ignoring_case(name, "changetype"))
                fail(at, "a change record (changetype:); an export holds entries only");
            const std::string_view bare = name.substr(0, name.find(';'));  // drop ";binary" etc.
            if (auto* values = values_of(entry, bare)) values->push_back(std::move(content));
        }
        if (have_dn) entries.push_back(std::move(entry));
    }

    std::string path_;
};

}  // namespace

std::unique_ptr<Source> open_ldif(const std::string& path) {
    return std::make_unique<LdifSource>(LdifReader(path).read());
}

}  // namespace profshim::directory
