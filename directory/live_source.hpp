// What both live sources (openldap_source.cpp, wldap32_source.cpp) share: the base DN, the
// time limit, and the rule for a lost connection. One connection serves the whole run;
// once it is lost, every later lookup fails at once with the same error, rather than
// reconnecting (unbound, under another identity) or waiting again.
#pragma once

#include <optional>
#include <string>

#include "source.hpp"

namespace profshim::directory {

class LiveSource : public Source {
public:
    std::vector<Entry> find(const Lookup& lookup) final;

protected:
    LiveSource(std::string base, int seconds) : base_(std::move(base)), seconds_(seconds) {}

    struct Failure {
        std::string text;       // the LDAP library's words for it
        bool connection_lost;   // the server is gone or did not answer in time
    };
    // One subtree search under base() for `filter`, at most kMaxEntriesPerLookup entries
    // with the kEntryAttributes; on failure, sets `failure`.
    virtual std::vector<Entry> search(const std::string& filter, std::optional<Failure>& failure) = 0;

    const std::string& base() const { return base_; }
    int seconds() const { return seconds_; }

private:
    std::string base_;
    int seconds_;
    std::string lost_;  // set once the connection is gone
};

}  // namespace profshim::directory
