#include "csv.hpp"

#include "text.hpp"

namespace closeio_cli {
namespace {

// Spreadsheets read a cell starting with one of these as a formula (or, for tab and CR, strip
// them and look again): "=HYPERLINK(...)" in an outcome name must stay text.
bool looks_like_formula(std::string_view value) {
  return !value.empty() &&
         std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
}

}  // namespace

std::string csv_field(std::string_view raw) {
  std::string value = looks_like_formula(raw) ? "'" : "";
  value += terminal_safe(raw, " ", /*keep_line_feeds=*/true);
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace closeio_cli
