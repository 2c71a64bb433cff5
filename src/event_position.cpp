// EventPosition's text form and its checks: the text comes back from a file a program stored, so
// it is read as hostile input (nothing of it is quoted in a message; every line is bounded).
#include "closeio/event_position.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace closeio {
namespace {

constexpr std::string_view kHeader = "closeio-event-position 1";
constexpr std::size_t kMaxLine = 512;
constexpr std::size_t kMaxId = 128;
constexpr std::size_t kMaxText = 64u << 20;

[[noreturn]] void refuse(const std::string& why) {
  throw std::invalid_argument("closeio: event position: " + why);
}

[[noreturn]] void refuse_line(std::size_t line, const std::string& why) {
  refuse("line " + std::to_string(line) + ": " + why);
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxId) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

Timestamp read_time(std::string_view text, std::size_t line) {
  try {
    return parse_timestamp(text);
  } catch (const std::invalid_argument&) {
    refuse_line(line, "not a timestamp");
  }
}

void sort_and_check(Timestamp floor, const std::optional<Timestamp>& high_water,
                    std::vector<EventPosition::Delivery>& remembered) {
  if (high_water && *high_water < floor) refuse("the high-water mark is below the floor");
  std::unordered_set<std::string_view> ids;
  ids.reserve(remembered.size());
  for (const auto& [id, date] : remembered) {
    if (!valid_id(id)) refuse("an event id is empty, too long or has characters ids never have");
    if (date < floor) refuse("a remembered delivery is below the floor");
    if (!high_water || date > *high_water) {
      refuse("a remembered delivery is above the high-water mark");
    }
    if (!ids.insert(id).second) refuse("an event id is remembered twice");
  }
  std::sort(remembered.begin(), remembered.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
}

}  // namespace

EventPosition EventPosition::since(Timestamp since) {
  EventPosition p;
  p.from_now_ = false;
  p.floor_ = since;
  return p;
}

EventPosition EventPosition::from_parts(Timestamp floor, std::optional<Timestamp> high_water,
                                        std::vector<Delivery> remembered) {
  sort_and_check(floor, high_water, remembered);
  EventPosition p;
  p.from_now_ = false;
  p.floor_ = floor;
  p.high_water_ = high_water;
  p.remembered_ = std::move(remembered);
  return p;
}

std::string EventPosition::to_string() const {
  std::string out;
  out.reserve(64 * (remembered_.size() + 4));
  out.append(kHeader).append("\n");
  if (from_now_) {
    out.append("from_now\n");
  } else {
    out.append("floor ").append(format_timestamp(floor_)).append("\n");
    if (high_water_) out.append("high_water ").append(format_timestamp(*high_water_)).append("\n");
    for (const auto& [id, date] : remembered_) {
      out.append("seen ").append(format_timestamp(date)).append(" ").append(id).append("\n");
    }
  }
  out.append("end\n");
  return out;
}

EventPosition EventPosition::parse(std::string_view text, std::size_t max_remembered) {
  if (text.size() > kMaxText) refuse("longer than 64 MiB");
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) refuse("the last line has no newline (a truncated file?)");
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // Written on Windows.
    if (line.size() > kMaxLine) refuse_line(lines.size() + 1, "longer than 512 characters");
    lines.push_back(line);
    text.remove_prefix(nl + 1);
  }
  if (lines.empty() || lines.front() != kHeader) {
    refuse("not a closeio event position of version 1 (first line)");
  }
  if (lines.size() < 2 || lines.back() != "end") refuse("no \"end\" line (a truncated file?)");
  if (lines.size() == 3 && lines[1] == "from_now") return {};

  std::optional<Timestamp> floor;
  std::optional<Timestamp> high_water;
  std::vector<Delivery> remembered;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const std::size_t line_number = i + 1;
    const std::size_t space = line.find(' ');
    const std::string_view key = line.substr(0, space);
    const std::string_view value =
        space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (key == "floor" && !floor && i == 1) {
      floor = read_time(value, line_number);
    } else if (key == "high_water" && floor && !high_water && remembered.empty()) {
      high_water = read_time(value, line_number);
    } else if (key == "seen" && floor) {
      if (remembered.size() >= max_remembered) refuse("more remembered deliveries than allowed");
      const std::size_t gap = value.find(' ');
      if (gap == std::string_view::npos)
        refuse_line(line_number, "a \"seen\" line needs a date and an id");
      const std::string_view id = value.substr(gap + 1);
      if (!valid_id(id)) refuse_line(line_number, "not an event id");
      remembered.emplace_back(std::string(id), read_time(value.substr(0, gap), line_number));
    } else {
      refuse_line(line_number, "unexpected line");
    }
  }
  if (!floor) refuse("no \"floor\" line");
  return from_parts(*floor, high_water, std::move(remembered));
}

}  // namespace closeio
