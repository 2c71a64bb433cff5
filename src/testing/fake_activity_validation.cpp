#include "testing/fake_activity_validation.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <utility>
#include <variant>

#include "testing/fake_activity_json.hpp"
#include "testing/fake_iso_date.hpp"
#include "testing/fake_json_support.hpp"

namespace closeio::testing::internal {
namespace {

using Json = nlohmann::json;

constexpr const char* kUnknownField = "Unknown field.";
constexpr const char* kNotInteger = "Not a valid integer.";
constexpr const char* kNotDateTime = "Not a valid datetime.";
constexpr const char* kNotObject = "Not a valid mapping type.";
constexpr const char* kDurationRange =
    "Must be greater than or equal to 0 and less than or equal to 604800.";
constexpr const char* kHttpsOnly = "Not a valid URL: must start with https://.";
constexpr const char* kBadDirection = "Must be one of: inbound, outbound.";
constexpr const char* kBadStatus =
    "Must be one of: created, in-progress, completed, cancel, no-answer, busy, failed, timeout.";
constexpr const char* kBadSource = "Must be one of: Close.io, External.";
constexpr std::int64_t kMaxDuration = 604800;  // one week, in seconds

// Close's validation body: {"errors": [], "field-errors": {field: message}}.
class ActivityFieldErrors {
 public:
  void add(const std::string& field, std::string message) {
    if (!errors_.contains(field)) errors_[field] = std::move(message);
  }
  bool empty() const { return errors_.empty(); }
  std::string body() const {
    Json body = {{"errors", Json::array()}, {"field-errors", errors_}};
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
  }

 private:
  Json errors_ = Json::object();
};

// Reads one key of `body` into a Patch with `convert`, which returns the value or sets an error.
class Reader {
 public:
  Reader(const Json& body, ActivityFieldErrors& errors) : body_(body), errors_(errors) {}

  void string(const char* key, Patch<std::string>& out) {
    read(key, out, [](const Json& v) -> std::variant<std::string, const char*> {
      if (!v.is_string()) return kNotString;
      return v.get<std::string>();
    });
  }
  void https_url(const char* key, Patch<std::string>& out) {
    read(key, out, [](const Json& v) -> std::variant<std::string, const char*> {
      if (!v.is_string()) return kNotString;
      const auto& text = v.get_ref<const std::string&>();
      if (text.rfind("https://", 0) != 0 || text.size() <= 8) return kHttpsOnly;
      return text;
    });
  }
  void date_time(const char* key, Patch<Timestamp>& out) {
    read(key, out, [](const Json& v) -> std::variant<Timestamp, const char*> {
      if (!v.is_string()) return kNotDateTime;
      auto parsed = parse_iso_date_time(v.get_ref<const std::string&>(), std::chrono::minutes(0));
      if (!parsed) return kNotDateTime;
      return *parsed;
    });
  }
  void duration(const char* key, Patch<std::int64_t>& out) {
    read(key, out, [](const Json& v) -> std::variant<std::int64_t, const char*> {
      if (!v.is_number_integer()) return kNotInteger;
      if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxDuration)) {
          return kDurationRange;
        }
        return static_cast<std::int64_t>(v.get<std::uint64_t>());
      }
      const auto seconds = v.get<std::int64_t>();
      if (seconds < 0 || seconds > kMaxDuration) return kDurationRange;
      return seconds;
    });
  }
  void status(const char* key, Patch<CallStatus>& out) {
    read(key, out, [](const Json& v) -> std::variant<CallStatus, const char*> {
      if (!v.is_string()) return kBadStatus;
      auto parsed = parse_call_status(v.get_ref<const std::string&>());
      if (!parsed) return kBadStatus;
      return *parsed;
    });
  }
  void direction(const char* key, Patch<CallDirection>& out) {
    read(key, out, [](const Json& v) -> std::variant<CallDirection, const char*> {
      if (!v.is_string()) return kBadDirection;
      auto parsed = parse_call_direction(v.get_ref<const std::string&>());
      if (!parsed) return kBadDirection;
      return *parsed;
    });
  }
  void source(const char* key, Patch<std::string>& out) {
    read(key, out, [](const Json& v) -> std::variant<std::string, const char*> {
      if (!v.is_string() || (v != "External" && v != "Close.io")) return kBadSource;
      return v.get<std::string>();
    });
  }
  // A key the emulator checks but does not store.
  void ignored_string(const char* key) {
    Patch<std::string> unused;
    string(key, unused);
  }
  void ignored_object(const char* key) {
    auto it = body_.find(key);
    if (it != body_.end() && !it->is_null() && !it->is_object()) errors_.add(key, kNotObject);
  }

 private:
  template <typename T, typename Convert>
  void read(const char* key, Patch<T>& out, Convert&& convert) {
    auto it = body_.find(key);
    if (it == body_.end()) return;
    out.sent = true;
    if (it->is_null()) {
      out.value.reset();
      return;
    }
    auto converted = convert(*it);
    if (auto* error = std::get_if<const char*>(&converted)) {
      out.sent = false;
      errors_.add(key, *error);
    } else {
      out.value = std::move(std::get<T>(converted));
    }
  }

  const Json& body_;
  ActivityFieldErrors& errors_;
};

