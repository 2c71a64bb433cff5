// Test launcher for the examples (not an example itself). Starts an in-process Close emulator
// on an ephemeral loopback port, runs one example program against it as a child process, echoes
// the child's output, and checks its exit status, its output and the emulator's state after it.
//
//   run_example_against_fake_server [OPTIONS] -- EXAMPLE [ARGS...]
//
//   --seed N               outcomes seeded first, "Outcome 00001"... (default 3)
//   --inject SPEC          scripted failure served first, STATUS[:COUNT][@METHOD] (repeatable)
//   --retry-after S        seconds that injected 429s ask the client to wait (default 0)
//   --no-credentials       run the example without CLOSE_API_KEY
//   --expect REGEX         the example's stdout must contain a match (repeatable)
//   --expect-stderr REGEX  its stderr must contain a match (repeatable)
//   --expect-exit N        the exit status it must end with (default 0)
//   --expect-outcomes N    how many outcomes the emulator must hold once it ended
//   --seed-call            also seed one call without an outcome (ARGS "{call_id}" is its id)
//   --expect-call-outcome NAME  the seeded call must end with the outcome named NAME
//   --expect-calls N       how many calls the emulator must hold once it ended
//   --env NAME=VALUE       also set NAME in the example's environment (repeatable)
//   --seed-lead            also seed the lead the seeded call belongs to ("Example Lead")
//   --webhook-receiver PATH  first start webhook_receiver PATH on a free port, subscribing
//                          itself to --subscribe KINDS, expecting --deliveries N of them
//   --subscribe KINDS      object_type:action pairs, e.g.
//   activity.call:created,activity.call:deleted
//   --deliveries N         the receiver stops after N deliveries (default 1)
//   --expect-receiver REGEX  the receiver's output must contain a match (repeatable)
//
// With --webhook-receiver the launcher waits until the emulator has no delivery left to make
// after the example ended; a receiver that got fewer than N by then is stopped with SIGTERM
// (and the check fails), so a lost delivery ends the test instead of hanging it.
//
// In ARGS, "{id}" becomes the id of the first seeded outcome, "{call_id}" the seeded call's id
// and "{empty}" an empty string (CMake drops empty list elements). The child's environment is the
// launcher's without any CLOSE_API_KEY, CLOSE_ACCESS_TOKEN, CLOSE_API_BASE_URL,
// CLOSE_TOUR_LEAD_ID or proxy variable, plus CLOSE_API_KEY=test-api-key,
// CLOSE_API_BASE_URL=<the emulator's base URL> and the --env ones.
// Exit status: 0 when every check passed, 1 when one failed, 2 on bad usage.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "injected_failure.hpp"

extern char** environ;

namespace {

using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;

struct Launch {
  std::size_t seed = 3;
  std::vector<std::string> injections;
  int retry_after_s = 0;
  bool credentials = true;
  std::vector<std::string> expect_stdout;
  std::vector<std::string> expect_stderr;
  int expect_exit = 0;
  std::optional<std::size_t> expect_outcomes;
  bool seed_call = false;
  std::optional<std::string> expect_call_outcome;
  std::optional<std::size_t> expect_calls;
  std::vector<std::string> environment;  // NAME=VALUE
  std::vector<std::string> command;      // the example and its arguments
  bool seed_lead = false;
  std::string webhook_receiver;
  std::string subscribe;
  int deliveries = 1;
  std::vector<std::string> expect_receiver;
};

int to_int(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  const int value = std::stoi(text, &used);
  if (used != text.size() || value < 0) {
    throw std::invalid_argument(option + " needs a non-negative integer, not " + text);
  }
  return value;
}

Launch parse(int argc, char** argv) {
  Launch launch;
  int i = 1;
  const auto value = [&](const std::string& option) -> std::string {
    if (i + 1 >= argc) throw std::invalid_argument(option + " needs a value");
    return argv[++i];
  };
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      launch.command.assign(argv + i + 1, argv + argc);
      break;
    } else if (arg == "--seed") {
      launch.seed = static_cast<std::size_t>(to_int(arg, value(arg)));
    } else if (arg == "--inject") {
      launch.injections.push_back(value(arg));
    } else if (arg == "--retry-after") {
      launch.retry_after_s = to_int(arg, value(arg));
    } else if (arg == "--no-credentials") {
      launch.credentials = false;
    } else if (arg == "--expect") {
      launch.expect_stdout.push_back(value(arg));
    } else if (arg == "--expect-stderr") {
      launch.expect_stderr.push_back(value(arg));
    } else if (arg == "--expect-exit") {
      launch.expect_exit = to_int(arg, value(arg));
    } else if (arg == "--expect-outcomes") {
      launch.expect_outcomes = static_cast<std::size_t>(to_int(arg, value(arg)));
    } else if (arg == "--seed-call") {
      launch.seed_call = true;
    } else if (arg == "--expect-call-outcome") {
      launch.expect_call_outcome = value(arg);
    } else if (arg == "--expect-calls") {
      launch.expect_calls = static_cast<std::size_t>(to_int(arg, value(arg)));
    } else if (arg == "--env") {
      std::string variable = value(arg);
      if (variable.find('=') == std::string::npos || variable.front() == '=') {
        throw std::invalid_argument("--env needs NAME=VALUE, not " + variable);
      }
      launch.environment.push_back(std::move(variable));
    } else if (arg == "--seed-lead") {
      launch.seed_lead = true;
    } else if (arg == "--webhook-receiver") {
      launch.webhook_receiver = value(arg);
    } else if (arg == "--subscribe") {
      launch.subscribe = value(arg);
    } else if (arg == "--deliveries") {
      launch.deliveries = to_int(arg, value(arg));
    } else if (arg == "--expect-receiver") {
      launch.expect_receiver.push_back(value(arg));
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (launch.command.empty()) throw std::invalid_argument("missing -- EXAMPLE [ARGS...]");
  if (!launch.webhook_receiver.empty() && launch.subscribe.empty()) {
    throw std::invalid_argument("--webhook-receiver needs --subscribe");
  }
  return launch;
}

// The launcher's environment minus what must not leak into the example, plus `extra`.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  static const char* const dropped[] = {
      "CLOSE_API_KEY=", "CLOSE_ACCESS_TOKEN=", "CLOSE_API_BASE_URL=", "CLOSE_TOUR_LEAD_ID=",
      "http_proxy=",    "HTTP_PROXY=",         "https_proxy=",        "HTTPS_PROXY=",
      "all_proxy=",     "ALL_PROXY="};
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view variable(*entry);
    bool drop = false;
    for (const char* prefix : dropped) drop = drop || variable.rfind(prefix, 0) == 0;
    if (!drop) env.emplace_back(variable);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::string read_all(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  return text;
}

