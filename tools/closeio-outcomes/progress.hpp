// Progress of long operations (list, export, apply) on stderr, shown only on a terminal.
#pragma once

#include <string>

namespace closeio_cli {

/// A one-line status that rewrites itself. Silent when stderr is not a terminal, so pipes and
/// logs stay clean.
class Progress {
 public:
  /// Enabled when stderr is a terminal.
  Progress();
  /// Enabled as asked (for tests).
  explicit Progress(bool enabled) : enabled_(enabled) {}
  /// Erases the status line if one is shown.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Replaces the status line with `status`.
  void update(const std::string& status);
  /// Erases the status line (before printing something else on stderr).
  void clear();

 private:
  bool enabled_;
  bool shown_ = false;
};

}  // namespace closeio_cli
