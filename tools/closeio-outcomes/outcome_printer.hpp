// Prints outcomes to a stream as a table, JSON lines or CSV.
#pragma once

#include <closeio/outcome.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "outcome_fields.hpp"

namespace closeio_cli {

/// Output formats of list, get, create and update.
enum class Format { table, json, csv };

/// `--format` when given ("table", "json" or "csv"), else table on a terminal and JSON lines
/// otherwise. Throws CliError (ExitCode::usage) for another name.
Format resolve_format(const std::optional<std::string>& requested, bool stdout_is_terminal);

/// Writes outcomes one by one. JSON lines and CSV are streamed as they come; a table is buffered
/// until finish() because its columns are aligned on the widest cell.
class OutcomePrinter {
 public:
  /// `fields` empty means the format's default: all fields for JSON and CSV, ID, NAME, TYPE,
  /// DESCRIPTION for a table.
  OutcomePrinter(std::ostream& out, Format format, std::vector<Field> fields = {});
  /// Prints (or buffers) one outcome; a CSV header is written before the first.
  void add(const closeio::Outcome& outcome);
  /// Ends the output: prints the table, or a lone CSV header when nothing was added.
  void finish();

 private:
  std::ostream& out_;
  Format format_;
  std::vector<Field> fields_;
  bool header_written_ = false;
  std::vector<std::vector<std::string>> rows_;
};

/// Description column width in tables, in code points; longer ones end with "…".
constexpr std::size_t kTableDescriptionWidth = 48;

}  // namespace closeio_cli
