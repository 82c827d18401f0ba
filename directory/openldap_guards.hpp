// Two guards around libldap calls (openldap_source.cpp), for faults of the server that
// libldap alone would turn into a dead process or a run that never ends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <mutex>
#include <thread>

#include <ldap.h>
#include <pthread.h>
#include <sys/socket.h>

namespace profshim::directory {

// libldap writes to its socket without MSG_NOSIGNAL: to a server that has gone, the write
// raises SIGPIPE, which would end the caller's process. While a call runs, SIGPIPE is
// blocked in this thread, and one it raised is taken off the thread's pending set before
// the mask is restored; the process's own handling of SIGPIPE is left as it was.
class NoSigpipe {
public:
    NoSigpipe() {
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
    }
    ~NoSigpipe() {
        sigset_t pending;
        sigpending(&pending);
        if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
            const timespec now{0, 0};
            sigtimedwait(&pipe_, nullptr, &now);
        }
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    NoSigpipe(const NoSigpipe&) = delete;
    NoSigpipe& operator=(const NoSigpipe&) = delete;

private:
    sigset_t pipe_{}, old_{};
    bool was_pending_ = false;
};

// A TLS handshake reads with no time limit (LDAP_OPT_NETWORK_TIMEOUT covers the TCP connect,
// LDAP_OPT_TIMEOUT the LDAP operations): an ldaps:// or StartTLS server that never answers
// would hold the run for ever. While the connection is being set up (connect, StartTLS,
// bind, the rootDSE), a watchdog thread waits for the time limit and then shuts the socket
// down, which ends a blocked read. libldap hands the socket over through its connect
// callback (LDAP_OPT_CONNECT_CB), called once the TCP connection is made.
class Watchdog {
public:
    Watchdog() { callback_ = ldap_conncb{on_connect, on_disconnect, this}; }
    ldap_conncb* callback() { return &callback_; }

    // Guards the calls until the destructor of the returned object, at most `seconds`.
    class Armed {
    public:
        Armed(Watchdog& dog, int seconds) : dog_(dog), thread_([this, seconds] { wait(seconds); }) {}
        ~Armed() {
            {
                std::lock_guard<std::mutex> lock(dog_.mutex_);
                done_ = true;
            }
            done_changed_.notify_all();
            thread_.join();
        }
        Armed(const Armed&) = delete;
        Armed& operator=(const Armed&) = delete;

    private:
        void wait(int seconds) {
            std::unique_lock<std::mutex> lock(dog_.mutex_);
            if (!done_changed_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; }) &&
                dog_.socket_ >= 0)
                shutdown(dog_.socket_, SHUT_RDWR);
        }
        Watchdog& dog_;
        bool done_ = false;
        std::condition_variable done_changed_;
        std::thread thread_;
    };

private:
    static int on_connect(LDAP*, Sockbuf* sb, LDAPURLDesc*, sockaddr*, ldap_conncb* cb) {
        auto* dog = static_cast<Watchdog*>(cb->lc_arg);
        ber_socket_t fd = -1;
        if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1) {
            std::lock_guard<std::mutex> lock(dog->mutex_);
            dog->socket_ = fd;
        }
        return 0;
    }
    static void on_disconnect(LDAP*, Sockbuf*, ldap_conncb* cb) {
        auto* dog = static_cast<Watchdog*>(cb->lc_arg);
        std::lock_guard<std::mutex> lock(dog->mutex_);
        dog->socket_ = -1;
    }

    ldap_conncb callback_{};
    std::mutex mutex_;
    int socket_ = -1;
};

}  // namespace profshim::directory