// Close's spec allows `custom.<field id>` keys (any value but an object) besides its own.
void check_keys(const Json& body, std::initializer_list<std::string_view> allowed,
                ActivityFieldErrors& errors) {
  for (const auto& [key, value] : body.items()) {
    if (key.rfind("custom.", 0) == 0 && key.size() > 7) {
      if (value.is_object()) errors.add(key, "Not a valid value.");
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      errors.add(key, kUnknownField);
    }
  }
}

void check_outcome(const Patch<std::string>& outcome_id, const OutcomeCheck& check,
                   ActivityFieldErrors& errors) {
  if (!outcome_id.sent || !outcome_id.value) return;  // null clears the outcome
  if (std::optional<std::string> problem = check(*outcome_id.value)) {
    errors.add("outcome_id", std::move(*problem));
  }
}

// The keys a call log and a call update share.
void read_call_fields(Reader& reader, CallChanges& changes) {
  reader.string("lead_id", changes.lead_id);
  reader.string("contact_id", changes.contact_id);
  reader.string("user_id", changes.user_id);
  reader.string("outcome_id", changes.outcome_id);
  reader.string("phone", changes.phone);
  reader.string("note", changes.note);
  reader.string("note_html", changes.note_html);
  reader.https_url("recording_url", changes.recording_url);
  reader.https_url("voicemail_url", changes.voicemail_url);
  reader.date_time("activity_at", changes.activity_at);
  reader.duration("duration", changes.duration);
  reader.status("status", changes.status);
  reader.ignored_string("conversation_type_id");
  reader.ignored_string("playbook_id");
  reader.ignored_string("quality_info");
  reader.ignored_object("custom_fields");
}

template <typename T>
Validated<T> finish(T changes, const ActivityFieldErrors& errors) {
  Validated<T> result;
  if (errors.empty()) {
    result.value = std::move(changes);
  } else {
    result.error_body = errors.body();
  }
  return result;
}

}  // namespace

Validated<CallChanges> validate_call_log(std::string_view text, const OutcomeCheck& check) {
  Validated<CallChanges> result;
  std::optional<Json> body = parse_object(text, result.error_body);
  if (!body) return result;
  ActivityFieldErrors errors;
  check_keys(*body, {"activity_at",     "contact_id",    "conversation_type_id",
                     "created_by",      "created_by_id", "custom_fields",
                     "date_created",    "direction",     "duration",
                     "lead_id",         "note",          "note_html",
                     "organization_id", "outcome_id",    "phone",
                     "playbook_id",     "quality_info",  "recording_url",
                     "source",          "status",        "user_id",
                     "voicemail_url"},
             errors);
  Reader reader(*body, errors);
  CallChanges changes;
  read_call_fields(reader, changes);
  reader.direction("direction", changes.direction);
  reader.date_time("date_created", changes.date_created);
  reader.source("source", changes.source);
  reader.string("created_by_id", changes.created_by);
  reader.string("created_by", changes.created_by);
  reader.ignored_string("organization_id");
  check_outcome(changes.outcome_id, check, errors);
  return finish(std::move(changes), errors);
}

Validated<CallChanges> validate_call_update(std::string_view text, const OutcomeCheck& check) {
  Validated<CallChanges> result;
  std::optional<Json> body = parse_object(text, result.error_body);
  if (!body) return result;
  ActivityFieldErrors errors;
  check_keys(*body,
             {"activity_at", "contact_id", "conversation_type_id", "custom_fields", "duration",
              "lead_id", "note", "note_html", "outcome_id", "phone", "playbook_id", "quality_info",
              "recording_url", "status", "user_id", "voicemail_url"},
             errors);
  Reader reader(*body, errors);
  CallChanges changes;
  read_call_fields(reader, changes);
  check_outcome(changes.outcome_id, check, errors);
  return finish(std::move(changes), errors);
}

Validated<MeetingChanges> validate_meeting_update(std::string_view text,
                                                  const OutcomeCheck& check) {
  Validated<MeetingChanges> result;
  std::optional<Json> body = parse_object(text, result.error_body);
  if (!body) return result;
  ActivityFieldErrors errors;
  Reader reader(*body, errors);
  MeetingChanges changes;
  reader.string("outcome_id", changes.outcome_id);
  reader.string("user_note", changes.user_note);
  reader.string("user_note_html", changes.user_note_html);
  check_outcome(changes.outcome_id, check, errors);
  return finish(std::move(changes), errors);
}

}  // namespace closeio::testing::internal
