// Aligned text tables: columns as wide as their widest cell, counted in terminal columns.
#include "table.hpp"

#include <algorithm>
#include <cstddef>
#include <iostream>

namespace tour {
namespace {

using Row = std::vector<std::string>;

// Characters as a terminal shows them: UTF-8 continuation bytes take no column.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `text` cut to `width` columns, ending in "..." when cut; never splits a UTF-8 sequence.
std::string fit(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::string out;
  std::size_t columns = 0;
  for (char c : text) {
    const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_character && ++columns > width - 3) break;
    out += c;
  }
  return out + "...";
}

// "2025-07-29 10:30:00" (UTC, seconds) from Close's "2025-07-29T10:30:00.000000+00:00".
std::string short_time(closeio::Timestamp t) {
  std::string text = closeio::format_timestamp(t).substr(0, 19);
  text[10] = ' ';
  return text;
}

// Prints `header` and `rows` aligned; rows whose `marked` entry is true start with '*'.
void print_table(const Row& header, const std::vector<Row>& rows, const std::vector<bool>& marked) {
  std::vector<std::size_t> widths;
  for (const std::string& title : header) widths.push_back(display_width(title));
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  const auto print_row = [&widths](const Row& row, bool mark) {
    std::cout << (mark ? "  * " : "    ");
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::cout << row[i];
      if (i + 1 < row.size()) std::cout << std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    std::cout << '\n';
  };
  print_row(header, false);
  for (std::size_t i = 0; i < rows.size(); ++i) print_row(rows[i], marked[i]);
}

}  // namespace

void print_outcomes(const std::vector<closeio::Outcome>& outcomes, const std::string& mark) {
  std::vector<Row> rows;
  std::vector<bool> marked;
  for (const closeio::Outcome& o : outcomes) {
    rows.push_back({o.id, fit(o.name, 32), std::string(closeio::to_string(o.type)),
                    fit(o.description.value_or("-"), 40), short_time(o.date_updated)});
    marked.push_back(!mark.empty() && o.id == mark);
  }
  print_table({"ID", "NAME", "TYPE", "DESCRIPTION", "UPDATED (UTC)"}, rows, marked);
}

void print_calls(const std::vector<closeio::Call>& calls, const std::string& mark) {
  std::vector<Row> rows;
  std::vector<bool> marked;
  for (const closeio::Call& c : calls) {
    const std::string duration =
        c.duration ? std::to_string(c.duration->count()) + " s" : std::string("-");
    rows.push_back({c.id, c.lead_id.value_or("-"),
                    c.direction ? std::string(closeio::to_string(*c.direction)) : "-",
                    std::string(closeio::to_string(c.status)), duration, c.outcome_id.value_or("-"),
                    c.activity_at ? short_time(*c.activity_at) : short_time(c.date_created)});
    marked.push_back(!mark.empty() && c.id == mark);
  }
  print_table({"ID", "LEAD", "DIRECTION", "STATUS", "DURATION", "OUTCOME", "WHEN (UTC)"}, rows,
              marked);
}

}  // namespace tour
