// The directory reader against a real directory: Debian's slapd, started by
// slapd_fixture.sh (which sets the PSH_* variables this test reads; run without it, every
// test fails rather than skips). Binds, TLS, the test data of every era, and faults.
// The Windows build (wldap32 under Wine, ctest directory.wine.slapd) runs the anonymous
// tests: TLS there verifies with the certificate store, which the test CA is not in.
#include <gtest/gtest.h>

#ifndef _WIN32
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

#include <chrono>
#include <cstdlib>
#include <thread>

#include <profshim.h>

#include "ldap_source.hpp"
#if PROFSHIM_DIRECTORY_HAVE_LDIF
#include "ldif_source.hpp"
#endif
#include "resolver.hpp"
#include "test_mailboxes.hpp"

namespace profshim::directory {
namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) ADD_FAILURE() << name << " is not set: run this test through slapd_fixture.sh";
    return value == nullptr ? "" : value;
}

LdapSettings anonymous() {
    LdapSettings s;
    s.uri = env("PSH_LDAP_URI");
    s.time_limit_seconds = 5;
    return s;
}

#ifndef _WIN32
LdapSettings simple_over_start_tls() {
    LdapSettings s = anonymous();
    s.start_tls = true;
    s.ca_file = env("PSH_CA_FILE");
    s.bind = Bind::simple;
    s.bind_dn = env("PSH_BIND_DN");
    s.password = read_password(env("PSH_PASSWORD_FILE"));
    return s;
}
#endif

using test_mailboxes::expect_every_case;

std::string open_error(const LdapSettings& settings) {
    return test_mailboxes::directory_error_of([&] { open_ldap(settings); });
}

TEST(Slapd, AnonymousBaseFromTheRootDse) {
    auto source = open_ldap(anonymous());  // no base: slapd's one namingContexts value
    expect_every_case(*source);
}

TEST(Slapd, BaseFromTheUrl) {
    LdapSettings s = anonymous();
    s.uri += "/ou=Users,dc=contoso,dc=com";
    expect_every_case(*open_ldap(s));
}

#if PROFSHIM_DIRECTORY_HAVE_LDIF
TEST(Slapd, SameAnswersAsTheLdifFile) {
    auto ldap = open_ldap(anonymous());
    auto ldif = open_ldif(env("PSH_LDIF"));
    for (const auto& c : test_mailboxes::kCases) {
        const Answer a = resolve(*ldap, c.input, Options{c.server, c.exact});
        const Answer b = resolve(*ldif, c.input, Options{c.server, c.exact});
        EXPECT_EQ(a.result, b.result) << c.input;
        EXPECT_EQ(a.output, b.output) << c.input;
        EXPECT_EQ(a.evidence.size(), b.evidence.size()) << c.input;
    }
}

#endif

#ifndef _WIN32
TEST(Slapd, SimpleBindWithAPasswordFileOverStartTls) {
    expect_every_case(*open_ldap(simple_over_start_tls()));
}

TEST(Slapd, Ldaps) {
    LdapSettings s = anonymous();
    s.uri = env("PSH_LDAPS_URI");
    s.ca_file = env("PSH_CA_FILE");
    expect_every_case(*open_ldap(s));
}

TEST(Slapd, UnknownCaIsRefused) {
    LdapSettings s = anonymous();
    s.uri = env("PSH_LDAPS_URI");
    s.ca_file = env("PSH_OTHER_CA_FILE");
    EXPECT_NE(open_error(s).find("cannot connect"), std::string::npos) << open_error(s);
    LdapSettings start_tls = simple_over_start_tls();
    start_tls.ca_file = env("PSH_OTHER_CA_FILE");
    EXPECT_NE(open_error(start_tls).find("StartTLS"), std::string::npos) << open_error(start_tls);
}

TEST(Slapd, WrongPassword) {
    LdapSettings s = simple_over_start_tls();
    s.password = "not-the-password";
    EXPECT_NE(open_error(s).find("Invalid credentials"), std::string::npos) << open_error(s);
}

#endif  // _WIN32

TEST(Slapd, SimpleBindNeedsTls) {
    LdapSettings s = anonymous();
    s.bind = Bind::simple;
    s.bind_dn = env("PSH_BIND_DN");
    s.password = "reader-secret";
    EXPECT_NE(open_error(s).find("needs ldaps:// or StartTLS"), std::string::npos);
}

TEST(Slapd, UnreadablePasswordFile) {
    const std::string dir = ::testing::TempDir();
    for (const std::string& path : {dir + "/no-such-password", dir}) {
        const std::string error = test_mailboxes::directory_error_of([&] { read_password(path); });
        EXPECT_NE(error.find("cannot read the password file"), std::string::npos) << path << ": " << error;
    }
}

