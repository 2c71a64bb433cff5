// Wire names of the Outcome enums and the setters of OutcomeUpdate.
#include "closeio/outcome.hpp"

#include <utility>

#include "internal/outcome_enums.hpp"

namespace closeio {

std::string_view to_string(OutcomeType type) noexcept { return internal::kOutcomeTypes.name(type); }

std::string_view to_string(AppliesTo applies_to) noexcept {
  return internal::kAppliesTo.name(applies_to);
}

OutcomeType outcome_type_from_string(std::string_view wire) noexcept {
  return internal::kOutcomeTypes.parse(wire);
}

AppliesTo applies_to_from_string(std::string_view wire) noexcept {
  return internal::kAppliesTo.parse(wire);
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
