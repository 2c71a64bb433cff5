/// @file
/// The Outcome resource and the request bodies that create and change it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeio/export.hpp"
#include "closeio/timestamp.hpp"

namespace closeio {

/// What kind of outcome this is. Wire values: "custom" and "vm-dropped".
enum class OutcomeType {
  custom,      ///< A user-defined outcome ("custom"); the server's default.
  vm_dropped,  ///< Set automatically when a team member performs a Voicemail Drop ("vm-dropped").
  unknown,     ///< A value this SDK version does not know. Never sent to the server.
};

/// Which activities an outcome applies to. Deprecated by Close for writes (derived from `type`);
/// kept read-only. Wire values: "calls" and "meetings".
enum class AppliesTo {
  calls,     ///< "calls"
  meetings,  ///< "meetings"
  unknown,   ///< A value this SDK version does not know.
};

/// The wire name of `type`: "custom", "vm-dropped" or "unknown" (which is never sent). The
/// inverse of outcome_type_from_string() for every known value.
CLOSEIO_EXPORT std::string_view to_string(OutcomeType type) noexcept;
/// The wire name of `applies_to`: "calls", "meetings" or "unknown". The inverse of
/// applies_to_from_string() for every known value.
CLOSEIO_EXPORT std::string_view to_string(AppliesTo applies_to) noexcept;
/// The OutcomeType of a wire name ("custom", "vm-dropped"; exact, case-sensitive). Any other
/// text gives OutcomeType::unknown rather than an error, so a value Close adds later still
/// decodes.
CLOSEIO_EXPORT OutcomeType outcome_type_from_string(std::string_view wire) noexcept;
/// The AppliesTo of a wire name ("calls", "meetings"; exact, case-sensitive). Any other text
/// gives AppliesTo::unknown rather than an error.
CLOSEIO_EXPORT AppliesTo applies_to_from_string(std::string_view wire) noexcept;

/// An outcome as Close returns it. Fields left out of a `_fields` answer keep their defaults
/// (empty strings, std::nullopt, OutcomeType::custom, an empty list, the epoch).
struct CLOSEIO_EXPORT Outcome {
  std::string id;                          ///< "outcome_..." identifier.
  std::string organization_id;             ///< "orga_..." identifier of the owning organization.
  std::string name;                        ///< Shown to users wherever outcomes are selected.
  std::optional<std::string> description;  ///< Free text; std::nullopt when the server sent null.
  OutcomeType type = OutcomeType::custom;  ///< Default: custom.
  std::vector<AppliesTo> applies_to;       ///< Deprecated by Close; read-only.
  std::optional<std::string> created_by;   ///< "user_..." of the creator, or std::nullopt.
  std::optional<std::string> updated_by;   ///< "user_..." of the last editor, or std::nullopt.
  Timestamp date_created{};                ///< UTC, microseconds. Default: the epoch.
  Timestamp date_updated{};                ///< UTC, microseconds. Default: the epoch.

  /// Field-by-field equality.
  friend bool operator==(const Outcome& a, const Outcome& b) {
    return a.id == b.id && a.organization_id == b.organization_id && a.name == b.name &&
           a.description == b.description && a.type == b.type && a.applies_to == b.applies_to &&
           a.created_by == b.created_by && a.updated_by == b.updated_by &&
           a.date_created == b.date_created && a.date_updated == b.date_updated;
  }
  /// Negation of operator==.
  friend bool operator!=(const Outcome& a, const Outcome& b) { return !(a == b); }
};

/// The body of a create (POST /outcome/). Unset optionals are not sent.
struct CLOSEIO_EXPORT OutcomeCreate {
  std::string name;                        ///< Required by the server; must not be empty.
  std::optional<std::string> description;  ///< Not sent when std::nullopt.
  std::optional<OutcomeType> type;         ///< Not sent when std::nullopt (server default: custom).
};

/// The changes of an update (PUT /outcome/{id}/). Close treats PUT as a patch, so only the
/// fields set here are sent; an update with nothing set sends `{}`.
class CLOSEIO_EXPORT OutcomeUpdate {
 public:
  /// Sends "name".
  OutcomeUpdate& set_name(std::string name);
  /// Sends "description" with this text.
  OutcomeUpdate& set_description(std::string description);
  /// Sends "description": null, which clears the description.
  OutcomeUpdate& clear_description();
  /// Sends "type". OutcomeType::unknown is rejected when the update is sent.
  OutcomeUpdate& set_type(OutcomeType type);

  /// The new name, if one was set.
  const std::optional<std::string>& name() const noexcept { return name_; }
  /// True when set_description() or clear_description() was called.
  bool has_description() const noexcept { return description_set_; }
  /// The new description; std::nullopt together with has_description() means "clear it".
  const std::optional<std::string>& description() const noexcept { return description_; }
  /// The new type, if one was set.
  const std::optional<OutcomeType>& type() const noexcept { return type_; }
  /// True when nothing was set.
  bool empty() const noexcept { return !name_ && !description_set_ && !type_; }

 private:
  std::optional<std::string> name_;
  bool description_set_ = false;
  std::optional<std::string> description_;
  std::optional<OutcomeType> type_;
};

}  // namespace closeio
