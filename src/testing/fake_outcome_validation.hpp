// Checks create and update bodies the way Close does, producing Close's 400 bodies.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {

/// A request body that passed validation, or the 400 body to answer instead.
template <typename T>
struct Validated {
  std::optional<T> value;  ///< Set when the body is valid.
  std::string error_body;  ///< Close's 400 body when it is not.
};

/// POST /outcome/: `name` required (non-empty string); `description` string or null; `type`
/// "custom" (default) or "vm-dropped"; deprecated `applies_to` a list of "calls"/"meetings" or
/// null, checked but then ignored because Close derives it from `type`. Unknown keys ignored.
Validated<NewOutcome> validate_create(std::string_view text);

/// PUT /outcome/{id}/: like create, but every key is optional, `"description": null` clears,
/// `"type": null` leaves the type alone and `name` may be neither null nor empty.
Validated<OutcomeChanges> validate_update(std::string_view text);

}  // namespace closeio::testing::internal
