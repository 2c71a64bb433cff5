#include "table.hpp"

#include <algorithm>

#include "text.hpp"

namespace closeio_cli {

std::string render_table(const std::vector<Column>& columns,
                         const std::vector<std::vector<std::string>>& rows) {
  // Clean every cell first so the widths are measured on what is printed.
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  std::vector<std::string> header;
  header.reserve(columns.size());
  for (const Column& column : columns) header.push_back(column.header);
  cells.push_back(std::move(header));
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string cell = c < row.size() ? without_control_chars(row[c]) : std::string();
      if (columns[c].max_width > 0) cell = truncate(cell, columns[c].max_width);
      line.push_back(std::move(cell));
    }
    cells.push_back(std::move(line));
  }

  std::vector<std::size_t> widths(columns.size(), 0);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(line[c]));
    }
  }

  std::string out;
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      if (c > 0) text += "  ";
      text += line[c];
      if (c + 1 < line.size()) text.append(widths[c] - display_width(line[c]), ' ');
    }
    // A trailing empty cell would otherwise leave the separator behind.
    out += trim_right(text);
    out += '\n';
  }
  return out;
}

}  // namespace closeio_cli
