// Progress of long operations (list, export, apply) on stderr, shown only on a terminal.
#pragma once

#include <string>

namespace closeio_cli {

/// Shows `status` as the one status line on stderr when stderr is a terminal (else nothing).
/// Used for progress and for waits such as "rate limited; retrying in 2 s".
void show_status(const std::string& status);

/// Erases the status line if one is shown. Everything that writes to the terminal (results,
/// notices, prompts, log lines, the final error) calls it first so no two share a line.
void clear_status_line();

/// A one-line status that rewrites itself. Silent when stderr is not a terminal, so pipes and
/// logs stay clean.
class Progress {
 public:
  /// Enabled when stderr is a terminal.
  Progress();
  /// Enabled as asked (still shown only on a terminal).
  explicit Progress(bool enabled) : enabled_(enabled) {}
  /// Erases the status line if one is shown.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Replaces the status line with `status`.
  void update(const std::string& status) const;
  /// Erases the status line (before printing something else on stderr).
  void clear() const;

 private:
  bool enabled_;
};

}  // namespace closeio_cli
