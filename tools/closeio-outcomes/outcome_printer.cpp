#include "outcome_printer.hpp"

#include <algorithm>
#include <cctype>

#include "csv.hpp"
#include "exit_codes.hpp"
#include "progress.hpp"
#include "table.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

}  // namespace

Format resolve_format(const std::optional<std::string>& requested, bool stdout_is_terminal) {
  if (!requested) return stdout_is_terminal ? Format::table : Format::json;
  if (*requested == "table") return Format::table;
  if (*requested == "json") return Format::json;
  if (*requested == "csv") return Format::csv;
  throw CliError(ExitCode::usage, "unknown format '" + *requested + "' (use table, json or csv)");
}

OutcomePrinter::OutcomePrinter(std::ostream& out, Format format, std::vector<Field> fields)
    : out_(out), format_(format), fields_(std::move(fields)) {
  if (fields_.empty()) fields_ = format_ == Format::table ? table_fields() : all_fields();
}

void OutcomePrinter::add(const closeio::Outcome& outcome) {
  clear_status_line();  // stdout may be the terminal that shows it
  switch (format_) {
    case Format::json:
      // ensure_ascii off: UTF-8 stays readable; `replace` keeps a bad byte from aborting output;
      // C1 controls are escaped like C0 ones, so a terminal never receives one raw.
      out_ << escape_c1_in_json(
                  outcome_json(outcome, fields_)
                      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
           << '\n';
      break;
    case Format::csv: {
      if (!header_written_) {
        out_ << csv_record(field_names(fields_));
        header_written_ = true;
      }
      std::vector<std::string> record;
      for (const Field& field : fields_) record.push_back(field_text(outcome, field));
      out_ << csv_record(record);
      break;
    }
    case Format::table: {
      std::vector<std::string> row;
      for (const Field& field : fields_) row.push_back(field_text(outcome, field));
      rows_.push_back(std::move(row));
      break;
    }
  }
}

void OutcomePrinter::finish() {
  clear_status_line();
  if (format_ == Format::csv && !header_written_) {
    out_ << csv_record(field_names(fields_));
    header_written_ = true;
  }
  if (format_ == Format::table) {
    std::vector<Column> columns;
    for (const Field& field : fields_) {
      columns.push_back({upper(field), field == "description" ? kTableDescriptionWidth : 0});
    }
    out_ << render_table(columns, rows_);
    rows_.clear();
  }
  out_.flush();
}

}  // namespace closeio_cli
