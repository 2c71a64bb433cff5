#include "write_scheduler.hpp"

#include <stdexcept>

namespace closeio_cli {

WriteScheduler::WriteScheduler(std::size_t count, std::size_t max_in_flight, std::size_t barrier)
    : states_(count, State::waiting), max_in_flight_(max_in_flight), barrier_(barrier) {
  if (max_in_flight_ == 0) throw std::invalid_argument("max_in_flight must be at least 1");
}

std::optional<std::size_t> WriteScheduler::next_to_send() {
  if (sending_over() || in_flight_ >= max_in_flight_) return std::nullopt;
  // The first change at the barrier waits until everything before it has finished; as nothing
  // has failed, everything before it then succeeded.
  if (next_ == barrier_ && in_flight_ > 0) return std::nullopt;
  states_[next_] = State::in_flight;
  ++in_flight_;
  return next_++;
}

void WriteScheduler::finished(std::size_t index, bool ok) {
  if (states_.at(index) != State::in_flight) {
    throw std::logic_error("WriteScheduler::finished: change not in flight");
  }
  states_[index] = ok ? State::done : State::failed;
  --in_flight_;
  if (!ok) failed_ = true;
  if (all_settled()) {
    for (std::size_t i = next_; i < states_.size(); ++i) states_[i] = State::not_sent;
  }
}

std::vector<std::size_t> WriteScheduler::take_reportable() {
  std::vector<std::size_t> out;
  while (reported_ < states_.size() && states_[reported_] != State::waiting &&
         states_[reported_] != State::in_flight) {
    out.push_back(reported_++);
  }
  return out;
}

bool WriteScheduler::all_settled() const { return in_flight_ == 0 && sending_over(); }

std::optional<std::size_t> WriteScheduler::first_failure() const {
  for (std::size_t i = 0; i < states_.size(); ++i) {
    if (states_[i] == State::failed) return i;
  }
  return std::nullopt;
}

bool WriteScheduler::sending_over() const { return failed_ || next_ >= states_.size(); }

}  // namespace closeio_cli
