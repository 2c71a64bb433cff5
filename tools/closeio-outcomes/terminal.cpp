#include "terminal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "exit_codes.hpp"
#include "progress.hpp"
#include "text.hpp"

namespace closeio_cli {

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }
bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

bool confirm(const std::string& question) {
  clear_status_line();
  std::cerr << without_control_chars(question) << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    std::cerr << '\n';
    return false;
  }
  answer = trim_right(answer);
  std::transform(answer.begin(), answer.end(), answer.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return answer == "y" || answer == "yes";
}

void notice(const std::string& message) {
  clear_status_line();
  std::cerr << "closeio-outcomes: " << without_control_chars(message) << '\n' << std::flush;
}

void flush_stdout() {
  std::cout.flush();
  if (!std::cout) throw CliError(ExitCode::failure, "cannot write to standard output");
}

}  // namespace closeio_cli
