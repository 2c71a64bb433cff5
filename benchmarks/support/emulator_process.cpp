#include "support/emulator_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace closeio::bench {
namespace {

constexpr std::string_view kReadyPrefix = "closeio-fake-server listening on ";

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("EmulatorProcess: " + what + ": " + std::strerror(errno));
}

// Everything left to read on `fd` (the child has exited or been killed, so this ends).
std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return text;
    }
  }
}

// Waits up to `timeout` for `pid` to exit, without sleeping in a loop: a pidfd becomes readable
// when the process exits. Returns false on timeout; true when it exited (or pidfds are missing,
// in which case the caller's blocking waitpid() does the waiting).
bool wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
#ifdef SYS_pidfd_open
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return true;
  pollfd p{pidfd, POLLIN, 0};
  int rc;
  do {
    rc = ::poll(&p, 1, static_cast<int>(timeout.count()));
  } while (rc < 0 && errno == EINTR);
  ::close(pidfd);
  return rc != 0;
#else
  (void)pid;
  (void)timeout;
  return true;
#endif
}

void stop_child(pid_t pid) {
  ::kill(pid, SIGTERM);
  if (!wait_for_exit(pid, std::chrono::seconds(10))) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

std::string fake_server_program() {
  if (const char* path = std::getenv("CLOSEIO_FAKE_SERVER"); path && *path) return path;
  return CLOSEIO_BENCH_FAKE_SERVER;
}

EmulatorProcess::EmulatorProcess(const std::vector<std::string>& args,
                                 std::chrono::seconds startup_timeout) {
  const std::string program = fake_server_program();
  std::vector<std::string> argv_strings{program, "--port", "0"};
  // The SDK paces itself by the RateLimit header (blocking and async alike) and the emulator
  // reports 600 per second by default: a limit no benchmark reaches keeps pacing out of figures
  // that measure something else.
  if (std::find(args.begin(), args.end(), "--rate-limit") == args.end()) {
    argv_strings.insert(argv_strings.end(), {"--rate-limit", "1000000/1"});
  }
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  // Built before fork(): the child may only make async-signal-safe calls.
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) fail("pipe2");
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    fail("pipe2");
  }
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) fail("fork");
  if (pid_ == 0) {
    // The child dies with the thread that started it, even if that one never runs a destructor.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int null_in = ::open("/dev/null", O_RDONLY);
    if (null_in >= 0) ::dup2(null_in, STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copies
    ::dup2(err[1], STDERR_FILENO);
    ::execv(argv[0], argv.data());
    const char message[] = "exec of closeio-fake-server failed\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  stderr_fd_ = err[0];

  // Read stdout until the ready line is complete, the child closes it, or the time is up.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + startup_timeout;
  std::string problem;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      problem = "no ready line within " + std::to_string(startup_timeout.count()) + " s";
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) continue;  // timeout: the deadline check above ends the loop
    char buffer[512];
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      problem = "it exited before serving";
      break;
    }
    line.append(buffer, static_cast<std::size_t>(n));
    if (const auto newline = line.find('\n'); newline != std::string::npos) {
      line.resize(newline);
      break;
    }
  }
  ::close(out[0]);  // the emulator prints nothing more on stdout (it ignores SIGPIPE anyway)

  if (problem.empty() && line.rfind(kReadyPrefix, 0) == 0) {
    base_url_ = line.substr(kReadyPrefix.size());
    return;
  }
  if (problem.empty()) problem = "unexpected first line \"" + line + "\"";
  stop_child(pid_);
  const std::string child_stderr = drain(stderr_fd_);
  ::close(stderr_fd_);
  throw std::runtime_error("EmulatorProcess: " + program + ": " + problem +
                           (child_stderr.empty() ? "" : "; its stderr: " + child_stderr));
}

EmulatorProcess::~EmulatorProcess() {
  stop_child(pid_);
  ::close(stderr_fd_);
}

}  // namespace closeio::bench