struct Finished {
  int status = -1;  // exit status, or -1 when killed by a signal
  int signal = 0;
  std::string out, err;
};

// Starts `command` with environment `env`, its stdout on `out_fd` and its stderr on `err_fd`,
// with `close_fd` (when not -1) closed in the child. Throws std::runtime_error when it cannot.
pid_t spawn(const std::vector<std::string>& command, const std::vector<std::string>& env,
            int out_fd, int err_fd, int close_fd = -1) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  if (close_fd != -1) posix_spawn_file_actions_addclose(&actions, close_fd);
  std::vector<char*> argv, envp;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  for (const std::string& variable : env) envp.push_back(const_cast<char*>(variable.c_str()));
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot run " + command[0] + ": " + std::strerror(rc));
  return pid;
}

// Runs `command` with `env`, capturing its stdout and stderr in temporary files.
Finished run(const std::vector<std::string>& command, const std::vector<std::string>& env) {
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  const std::unique_ptr<std::FILE, FileCloser> out(std::tmpfile()), err(std::tmpfile());
  if (!out || !err) throw std::runtime_error(std::string("tmpfile: ") + std::strerror(errno));

  const pid_t pid = spawn(command, env, fileno(out.get()), fileno(err.get()));

  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  Finished finished;
  if (WIFEXITED(wait_status)) finished.status = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) finished.signal = WTERMSIG(wait_status);
  finished.out = read_all(out.get());
  finished.err = read_all(err.get());
  return finished;
}

