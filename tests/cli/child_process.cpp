#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace closeio_cli_test {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

// A pipe whose ends are closed on exec; the child gets its ends through dup2, which clears it.
struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_read() {
    if (read >= 0) ::close(read);
    read = -1;
  }
  void close_write() {
    if (write >= 0) ::close(write);
    write = -1;
  }
};

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env, const std::string& input,
                          Stdin stdin_kind, std::chrono::milliseconds timeout) {
  ProcessOptions options;
  options.input = input;
  options.stdin_kind = stdin_kind;
  options.timeout = timeout;
  return run_process(program, args, env, options);
}

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env, const ProcessOptions& options) {
  const std::string& input = options.input;
  const Stdin stdin_kind = options.stdin_kind;
  const std::chrono::milliseconds timeout = options.timeout;
  Pipe in, out, err;
  if (options.stderr_terminal) {
    // stderr on a pseudo-terminal (isatty() true) whose output we read from the master. Output
    // post-processing is off so the bytes read are exactly the bytes written ("\n" stays "\n").
    err.close_read();
    err.close_write();
    int master = -1, slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) fail("openpty");
    termios settings{};
    if (::tcgetattr(slave, &settings) == 0) {
      settings.c_oflag &= ~static_cast<tcflag_t>(OPOST);
      ::tcsetattr(slave, TCSANOW, &settings);
    }
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave, F_SETFD, FD_CLOEXEC);
    err.read = master;
    err.write = slave;
  }
  if (stdin_kind == Stdin::terminal) {
    // Replace the stdin pipe by a pseudo-terminal: the child reads the slave, we type on the
    // master. The child does not make it its controlling terminal, so closing it sends no SIGHUP.
    in.close_read();
    in.close_write();
    int master = -1, slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) fail("openpty");
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave, F_SETFD, FD_CLOEXEC);
    in.read = slave;
    in.write = master;
  }
  // The parent must not die of SIGPIPE if the child exits without reading its input.
  ::signal(SIGPIPE, SIG_IGN);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // Sockets of the in-process emulator may lack CLOEXEC; keep them out of the child.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif

  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = env;
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    errno = spawned;
    fail("posix_spawn " + program);
  }
  in.close_read();
  out.close_write();
  err.close_write();

  ProcessResult result;
  std::size_t written = 0;
  // A terminal stays open until the child is done (typed input is buffered by the terminal);
  // a pipe is closed once written, so the child sees end of file.
  int terminal = -1;
  if (stdin_kind == Stdin::terminal) {
    terminal = in.write;
    in.write = -1;
    for (std::size_t done = 0; done < input.size();) {
      const ssize_t n = ::write(terminal, input.data() + done, input.size() - done);
      if (n < 0 && errno != EINTR) fail("write to terminal");
      if (n > 0) done += static_cast<std::size_t>(n);
    }
  }
  if (input.empty()) in.close_write();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool killed = false;
  char buffer[65536];
  while (out.read >= 0 || err.read >= 0) {
    pollfd fds[3];
    nfds_t count = 0;
    if (out.read >= 0) fds[count++] = {out.read, POLLIN, 0};
    if (err.read >= 0) fds[count++] = {err.read, POLLIN, 0};
    if (in.write >= 0) fds[count++] = {in.write, POLLOUT, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 && !killed) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    const int ready = ::poll(fds, count, killed ? 1000 : static_cast<int>(left.count()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      fail("poll");
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in.write) {
        const ssize_t n = ::write(in.write, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) in.close_write();
        continue;
      }
      const bool is_out = fds[i].fd == out.read;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (is_out ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        is_out ? out.close_read() : err.close_read();
      }
    }
  }
  in.close_write();

  int status = 0;
  if (terminal >= 0) ::close(terminal);
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) fail("waitpid");
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

}  // namespace closeio_cli_test
