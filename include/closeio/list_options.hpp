/// @file
/// Paging and field selection for list and fetch.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace closeio {

/// Options of a list call. Sent as `_limit`, `_skip` and `_fields` query parameters.
struct ListOptions {
  int limit = 100;                  ///< Items per page (`_limit`), 1 or more. Default: 100.
  int skip = 0;                     ///< Items to skip before the first (`_skip`), 0 or more.
  std::vector<std::string> fields;  ///< Only these fields (`_fields`); empty means all fields.
};

/// One page of a list answer.
template <class T>
struct Page {
  std::vector<T> data;    ///< The items of this page, in server order.
  bool has_more = false;  ///< True when the server has items after this page.
};

/// One page of a cursor-paged list answer (the Event Log): no `has_more`, a cursor instead.
template <class T>
struct CursorPage {
  std::vector<T> data;  ///< The items of this page, in server order.
  /// Cursor of the next page in list order (for the Event Log: older events); std::nullopt when
  /// the server has nothing after this page.
  std::optional<std::string> cursor_next;
  /// Cursor of the page before this one (for the Event Log: newer events); std::nullopt when
  /// there is none.
  std::optional<std::string> cursor_previous;
};

}  // namespace closeio
