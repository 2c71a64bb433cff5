// Aligned plain-text tables for terminals.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace closeio_cli {

/// A column: its header and the widest a cell may be (in code points; 0 = unlimited).
struct Column {
  std::string header;
  std::size_t max_width = 0;
};

/// Lays out `rows` under `columns`: control characters in cells become spaces, cells wider than
/// their column's max_width are cut with "…", columns are padded to the widest cell and
/// separated by two spaces, the last column is not padded (no trailing blanks), every line ends
/// with "\n". Rows shorter than `columns` get empty cells.
std::string render_table(const std::vector<Column>& columns,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace closeio_cli
