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

/// `text` made harmless for a terminal: every control character (C0 such as NUL, BEL, ESC,
/// newline and tab; DEL; C1 U+0080..U+009F, where U+009B is a CSI) becomes
/// `control_replacement`, and every byte that is not part of well-formed UTF-8 becomes U+FFFD,
/// so no raw invalid byte is ever echoed. `keep_line_feeds` keeps "\n" as is (CSV cells).
std::string terminal_safe(std::string_view text, const char* control_replacement,
                          bool keep_line_feeds = false);

/// True when terminal_safe() would not change `text`: well-formed UTF-8 without controls.
bool is_terminal_safe(std::string_view text);

/// `json` (a serialised JSON text) with DEL and every C1 control written as \u007f and
/// \u0080..\u009f escapes, as JSON serialisers already do for C0 controls. Same JSON value.
std::string escape_c1_in_json(std::string json);

/// True when `name` is empty or holds only whitespace (ASCII, and Unicode spaces such as
/// U+00A0, U+2000..U+200B, U+3000, U+FEFF): a name Close would show as blank.
bool is_blank_name(std::string_view name);

/// terminal_safe(text, " "): every control character becomes a space, invalid bytes U+FFFD.
std::string without_control_chars(std::string_view text);

/// `text` on one line (runs of whitespace and control characters become one space, ends
/// trimmed), cut to `max_width` code points. Used for error messages built from server bodies.
std::string one_line(std::string_view text, std::size_t max_width = 300);

/// `text` as a JSON string literal, e.g. "a \"b\"" (UTF-8 kept as is, controls C0 and C1
/// escaped, invalid bytes as U+FFFD).
std::string json_quoted(std::string_view text);

/// An outcome name as shown in plans and prompts: as is when it reads unambiguously, otherwise
/// (empty, surrounding spaces, control characters, invalid UTF-8, quotes, ": ") as a JSON string
/// literal, so it never carries a raw control character or invalid byte to the terminal.
std::string display_name(std::string_view name);

/// A description as shown in plans: `null` when absent, otherwise a JSON string literal.
std::string display_description(const std::optional<std::string>& description);

/// `text` without trailing spaces, tabs, carriage returns and newlines.
std::string trim_right(std::string_view text);

}  // namespace closeio_cli
