// The typed views of an Event's `data`.
#include "closeio/event.hpp"

#include "internal/json_codec.hpp"

namespace closeio {

std::optional<Call> Event::as_call() const {
  if (object_type != "activity.call" || !data) return std::nullopt;
  return internal::decode_resource<Call>(*data);
}

std::optional<Meeting> Event::as_meeting() const {
  if (object_type != "activity.meeting" || !data) return std::nullopt;
  return internal::decode_resource<Meeting>(*data);
}

}  // namespace closeio
