#include "progress.hpp"

#include <atomic>
#include <iostream>

#include "terminal.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

// One status line per process: whatever writes next to the terminal must erase it first.
std::atomic<bool> status_shown{false};

}  // namespace

void show_status(const std::string& status) {
  if (!stderr_is_terminal()) return;
  // Carriage return, the status, then "erase to end of line" for a shorter status.
  std::cerr << '\r' << truncate(without_control_chars(status), 78) << "\x1b[K" << std::flush;
  status_shown = true;
}

void clear_status_line() {
  if (!status_shown.exchange(false)) return;
  std::cerr << "\r\x1b[K" << std::flush;
}

Progress::Progress() : enabled_(stderr_is_terminal()) {}

Progress::~Progress() { clear(); }

void Progress::update(const std::string& status) const {
  if (!enabled_) return;
  show_status(status);
}

void Progress::clear() const {
  if (!enabled_) return;
  clear_status_line();
}

}  // namespace closeio_cli
