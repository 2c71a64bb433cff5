// The field tables of the resources and request bodies (defined in resource_tables.cpp).
#pragma once

#include "closeio/call.hpp"
#include "closeio/event.hpp"
#include "closeio/meeting.hpp"
#include "closeio/outcome.hpp"
#include "closeio/webhook_subscription.hpp"
#include "internal/field_table.hpp"

namespace closeio::internal {

template <>
const ResourceTable<Outcome>& resource_table<Outcome>();
template <>
const ResourceTable<Call>& resource_table<Call>();
template <>
const ResourceTable<Meeting>& resource_table<Meeting>();
template <>
const ResourceTable<CallLog>& resource_table<CallLog>();
template <>
const ResourceTable<WebhookSubscription>& resource_table<WebhookSubscription>();
template <>
const ResourceTable<WebhookCreate>& resource_table<WebhookCreate>();
template <>
const ResourceTable<WebhookUpdate>& resource_table<WebhookUpdate>();
/// Event's scalar and list fields; `data`, `previous_data` and `meta` hold raw JSON, which no
/// row type carries: internal/event_codec.cpp reads those three itself.
template <>
const ResourceTable<Event>& resource_table<Event>();

}  // namespace closeio::internal
