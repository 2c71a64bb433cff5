// Prints flat records (assign's activity, usage's rows) as a table, JSON lines or CSV, with the
// same terminal and spreadsheet safety as the outcome printer.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "outcome_printer.hpp"

namespace closeio_cli {

/// One column: its JSON key and CSV header (`key`) and its table header.
struct RecordColumn {
  std::string key;
  std::string header;
};

/// Writes records whose values are JSON strings, numbers, booleans or null. JSON lines and CSV
/// are streamed; a table is buffered until finish(). In tables and CSV, null is an empty cell.
class RecordPrinter {
 public:
  RecordPrinter(std::ostream& out, Format format, std::vector<RecordColumn> columns);
  /// Prints (or buffers) one record: one value per column, in column order.
  void add(const std::vector<nlohmann::ordered_json>& values);
  /// Ends the output: prints the table, or a lone CSV header when nothing was added.
  void finish();

 private:
  std::ostream& out_;
  Format format_;
  std::vector<RecordColumn> columns_;
  bool header_written_ = false;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace closeio_cli
