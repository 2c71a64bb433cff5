// Request bodies: only the fields a caller set, compact JSON. Outcome bodies keep the order name,
// description, type; a call log follows its field table. Caller mistakes (empty name, an
// `unknown` enum, invalid UTF-8) are std::invalid_argument, raised before anything is sent.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "closeio/errors.hpp"
#include "internal/json_codec.hpp"
#include "internal/resource_tables.hpp"

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
  out += R"("type":")";
  out += wire;
  out += '"';
}

void check_name(const char* what, const std::string& name) {
  if (name.empty()) throw std::invalid_argument(std::string(what) + ": \"name\" must not be empty");
}

// A request body member must not be an empty id: Close would read "" as "no lead".
void check_not_empty(const std::optional<std::string>& id, const char* what, const char* key) {
  if (id && id->empty()) {
    throw std::invalid_argument(std::string(what) + ": \"" + key + "\" must not be empty");
  }
}

// The longest call Close accepts in a log: one week, in seconds.
constexpr long long kMaxCallSeconds = 604800;

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

template <class T>
std::string encode_object(const T& value, const std::vector<std::string>& fields,
                          bool only_present) {
  const ResourceTable<T>& table = resource_table<T>();
  std::string out = "{";
  const auto member = [&](const FieldSpec<T>& row) {
    if (only_present && !row.present(value)) return;
    if (out.size() > 1) out += ',';
    out += '"';
    out += row.name;
    out += "\":";
    row.write_json(value, out, row.name);
  };
  if (fields.empty()) {
    for (const FieldSpec<T>& row : table) member(row);
  } else {
    for (const std::string& name : fields) {
      const FieldSpec<T>* row = table.find(name);
      if (!row) {
        throw std::invalid_argument("unknown " + std::string(table.resource) + " field \"" + name +
                                    "\"");
      }
      member(*row);
    }
  }
  out += '}';
  return out;
}

template std::string encode_object(const Outcome&, const std::vector<std::string>&, bool);
template std::string encode_object(const Call&, const std::vector<std::string>&, bool);
template std::string encode_object(const Meeting&, const std::vector<std::string>&, bool);
template std::string encode_object(const CallLog&, const std::vector<std::string>&, bool);
template std::string encode_object(const WebhookSubscription&, const std::vector<std::string>&,
                                   bool);
template std::string encode_object(const WebhookCreate&, const std::vector<std::string>&, bool);
template std::string encode_object(const WebhookUpdate&, const std::vector<std::string>&, bool);

std::string encode_call_log(const CallLog& log) {
  constexpr const char* kWhat = "CallLog";
  check_not_empty(log.lead_id, kWhat, "lead_id");
  check_not_empty(log.contact_id, kWhat, "contact_id");
  check_not_empty(log.user_id, kWhat, "user_id");
  check_not_empty(log.outcome_id, kWhat, "outcome_id");
  if (log.duration && (log.duration->count() < 0 || log.duration->count() > kMaxCallSeconds)) {
    throw std::invalid_argument(std::string(kWhat) + ": \"duration\" must be 0 to " +
                                std::to_string(kMaxCallSeconds) + " seconds, not " +
                                std::to_string(log.duration->count()));
  }
  try {
    return encode_object(log, {}, true);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string(kWhat) + ": " + e.what());
  }
}

std::string encode_outcome_assignment(const std::optional<std::string>& outcome_id) {
  if (!outcome_id) return R"({"outcome_id":null})";
  if (outcome_id->empty()) throw std::invalid_argument("outcome id must not be empty");
  std::string out = "{";
  append_string_member(out, "outcome assignment", "outcome_id", *outcome_id);
  out += '}';
  return out;
}

void require_id_in_answer(std::string_view resource, const std::string& id,
                          const std::vector<std::string>& fields) {
  if (!id.empty()) return;
  if (!fields.empty() && std::find(fields.begin(), fields.end(), "id") == fields.end()) return;
  throw DecodeError("decoding " + std::string(resource) +
                    ": missing field \"id\": the answer is not a " + std::string(resource));
}

}  // namespace closeio::internal