// webhook_receiver running beside the example, its stdout and stderr on a pipe.
class Receiver {
 public:
  Receiver(const Launch& launch, const std::vector<std::string>& env) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    const std::vector<std::string> command = {launch.webhook_receiver,
                                              "--port",
                                              "0",
                                              "--subscribe",
                                              launch.subscribe,
                                              "--max-deliveries",
                                              std::to_string(launch.deliveries)};
    try {
      pid_ = spawn(command, env, out[1], out[1], out[0]);
    } catch (...) {
      close(out[0]);
      close(out[1]);
      throw;
    }
    close(out[1]);
    fd_ = out[0];
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;
  ~Receiver() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(fd_);
  }

  // Reads until a line starting with `prefix` (true) or the end of its output (false).
  bool wait_for_line(const std::string& prefix) {
    std::size_t line_start = 0;
    for (;;) {
      for (std::size_t end; (end = output_.find('\n', line_start)) != std::string::npos;) {
        if (output_.compare(line_start, prefix.size(), prefix) == 0) return true;
        line_start = end + 1;
      }
      if (!read_some()) return false;
    }
  }
  void stop() { kill(pid_, SIGTERM); }
  // Reads the rest of its output and waits for it; the exit status, or -1 if a signal ended it.
  int finish() {
    while (read_some()) {
    }
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  const std::string& output() const { return output_; }

 private:
  bool read_some() {
    char chunk[4096];
    ssize_t n = 0;
    while ((n = read(fd_, chunk, sizeof chunk)) < 0 && errno == EINTR) {
    }
    if (n <= 0) return false;
    output_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string output_;
};

int launch(const Launch& launch) {
  const FakeCloseServerOptions server_options;
  FakeCloseServer server(server_options);
  if (launch.seed > 0) server.seed_many(launch.seed);
  const std::vector<closeio::Outcome> seeded = server.outcomes();
  for (const std::string& spec : launch.injections) {
    server.script(
        closeio::tools::parse_injected_failure(spec, std::chrono::seconds(launch.retry_after_s)));
  }

  const std::string lead_id = "lead_example000000000000000";
  if (launch.seed_lead) {
    closeio::testing::FakeLeadSeed lead;
    lead.id = lead_id;
    lead.name = "Example Lead";
    lead.url = "https://example.com";
    server.seed_lead(lead);
  }
  std::string call_id;
  if (launch.seed_call) {
    closeio::CallLog call;
    call.lead_id = lead_id;
    call.direction = closeio::CallDirection::outbound;
    call_id = server.seed_call(call).id;
  }

  std::vector<std::string> command = launch.command;
  for (std::string& arg : command) {
    if (arg == "{empty}") arg.clear();
    if (arg == "{call_id}") {
      if (call_id.empty()) throw std::invalid_argument("{call_id} needs --seed-call");
      arg = call_id;
    }
    if (arg != "{id}") continue;
    if (seeded.empty()) throw std::invalid_argument("{id} needs --seed 1 or more");
    arg = seeded.front().id;
  }
  std::vector<std::string> extra = {"CLOSE_API_BASE_URL=" + server.base_url()};
  if (launch.credentials) extra.push_back("CLOSE_API_KEY=" + server_options.api_key);
  extra.insert(extra.end(), launch.environment.begin(), launch.environment.end());

  std::vector<std::string> failures;
  std::optional<Receiver> receiver;
  if (!launch.webhook_receiver.empty()) {
    receiver.emplace(launch, child_environment(extra));
    if (!receiver->wait_for_line("subscribed ")) {
      std::cerr << receiver->output();
      throw std::runtime_error("the webhook receiver ended before it subscribed");
    }
  }

  const Finished finished = run(command, child_environment(extra));
  std::cout << finished.out << std::flush;
  std::cerr << finished.err << std::flush;

  if (receiver) {
    if (!server.wait_for_deliveries_idle(std::chrono::seconds(30))) {
      failures.push_back("the emulator still had deliveries to make after 30 s");
    }
    const std::size_t made = server.delivery_attempts().size();
    if (made < static_cast<std::size_t>(launch.deliveries)) {
      failures.push_back("the emulator made " + std::to_string(made) + " deliveries, expected " +
                         std::to_string(launch.deliveries));
      receiver->stop();
    }
    const int status = receiver->finish();
    std::cout << "\n-- the webhook receiver's output --\n" << receiver->output() << std::flush;
    if (status != 0) failures.push_back("the receiver exited with " + std::to_string(status));
    for (const std::string& pattern : launch.expect_receiver) {
      if (!std::regex_search(receiver->output(), std::regex(pattern))) {
        failures.push_back("the receiver's output has no match for /" + pattern + "/");
      }
    }
  }
  if (finished.signal != 0) {
    failures.push_back("killed by signal " + std::to_string(finished.signal));
  } else if (finished.status != launch.expect_exit) {
    failures.push_back("exit status " + std::to_string(finished.status) + ", expected " +
                       std::to_string(launch.expect_exit));
  }
  for (const std::string& pattern : launch.expect_stdout) {
    if (!std::regex_search(finished.out, std::regex(pattern))) {
      failures.push_back("stdout has no match for /" + pattern + "/");
    }
  }
  for (const std::string& pattern : launch.expect_stderr) {
    if (!std::regex_search(finished.err, std::regex(pattern))) {
      failures.push_back("stderr has no match for /" + pattern + "/");
    }
  }
  if (launch.expect_outcomes) {
    const std::size_t held = server.outcomes().size();
    if (held != *launch.expect_outcomes) {
      failures.push_back("the emulator holds " + std::to_string(held) + " outcomes, expected " +
                         std::to_string(*launch.expect_outcomes));
    }
  }
  if (launch.expect_calls) {
    const std::size_t held = server.calls().size();
    if (held != *launch.expect_calls) {
      failures.push_back("the emulator holds " + std::to_string(held) + " calls, expected " +
                         std::to_string(*launch.expect_calls));
    }
  }
  if (launch.expect_call_outcome) {
    std::optional<std::string> outcome_id;
    for (const auto& call : server.calls()) {
      if (call.id == call_id) outcome_id = call.outcome_id;
    }
    std::string name = "(none)";
    for (const auto& outcome : server.outcomes()) {
      if (outcome_id && outcome.id == *outcome_id) name = outcome.name;
    }
    if (name != *launch.expect_call_outcome) {
      failures.push_back("the seeded call carries outcome " + name + ", expected " +
                         *launch.expect_call_outcome);
    }
  }
  server.stop();
  for (const std::string& failure : failures) {
    std::cerr << "run_example_against_fake_server: FAIL: " << command[0] << ": " << failure << '\n';
  }
  return failures.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Launch parsed;
  try {
    parsed = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "run_example_against_fake_server: " << e.what()
              << "\nusage: run_example_against_fake_server [OPTIONS] -- EXAMPLE [ARGS...]\n";
    return 2;
  }
  try {
    return launch(parsed);
  } catch (const std::exception& e) {
    std::cerr << "run_example_against_fake_server: " << e.what() << '\n';
    return 1;
  }
}
