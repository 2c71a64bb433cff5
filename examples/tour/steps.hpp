// Numbered steps: each prints its title as "[n/total] title" and is named in the failure line.
#pragma once

#include <closeio/closeio.hpp>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>

namespace tour {

/// The step the tour is at; main() names it in "tour: <step> failed: ...".
class Steps {
 public:
  /// `total`: how many numbered steps the tour has.
  explicit Steps(int total) : total_(total) {}
  /// Starts a step without a number (set-up work), named `name`.
  void quietly(std::string name) { name_ = std::move(name); }
  /// Starts the next numbered step, named `name`, and prints `title`.
  void begin(std::string name, const std::string& title) {
    name_ = std::move(name);
    std::cout << "\n[" << ++number_ << '/' << total_ << "] " << title << '\n';
  }
  /// The current step's name, e.g. "log-call".
  const std::string& name() const { return name_; }

 private:
  int total_;
  int number_ = 0;
  std::string name_ = "set-up";
};

/// After a delete: `fetch_again()` must throw NotFoundError, which is printed; throws
/// std::runtime_error naming `id` when it returns instead.
template <class Fetch>
void expect_gone(const std::string& id, Fetch fetch_again) {
  try {
    fetch_again();
  } catch (const closeio::NotFoundError& e) {
    std::cout << "    deleted; fetching it again answers HTTP " << e.status()
              << " (NotFoundError), as expected\n";
    return;
  }
  throw std::runtime_error(id + " can still be fetched after its delete");
}

}  // namespace tour
