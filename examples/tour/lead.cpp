// The lead is the one input of the tour that is not a credential: it is checked strictly, as
// an id pasted from anywhere, before anything is sent.
#include "lead.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tour {
namespace {

constexpr const char* kVariable = "CLOSE_TOUR_LEAD_ID";
constexpr std::string_view kPrefix = "lead_";
constexpr std::size_t kMaxSuffix = 64;

bool is_alphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// `text` safe to print: printable ASCII as is, other bytes as \xHH, at most 80 characters.
std::string printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 80) return out + "...";
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    }
  }
  return out;
}

bool is_lead_id(const std::string& id) {
  if (id.size() <= kPrefix.size() || id.size() > kPrefix.size() + kMaxSuffix) return false;
  if (id.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  for (std::size_t i = kPrefix.size(); i < id.size(); ++i) {
    if (!is_alphanumeric(id[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> lead_from_environment() {
  const char* value = std::getenv(kVariable);
  if (value == nullptr) return std::nullopt;
  const std::string id = value;
  if (id.empty()) {
    throw BadLeadId(std::string(kVariable) + " is set but empty; unset it or set it to a lead id");
  }
  if (!is_lead_id(id)) {
    throw BadLeadId(std::string(kVariable) + " is not a lead id (\"lead_\" and 1 to " +
                    std::to_string(kMaxSuffix) + " letters or digits): \"" + printable(id) + "\"");
  }
  return id;
}

Lead choose_lead(const closeio::CallsClient& calls,
                 const std::optional<std::string>& from_environment) {
  if (from_environment) return {*from_environment, std::string("from ") + kVariable};
  closeio::ListOptions first;
  first.limit = 1;
  first.fields = {"id", "lead_id"};
  const closeio::Page<closeio::Call> page = calls.list_page({}, first);
  const std::string ask =
      std::string("; set ") + kVariable + "=lead_... to the lead the tour may log its call on";
  if (page.data.empty()) throw std::runtime_error("no call is listed to take a lead from" + ask);
  const closeio::Call& call = page.data.front();
  if (!call.lead_id || !is_lead_id(*call.lead_id)) {
    throw std::runtime_error("the first call listed, " + printable(call.id) +
                             ", has no usable lead id" + ask);
  }
  return {*call.lead_id,
          "the lead of " + call.id + ", the first call listed; " + kVariable + " picks another"};
}

}  // namespace tour
