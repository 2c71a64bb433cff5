// Wire names of the Outcome enums and the setters of OutcomeUpdate.
#include "closeio/outcome.hpp"

#include <utility>

namespace closeio {

std::string_view to_string(OutcomeType type) noexcept {
  switch (type) {
    case OutcomeType::custom:
      return "custom";
    case OutcomeType::vm_dropped:
      return "vm-dropped";
    case OutcomeType::unknown:
      break;
  }
  // Also reached for a value cast from an out-of-range integer.
  return "unknown";
}

std::string_view to_string(AppliesTo applies_to) noexcept {
  switch (applies_to) {
    case AppliesTo::calls:
      return "calls";
    case AppliesTo::meetings:
      return "meetings";
    case AppliesTo::unknown:
      break;
  }
  return "unknown";
}

OutcomeType outcome_type_from_string(std::string_view wire) noexcept {
  if (wire == "custom") return OutcomeType::custom;
  if (wire == "vm-dropped") return OutcomeType::vm_dropped;
  // Close may add types; an unknown one must not make a whole list unreadable. Note that
  // "unknown" itself is not a wire value, so it also lands here.
  return OutcomeType::unknown;
}

AppliesTo applies_to_from_string(std::string_view wire) noexcept {
  if (wire == "calls") return AppliesTo::calls;
  if (wire == "meetings") return AppliesTo::meetings;
  return AppliesTo::unknown;
}

OutcomeUpdate& OutcomeUpdate::set_name(std::string name) {
  name_ = std::move(name);
  return *this;
}

OutcomeUpdate& OutcomeUpdate::set_description(std::string description) {
  description_set_ = true;
  description_ = std::move(description);
  return *this;
}

OutcomeUpdate& OutcomeUpdate::clear_description() {
  // "Set, but to nothing": encoded as "description": null, which Close reads as "clear it".
  description_set_ = true;
  description_.reset();
  return *this;
}

OutcomeUpdate& OutcomeUpdate::set_type(OutcomeType type) {
  // OutcomeType::unknown is accepted here and rejected by the encoder, so that the error is
  // raised at one place for every way a body can be built.
  type_ = type;
  return *this;
}

}  // namespace closeio
