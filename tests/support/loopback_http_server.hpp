// An httplib server for tests (a receiver of webhook deliveries, a stand-in peer) on an ephemeral
// loopback port: serving once start() returns, stopped by the destructor. httplib 0.11's stop()
// does nothing until the listen loop has started (yhirose/cpp-httplib#1645), so a server stopped
// right after its thread was started could miss the stop and be joined forever (a test that hung
// for 600 s under load did). start() therefore waits for the loop: httplib creates its task queue
// once it accepts, which is the signal.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

namespace closeio::test {

class LoopbackHttpServer {
 public:
  /// Serves with `server` (an httplib::Server or SSLServer); register its routes through http()
  /// before start().
  explicit LoopbackHttpServer(
      std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
      : server_(std::move(server)) {
    server_->new_task_queue = [this]() -> httplib::TaskQueue* {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        accepting_ = true;
      }
      changed_.notify_all();
      return new httplib::ThreadPool(CPPHTTPLIB_THREAD_POOL_COUNT);
    };
  }
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;
  ~LoopbackHttpServer() {
    if (!thread_.joinable()) return;
    server_->stop();  // The loop is running (start() waited for it): this ends it.
    thread_.join();
  }

  /// The server, to register routes on before start().
  httplib::Server& http() { return *server_; }

  /// Binds 127.0.0.1 on a free port and returns it once the server accepts. Throws
  /// std::runtime_error when it cannot bind or the loop ends before accepting.
  int start() {
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ < 0) throw std::runtime_error("LoopbackHttpServer: cannot bind 127.0.0.1");
    thread_ = std::thread([this] {
      server_->listen_after_bind();
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ended_ = true;
      }
      changed_.notify_all();
    });
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return accepting_ || ended_; });
    if (!accepting_) throw std::runtime_error("LoopbackHttpServer: the loop ended at once");
    return port_;
  }

  /// The port start() bound; 0 before.
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool accepting_ = false;
  bool ended_ = false;
};

}  // namespace closeio::test
