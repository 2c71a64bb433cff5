// Request bodies of the Outcomes API: only the fields a caller set, compact JSON, keys in the
// order name, description, type. Caller mistakes (empty name, OutcomeType::unknown, invalid
// UTF-8) are std::invalid_argument, raised before anything is sent.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "internal/json_codec.hpp"

namespace closeio::internal {
namespace {

using json = nlohmann::json;

// `"key":<JSON string of value>`, translating nlohmann's invalid-UTF-8 error (type_error 316)
// into the std::invalid_argument that a caller's mistake deserves.
void append_string_member(std::string& out, const char* what, const char* key,
                          const std::string& value) {
  out += '"';
  out += key;
  out += "\":";
  try {
    out += json(value).dump();
  } catch (const json::type_error& e) {
    if (e.id != 316) throw;
    throw std::invalid_argument(std::string(what) + ": \"" + key + "\" is not valid UTF-8");
  }
}

void append_type_member(std::string& out, const char* what, OutcomeType type) {
  const std::string_view wire = to_string(type);
  if (wire == "unknown") {
    throw std::invalid_argument(std::string(what) +
                                ": \"type\" is OutcomeType::unknown, which cannot be sent");
  }
  out += "\"type\":\"";
  out += wire;
  out += '"';
}

void check_name(const char* what, const std::string& name) {
  if (name.empty()) throw std::invalid_argument(std::string(what) + ": \"name\" must not be empty");
}

}  // namespace

std::string encode_create(const OutcomeCreate& outcome) {
  constexpr const char* kWhat = "OutcomeCreate";
  check_name(kWhat, outcome.name);
  std::string out = "{";
  append_string_member(out, kWhat, "name", outcome.name);
  if (outcome.description) {
    out += ',';
    append_string_member(out, kWhat, "description", *outcome.description);
  }
  if (outcome.type) {
    out += ',';
    append_type_member(out, kWhat, *outcome.type);
  }
  out += '}';
  return out;
}

std::string encode_update(const OutcomeUpdate& changes) {
  constexpr const char* kWhat = "OutcomeUpdate";
  std::string out = "{";
  const auto separate = [&out] {
    if (out.size() > 1) out += ',';
  };
  if (changes.name()) {
    check_name(kWhat, *changes.name());
    append_string_member(out, kWhat, "name", *changes.name());
  }
  if (changes.has_description()) {
    separate();
    if (changes.description()) {
      append_string_member(out, kWhat, "description", *changes.description());
    } else {
      out += "\"description\":null";
    }
  }
  if (changes.type()) {
    separate();
    append_type_member(out, kWhat, *changes.type());
  }
  out += '}';
  return out;
}

}  // namespace closeio::internal
