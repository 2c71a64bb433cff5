/// @file
/// The fields of each resource by their wire names: list them, render one, or a whole object as
/// JSON. One table per resource drives these, the SDK's decoding and its `_fields` checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "closeio/call.hpp"
#include "closeio/export.hpp"
#include "closeio/meeting.hpp"
#include "closeio/outcome.hpp"
#include "closeio/webhook_subscription.hpp"

namespace closeio {

/// The wire names of the fields the SDK reads for `Resource` (Outcome, Call or Meeting), in the
/// order of the resource's struct. These are the names `ListOptions::fields` and the `fields`
/// argument of fetch() accept.
template <class Resource>
const std::vector<std::string>& field_names();

/// `value` as one compact JSON object with `fields` in that order (every field when empty):
/// strings, null for an absent optional, enums by wire name, timestamps in Close's format,
/// durations in seconds. Throws std::invalid_argument for a name not in field_names().
template <class Resource>
std::string to_json(const Resource& value, const std::vector<std::string>& fields = {});

/// One field as plain text: strings as they are, enums by wire name, timestamps in Close's
/// format, lists joined with ',', durations in seconds, and "" for an absent optional. Throws
/// std::invalid_argument for a name not in field_names().
template <class Resource>
std::string field_text(const Resource& value, std::string_view field);

/// @cond explicit_instantiations
extern template CLOSEIO_EXPORT const std::vector<std::string>& field_names<Outcome>();
extern template CLOSEIO_EXPORT const std::vector<std::string>& field_names<Call>();
extern template CLOSEIO_EXPORT const std::vector<std::string>& field_names<Meeting>();
extern template CLOSEIO_EXPORT std::string to_json(const Outcome&, const std::vector<std::string>&);
extern template CLOSEIO_EXPORT std::string to_json(const Call&, const std::vector<std::string>&);
extern template CLOSEIO_EXPORT std::string to_json(const Meeting&, const std::vector<std::string>&);
extern template CLOSEIO_EXPORT std::string field_text(const Outcome&, std::string_view);
extern template CLOSEIO_EXPORT std::string field_text(const Call&, std::string_view);
extern template CLOSEIO_EXPORT std::string field_text(const Meeting&, std::string_view);
extern template CLOSEIO_EXPORT const std::vector<std::string>& field_names<WebhookSubscription>();
extern template CLOSEIO_EXPORT std::string to_json(const WebhookSubscription&,
                                                   const std::vector<std::string>&);
extern template CLOSEIO_EXPORT std::string field_text(const WebhookSubscription&, std::string_view);
/// @endcond

}  // namespace closeio