TEST(Slapd, FilterMetacharactersAndALongDn) {
    auto source = open_ldap(anonymous());
    const std::string mailboxes[] = {"*", "j*", "x)(mailNickname=*", "*)(|(objectClass=*", "jdoe\\",
                                     std::string("jdoe\0", 5), std::string("\0", 1) + "*"};
    for (const std::string& mailbox : mailboxes) {
        const Answer a = resolve(*source, "EXCH01\n" + mailbox, Options{});
        EXPECT_EQ(a.result, Result::not_found) << a.filter << ": " << a.reason;
    }
    std::string dn = "/o=Contoso/ou=NYC/cn=Recipients/cn=";
    dn += std::string(4096 - dn.size(), 'x');
    const Answer a = resolve(*source, "EXCH01\n" + dn, Options{});
    EXPECT_EQ(a.result, Result::not_found) << a.reason;
}

#ifndef _WIN32
// A loopback socket that accepts connections (the kernel completes them) and never answers.
class SilentServer {
public:
    SilentServer() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        bind(fd_, reinterpret_cast<sockaddr*>(&address), length);
        listen(fd_, 8);
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~SilentServer() { close(fd_); }
    std::string uri(const char* scheme = "ldap") const {
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
    }

private:
    int fd_ = -1;
    int port_ = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Slapd, AServerThatNeverAnswersMeetsTheTimeLimit) {
    SilentServer silent;
    LdapSettings s;
    s.uri = silent.uri();
    s.time_limit_seconds = 2;
    auto start = std::chrono::steady_clock::now();
    EXPECT_NE(open_error(s).find("rootDSE"), std::string::npos);  // no base: the rootDSE read times out
    EXPECT_LT(seconds_since(start), 6.0);

    // A TLS handshake, or a StartTLS request, that is never answered times out too.
    LdapSettings tls = s;
    tls.uri = silent.uri("ldaps");
    tls.ca_file = env("PSH_CA_FILE");
    start = std::chrono::steady_clock::now();
    EXPECT_NE(open_error(tls).find("cannot connect"), std::string::npos) << open_error(tls);
    EXPECT_LT(seconds_since(start), 12.0);
    LdapSettings start_tls = s;
    start_tls.start_tls = true;
    start_tls.ca_file = env("PSH_CA_FILE");
    start = std::chrono::steady_clock::now();
    EXPECT_NE(open_error(start_tls).find("StartTLS"), std::string::npos) << open_error(start_tls);
    EXPECT_LT(seconds_since(start), 12.0);

    s.base = "dc=contoso,dc=com";
    auto source = open_ldap(s);
    start = std::chrono::steady_clock::now();
    const Answer first = resolve(*source, "EXCH01\njdoe", Options{});
    EXPECT_EQ(first.result, Result::error);
    EXPECT_NE(first.reason.find("lost"), std::string::npos) << first.reason;
    const Answer second = resolve(*source, "EXCH01\nasmith", Options{});
    EXPECT_EQ(second.result, Result::error);
    EXPECT_EQ(second.reason, first.reason);
    EXPECT_LT(seconds_since(start), 6.0);
}

// Run alone (ctest directory.slapd.stops_mid_run): it stops the fixture's slapd.
TEST(Slapd, StopsMidRun) {
    auto source = open_ldap(simple_over_start_tls());
    EXPECT_EQ(resolve(*source, "EXCH01\njdoe", Options{}).result, Result::resolved);
    const pid_t slapd = static_cast<pid_t>(std::atol(env("PSH_SLAPD_PID").c_str()));
    ASSERT_GT(slapd, 0);
    ASSERT_EQ(kill(slapd, SIGKILL), 0);
    // Wait until the port refuses connections (slapd is the fixture's child, not ours).
    for (int i = 0; i < 100; ++i) {
        LdapSettings probe = anonymous();
        probe.base = "dc=contoso,dc=com";
        if (open_error(probe) != "no error") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto start = std::chrono::steady_clock::now();
    const char* later[] = {"EXCH01\nasmith", "EXCH01\nbjones", "EXCH01\nnobody", "EXCH01\nghill"};
    for (const char* input : later) {
        const Answer a = resolve(*source, input, Options{});
        EXPECT_EQ(a.result, Result::error) << input;
        EXPECT_NE(a.reason.find("connection to the directory was lost"), std::string::npos) << a.reason;
        EXPECT_FALSE(a.output);
    }
    EXPECT_LT(seconds_since(start), 5.0);
}

#endif  // _WIN32

}  // namespace
}  // namespace profshim::directory
