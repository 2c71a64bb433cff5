#include "internal/activity_walk.hpp"

#include <cctype>
#include <string_view>

namespace closeio::internal {

std::optional<int> max_skip_named_in(const std::string& message) {
  constexpr std::string_view kName = "max_skip";
  const std::size_t at = message.find(kName);
  if (at == std::string::npos) return std::nullopt;
  std::size_t i = at + kName.size();
  auto skip_spaces = [&] {
    while (i < message.size() && message[i] == ' ') ++i;
  };
  skip_spaces();
  if (i >= message.size() || message[i] != '=') return std::nullopt;
  ++i;
  skip_spaces();
  long long value = 0;
  std::size_t digits = 0;
  for (; i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])); ++i) {
    if (++digits > 9) return std::nullopt;  // no cap Close could name is that large
    value = value * 10 + (message[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  return static_cast<int>(value);
}

}  // namespace closeio::internal
