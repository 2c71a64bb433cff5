#include "progress.hpp"

#include <iostream>

#include "terminal.hpp"
#include "text.hpp"

namespace closeio_cli {

Progress::Progress() : enabled_(stderr_is_terminal()) {}

Progress::~Progress() { clear(); }

void Progress::update(const std::string& status) {
  if (!enabled_) return;
  // Carriage return, the status, then "erase to end of line" for a shorter status.
  std::cerr << '\r' << truncate(without_control_chars(status), 78) << "\x1b[K" << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!enabled_ || !shown_) return;
  std::cerr << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace closeio_cli
