// The wire names of the call and meeting enums.
#pragma once

#include "closeio/call.hpp"
#include "closeio/meeting.hpp"
#include "internal/wire_enum.hpp"

namespace closeio::internal {

inline constexpr auto kCallDirections = make_wire_enum<CallDirection>(
    CallDirection::unknown,
    {{CallDirection::inbound, "inbound"}, {CallDirection::outbound, "outbound"}});

inline constexpr auto kCallStatuses =
    make_wire_enum<CallStatus>(CallStatus::unknown, {{CallStatus::created, "created"},
                                                     {CallStatus::in_progress, "in-progress"},
                                                     {CallStatus::completed, "completed"},
                                                     {CallStatus::cancel, "cancel"},
                                                     {CallStatus::no_answer, "no-answer"},
                                                     {CallStatus::busy, "busy"},
                                                     {CallStatus::failed, "failed"},
                                                     {CallStatus::timeout, "timeout"}});

inline constexpr auto kCallDispositions = make_wire_enum<CallDisposition>(
    CallDisposition::unknown, {{CallDisposition::answered, "answered"},
                               {CallDisposition::no_answer, "no-answer"},
                               {CallDisposition::vm_answer, "vm-answer"},
                               {CallDisposition::vm_left, "vm-left"},
                               {CallDisposition::busy, "busy"},
                               {CallDisposition::blocked, "blocked"},
                               {CallDisposition::error, "error"},
                               {CallDisposition::abandoned, "abandoned"}});

inline constexpr auto kMeetingStatuses = make_wire_enum<MeetingStatus>(
    MeetingStatus::unknown, {{MeetingStatus::upcoming, "upcoming"},
                             {MeetingStatus::in_progress, "in-progress"},
                             {MeetingStatus::completed, "completed"},
                             {MeetingStatus::canceled, "canceled"},
                             {MeetingStatus::declined_by_lead, "declined-by-lead"},
                             {MeetingStatus::declined_by_org, "declined-by-org"}});

}  // namespace closeio::internal
