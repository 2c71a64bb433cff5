// How Close fills in and changes an activity: the defaults of a logged call, what a PUT
// rewrites alongside the sent keys, and the records behind the seeding API.
#pragma once

#include <optional>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_activity_store.hpp"
#include "testing/fake_activity_validation.hpp"

namespace closeio::testing::internal {

/// The call a log body describes, before the store gives it an id: organization from the
/// options; status completed, source "External", duration 0, note "", user_id and created_by
/// the options' user unless sent; date_created as sent or `now`; activity_at as sent or the
/// date_created; the disposition derived from the status.
StoredCall new_call(const CallChanges& fields, const FakeCloseServerOptions& options,
                    Timestamp now);

/// Applies an update body: every sent key is set (null clears where the field is nullable; a
/// null status changes nothing), `note` and `note_html` rewrite each other (`note_html` wins
/// when both are sent), the disposition follows a new status; updated_by and date_updated.
void apply_call_update(const CallChanges& changes, const FakeCloseServerOptions& options,
                       Timestamp now, StoredCall& stored);

/// Applies a meeting update: `outcome_id` (outcome_reason becomes "user-selected", or null when
/// cleared), `user_note_html` / `user_note` (rewriting each other and user_note_date_updated);
/// updated_by and date_updated.
void apply_meeting_update(const MeetingChanges& changes, const FakeCloseServerOptions& options,
                          Timestamp now, StoredMeeting& stored);

/// The log fields of a seeded call (every set member of `seed.call` counts as sent).
/// Throws std::invalid_argument for an `unknown` enum or a duration outside 0..604800 s.
CallChanges seed_changes(const FakeCallSeed& seed);

/// The record of a seeded meeting. Throws std::invalid_argument for MeetingStatus::unknown or
/// a negative duration.
StoredMeeting new_meeting(const FakeMeetingSeed& seed, const FakeCloseServerOptions& options,
                          Timestamp now);

}  // namespace closeio::testing::internal
