// Small text helpers shared by the output formats and messages: UTF-8 aware width and
// truncation, one-line messages, and how outcome names are shown in plans and prompts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace closeio_cli {

/// Number of code points in UTF-8 `text` (continuation bytes are not counted). Used as the
/// display width of a table cell.
std::size_t display_width(std::string_view text);

/// `text` cut to at most `max_width` code points; when cut, the last one kept is "…".
/// Never splits a UTF-8 sequence.
std::string truncate(std::string_view text, std::size_t max_width);

/// `text` with every control character (newline, tab, ...) replaced by a space.
std::string without_control_chars(std::string_view text);

/// `text` on one line (runs of whitespace and control characters become one space, ends
/// trimmed), cut to `max_width` code points. Used for error messages built from server bodies.
std::string one_line(std::string_view text, std::size_t max_width = 300);

/// `text` as a JSON string literal, e.g. "a \"b\"" (UTF-8 kept as is).
std::string json_quoted(std::string_view text);

/// An outcome name as shown in plans and prompts: as is when it reads unambiguously, otherwise
/// (empty, surrounding spaces, control characters, quotes, ": ") as a JSON string literal.
std::string display_name(std::string_view name);

/// A description as shown in plans: `null` when absent, otherwise a JSON string literal.
std::string display_description(const std::optional<std::string>& description);

/// `text` without trailing spaces, tabs, carriage returns and newlines.
std::string trim_right(std::string_view text);

}  // namespace closeio_cli
