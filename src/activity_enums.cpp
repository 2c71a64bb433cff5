// Wire names of the call and meeting enums, from the tables in internal/activity_enums.hpp.
#include "internal/activity_enums.hpp"

namespace closeio {

std::string_view to_string(CallDirection value) noexcept {
  return internal::kCallDirections.name(value);
}
std::string_view to_string(CallStatus value) noexcept {
  return internal::kCallStatuses.name(value);
}
std::string_view to_string(CallDisposition value) noexcept {
  return internal::kCallDispositions.name(value);
}
std::string_view to_string(MeetingStatus value) noexcept {
  return internal::kMeetingStatuses.name(value);
}
CallDirection call_direction_from_string(std::string_view wire) noexcept {
  return internal::kCallDirections.parse(wire);
}
CallStatus call_status_from_string(std::string_view wire) noexcept {
  return internal::kCallStatuses.parse(wire);
}
CallDisposition call_disposition_from_string(std::string_view wire) noexcept {
  return internal::kCallDispositions.parse(wire);
}
MeetingStatus meeting_status_from_string(std::string_view wire) noexcept {
  return internal::kMeetingStatuses.parse(wire);
}

}  // namespace closeio
