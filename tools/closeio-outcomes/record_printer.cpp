#include "record_printer.hpp"

#include "csv.hpp"
#include "progress.hpp"
#include "table.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

std::string cell_text(const nlohmann::ordered_json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace

RecordPrinter::RecordPrinter(std::ostream& out, Format format, std::vector<RecordColumn> columns)
    : out_(out), format_(format), columns_(std::move(columns)) {}

void RecordPrinter::add(const std::vector<nlohmann::ordered_json>& values) {
  clear_status_line();  // stdout may be the terminal that shows it
  switch (format_) {
    case Format::json: {
      auto object = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        object[columns_[i].key] = i < values.size() ? values[i] : nullptr;
      }
      // As the outcome printer: UTF-8 kept, bad bytes replaced, C1 controls escaped.
      out_ << escape_c1_in_json(
                  object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
           << '\n';
      break;
    }
    case Format::csv: {
      if (!header_written_) {
        std::vector<std::string> header;
        for (const auto& column : columns_) header.push_back(column.key);
        out_ << csv_record(header);
        header_written_ = true;
      }
      std::vector<std::string> record;
      record.reserve(values.size());
      for (const auto& value : values) record.push_back(cell_text(value));
      out_ << csv_record(record);
      break;
    }
    case Format::table: {
      std::vector<std::string> row;
      row.reserve(values.size());
      for (const auto& value : values) row.push_back(cell_text(value));
      rows_.push_back(std::move(row));
      break;
    }
  }
}

void RecordPrinter::finish() {
  clear_status_line();
  if (format_ == Format::csv && !header_written_) {
    std::vector<std::string> header;
    for (const auto& column : columns_) header.push_back(column.key);
    out_ << csv_record(header);
    header_written_ = true;
  }
  if (format_ == Format::table) {
    std::vector<Column> columns;
    for (const auto& column : columns_) columns.push_back({column.header, 0});
    out_ << render_table(columns, rows_);
    rows_.clear();
  }
  out_.flush();
}

}  // namespace closeio_cli
