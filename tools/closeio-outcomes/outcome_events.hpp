// Which Event Log entries `events` shows (a call or meeting whose outcome_id changed) and the
// row it prints for each.
#pragma once

#include <closeio/event.hpp>
#include <closeio/event_filter.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "record_printer.hpp"

namespace closeio_cli {

/// The Event Log filters that hold the outcome changes of calls and meetings: created and
/// updated, for each kind (Close allows `object_type` only with `action`), narrowed to a lead
/// and/or a user when those are not empty.
std::vector<closeio::EventFilter> outcome_event_filters(const std::string& lead_id,
                                                        const std::string& user_id);

/// The printed columns, in order: event_id, date_updated, kind, activity_id, action, outcome_id,
/// previous_outcome_id, lead_id, user_id.
std::vector<RecordColumn> outcome_event_columns();

/// The row of `event` when it is an outcome change: a call or meeting updated with "outcome_id"
/// among its changed fields, or created with an outcome set. std::nullopt for any other event.
/// Values Close left out (`data` of an old event seen by a non-admin) are null.
std::optional<std::vector<nlohmann::ordered_json>> outcome_event_row(const closeio::Event& event);

}  // namespace closeio_cli
