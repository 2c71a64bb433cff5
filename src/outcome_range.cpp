#include <stdexcept>
#include <utility>

#include "closeio/errors.hpp"
#include "closeio/outcomes_client.hpp"

namespace closeio {

OutcomeRange::OutcomeRange(std::shared_ptr<OutcomesConnection> connection, ListOptions options,
                           CallOptions call)
    : connection_(std::move(connection)), options_(std::move(options)), call_(std::move(call)) {}

OutcomeRange::iterator OutcomeRange::begin() {
  if (started_)
    throw std::logic_error("closeio: OutcomeRange is single-pass; begin() called twice");
  started_ = true;
  load_next_page();
  return iterator(this);
}

void OutcomeRange::load_next_page() {
  page_.clear();  // Only one page is held at a time.
  index_ = 0;
  while (page_.empty()) {
    if (!has_more_) {
      done_ = true;
      return;
    }
    if (call_.cancellation.cancelled()) {
      throw CancelledError("closeio: list() cancelled after " + std::to_string(pages_fetched_) +
                           " pages");
    }
    Page<Outcome> page = connection_->list_page(options_, call_);
    ++pages_fetched_;
    // The next page starts after what we actually received, not after what we asked for.
    options_.skip += static_cast<int>(page.data.size());
    has_more_ = page.has_more;
    page_ = std::move(page.data);
    // An empty page that still claims has_more would loop forever: treat it as the end.
    if (page_.empty()) has_more_ = false;
  }
}

bool OutcomeRange::iterator::at_end() const noexcept { return !range_ || range_->done_; }

OutcomeRange::iterator::reference OutcomeRange::iterator::operator*() const {
  return range_->page_[range_->index_];
}

OutcomeRange::iterator::pointer OutcomeRange::iterator::operator->() const {
  return &range_->page_[range_->index_];
}

OutcomeRange::iterator& OutcomeRange::iterator::operator++() {
  if (++range_->index_ >= range_->page_.size()) range_->load_next_page();
  return *this;
}

}  // namespace closeio
