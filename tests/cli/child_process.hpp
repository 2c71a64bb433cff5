// Runs a program as a child process with a controlled environment and captures its output.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace closeio_cli_test {

/// What a finished child process left behind.
struct ProcessResult {
  int exit_code = -1;  ///< Exit status; 128 + signal number when killed by a signal.
  std::string out;     ///< Everything written to stdout.
  std::string err;     ///< Everything written to stderr.
};

// Prints the child's output when an assertion fails.
inline std::string show(const ProcessResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

/// What the child's stdin is.
enum class Stdin {
  pipe,      ///< A pipe: `input`, then end of file. Never a terminal.
  terminal,  ///< A pseudo-terminal on which `input` is typed (isatty() is true).
};

/// Runs `program` with `args` (argv[1]...) and exactly the environment `env` ("NAME=value"),
/// gives it `input` on stdin, and reads stdout and stderr (pipes) until both are closed.
/// A child still running after `timeout` is killed (exit code 128 + SIGKILL) so a hung child
/// fails the test instead of blocking it.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env, const std::string& input = "",
                          Stdin stdin_kind = Stdin::pipe,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// Everything run_process can be told about the child's standard streams.
struct ProcessOptions {
  std::string input;               ///< Given on stdin (see Stdin).
  Stdin stdin_kind = Stdin::pipe;  ///< A pipe or a pseudo-terminal.
  bool stderr_terminal = false;    ///< stderr is a pseudo-terminal (isatty() true), read as is.
  std::chrono::milliseconds timeout = std::chrono::seconds(60);  ///< Then the child is killed.
};

/// As above, with every stream option in one place.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env, const ProcessOptions& options);

}  // namespace closeio_cli_test
