#include "page_cursor.hpp"

#include <stdexcept>

namespace closeio_cli {

PageCursor::PageCursor(int limit) : limit_(limit) {
  if (limit_ < 1) throw std::invalid_argument("PageCursor: limit must be at least 1");
}

std::optional<int> PageCursor::next_request(std::size_t max_ahead) {
  if (over_) return std::nullopt;
  // The page the walk needs next is always requested when nobody has asked for it yet, so a
  // walk can never stall behind pages that did not line up.
  if (out_.count(next_use_) == 0 && answered_.count(next_use_) == 0) next_request_ = next_use_;
  // Skip pages already requested or answered (after a realignment one may line up again).
  while (out_.count(next_request_) != 0 || answered_.count(next_request_) != 0) {
    next_request_ += limit_;
  }
  // Until the list is known to be long, one page at a time: most lists fit in one page, and a
  // request ahead of a short list is wasted.
  const std::size_t ahead = out_.size() + answered_.size();
  if (next_request_ != next_use_ && ahead >= (long_list_ ? max_ahead : 1)) return std::nullopt;
  out_.insert(next_request_);
  const int skip = next_request_;
  next_request_ += limit_;
  return skip;
}

void PageCursor::answered(int skip) {
  if (out_.erase(skip) == 0) throw std::logic_error("PageCursor::answered: page not requested");
  if (wanted(skip)) answered_.insert(skip);
}

std::optional<int> PageCursor::next_to_use() const {
  if (over_ || answered_.count(next_use_) == 0) return std::nullopt;
  return next_use_;
}

void PageCursor::used(int skip, std::size_t items, bool has_more) {
  if (skip != next_use_ || answered_.erase(skip) == 0) {
    throw std::logic_error("PageCursor::used: not the page to use next");
  }
  if (items == 0 || !has_more) {
    over_ = true;
    answered_.clear();
    return;
  }
  next_use_ = skip + static_cast<int>(items);
  if (static_cast<int>(items) == limit_) {
    long_list_ = true;
  } else {
    // The pages requested ahead no longer line up: go on from here.
    next_request_ = next_use_;
    answered_.clear();
  }
  // Drop answers the walk has passed (they can only be misaligned ones).
  while (!answered_.empty() && *answered_.begin() < next_use_) answered_.erase(answered_.begin());
}

}  // namespace closeio_cli
