#include "testing/fake_activity_records.hpp"

#include <stdexcept>
#include <utility>

#include "testing/fake_activity_json.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::chrono::seconds kMaxCallDuration{604800};

template <typename T>
void set_if_sent(const Patch<T>& patch, std::optional<T>& field) {
  if (patch.sent) field = patch.value;
}

template <typename T>
Patch<T> sent(const std::optional<T>& value) {
  Patch<T> patch;
  patch.sent = value.has_value();
  patch.value = value;
  return patch;
}

void set_note(const CallChanges& changes, StoredCall& call) {
  if (changes.note_html.sent) {
    call.note_html = changes.note_html.value.value_or("");
    call.call.note = html_to_note(call.note_html);
  } else if (changes.note.sent) {
    call.call.note = changes.note.value.value_or("");
    call.note_html = note_to_html(*call.call.note);
  }
}

}  // namespace

StoredCall new_call(const CallChanges& fields, const FakeCloseServerOptions& options,
                    Timestamp now) {
  StoredCall stored;
  Call& call = stored.call;
  call.organization_id = options.organization_id;
  call.lead_id = fields.lead_id.value;
  call.contact_id = fields.contact_id.value;
  call.user_id = fields.user_id.sent ? fields.user_id.value : options.user_id;
  call.outcome_id = fields.outcome_id.value;
  call.direction = fields.direction.value;
  call.status = fields.status.value.value_or(CallStatus::completed);
  call.disposition = disposition_for(call.status);
  call.duration = std::chrono::seconds(fields.duration.value.value_or(0));
  call.phone = fields.phone.value;
  call.note = "";
  stored.note_html = note_to_html("");
  set_note(fields, stored);
  call.date_created = fields.date_created.value.value_or(now);
  call.date_updated = call.date_created;
  call.activity_at = fields.activity_at.sent ? fields.activity_at.value : call.date_created;
  stored.source = fields.source.value.value_or("External");
  stored.created_by = fields.created_by.value.value_or(options.user_id);
  stored.updated_by = stored.created_by;
  stored.recording_url = fields.recording_url.value;
  stored.voicemail_url = fields.voicemail_url.value;
  return stored;
}

void apply_call_update(const CallChanges& changes, const FakeCloseServerOptions& options,
                       Timestamp now, StoredCall& stored) {
  Call& call = stored.call;
  set_if_sent(changes.lead_id, call.lead_id);
  set_if_sent(changes.contact_id, call.contact_id);
  set_if_sent(changes.user_id, call.user_id);
  set_if_sent(changes.outcome_id, call.outcome_id);
  set_if_sent(changes.phone, call.phone);
  set_if_sent(changes.activity_at, call.activity_at);
  set_if_sent(changes.recording_url, stored.recording_url);
  set_if_sent(changes.voicemail_url, stored.voicemail_url);
  if (changes.duration.sent) {
    call.duration.reset();
    if (changes.duration.value) call.duration = std::chrono::seconds(*changes.duration.value);
  }
  if (changes.status.sent && changes.status.value) {
    call.status = *changes.status.value;
    call.disposition = disposition_for(call.status);
  }
  set_note(changes, stored);
  stored.updated_by = options.user_id;
  call.date_updated = now;
}

void apply_meeting_update(const MeetingChanges& changes, const FakeCloseServerOptions& options,
                          Timestamp now, StoredMeeting& stored) {
  if (changes.outcome_id.sent) {
    stored.meeting.outcome_id = changes.outcome_id.value;
    stored.outcome_reason =
        changes.outcome_id.value ? std::optional<std::string>("user-selected") : std::nullopt;
  }
  if (changes.user_note_html.sent) {
    stored.user_note_html = changes.user_note_html.value;
    stored.user_note.reset();
    if (stored.user_note_html) stored.user_note = html_to_note(*stored.user_note_html);
    stored.user_note_date_updated = now;
  } else if (changes.user_note.sent) {
    stored.user_note = changes.user_note.value;
    stored.user_note_html.reset();
    if (stored.user_note) stored.user_note_html = note_to_html(*stored.user_note);
    stored.user_note_date_updated = now;
  }
  stored.updated_by = options.user_id;
  stored.meeting.date_updated = now;
}

CallChanges seed_changes(const FakeCallSeed& seed) {
  const CallLog& log = seed.call;
  if (log.direction == CallDirection::unknown) {
    throw std::invalid_argument("FakeCloseServer::seed_call: CallDirection::unknown");
  }
  if (log.status == CallStatus::unknown) {
    throw std::invalid_argument("FakeCloseServer::seed_call: CallStatus::unknown");
  }
  if (seed.disposition == CallDisposition::unknown) {
    throw std::invalid_argument("FakeCloseServer::seed_call: CallDisposition::unknown");
  }
  if (log.duration && (log.duration->count() < 0 || *log.duration > kMaxCallDuration)) {
    throw std::invalid_argument("FakeCloseServer::seed_call: duration outside 0..604800 s");
  }
  CallChanges changes;
  changes.lead_id = sent(log.lead_id);
  changes.contact_id = sent(log.contact_id);
  changes.user_id = sent(log.user_id);
  changes.direction = sent(log.direction);
  changes.status = sent(log.status);
  if (log.duration) changes.duration = sent(std::optional<std::int64_t>(log.duration->count()));
  changes.phone = sent(log.phone);
  changes.note = sent(log.note);
  changes.outcome_id = sent(log.outcome_id);
  changes.activity_at = sent(log.activity_at);
  changes.date_created = sent(seed.date_created);
  if (seed.close_voip) changes.source = sent(std::optional<std::string>("Close.io"));
  return changes;
}

StoredMeeting new_meeting(const FakeMeetingSeed& seed, const FakeCloseServerOptions& options,
                          Timestamp now) {
  if (seed.status == MeetingStatus::unknown) {
    throw std::invalid_argument("FakeCloseServer::seed_meeting: MeetingStatus::unknown");
  }
  if (seed.duration.count() < 0) {
    throw std::invalid_argument("FakeCloseServer::seed_meeting: negative duration");
  }
  StoredMeeting stored;
  Meeting& meeting = stored.meeting;
  meeting.organization_id = options.organization_id;
  meeting.lead_id = seed.lead_id;
  meeting.user_id = seed.user_id ? seed.user_id : options.user_id;
  meeting.outcome_id = seed.outcome_id;
  meeting.title = seed.title;
  meeting.date_created = seed.date_created.value_or(now);
  meeting.date_updated = meeting.date_created;
  meeting.starts_at = seed.starts_at.value_or(meeting.date_created);
  meeting.ends_at = meeting.starts_at + seed.duration;
  meeting.status = seed.status.value_or(meeting.ends_at < now ? MeetingStatus::completed
                                                              : MeetingStatus::upcoming);
  stored.contact_id = seed.contact_id;
  stored.created_by = options.user_id;
  stored.updated_by = options.user_id;
  return stored;
}

}  // namespace closeio::testing::internal
