// The local Close emulator (closeio-fake-server) as a child process, so that a benchmark's CPU
// time and heap are the client's alone.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace closeio::bench {

/// Path of the closeio-fake-server built with the benchmarks; the environment variable
/// CLOSEIO_FAKE_SERVER overrides it.
std::string fake_server_program();

/// A running closeio-fake-server. The constructor returns once the emulator serves: it reads the
/// line "closeio-fake-server listening on <base_url>" from the child's stdout (no sleeping). The
/// destructor stops it with SIGTERM (SIGKILL after 10 s) and reaps it. The child also gets
/// SIGKILL if the thread that started it dies (PR_SET_PDEATHSIG), so a crashed or interrupted
/// benchmark leaves no emulator behind: start it from the main thread (a benchmark's Setup()
/// callback, or its thread 0, which is the main thread in Google Benchmark).
class EmulatorProcess {
 public:
  /// Starts `fake_server_program() --port 0 --rate-limit 1000000/1 <args...>` (a reported rate
  /// limit no benchmark reaches, so the client never paces itself; left out when `args` has its
  /// own --rate-limit). Throws std::runtime_error, with the
  /// child's stderr, when it exits or stays silent for `startup_timeout` instead.
  explicit EmulatorProcess(const std::vector<std::string>& args,
                           std::chrono::seconds startup_timeout = std::chrono::seconds(60));
  ~EmulatorProcess();
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  /// "http://127.0.0.1:<port>/api/v1/" as the emulator printed it.
  const std::string& base_url() const { return base_url_; }
  /// The child's process id.
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  std::string base_url_;
};

}  // namespace closeio::bench
