/// @file
/// Umbrella header: includes every public header of the core library (the optional
/// closeio::testing headers are included separately).
#pragma once

#include "closeio/activity_filter.hpp"
#include "closeio/async_result.hpp"
#include "closeio/call.hpp"
#include "closeio/calls_client.hpp"
#include "closeio/calls_connection.hpp"
#include "closeio/cancellation.hpp"
#include "closeio/client_options.hpp"
#include "closeio/credentials.hpp"
#include "closeio/errors.hpp"
#include "closeio/fields.hpp"
#include "closeio/list_options.hpp"
#include "closeio/logging.hpp"
#include "closeio/meeting.hpp"
#include "closeio/meetings_client.hpp"
#include "closeio/meetings_connection.hpp"
#include "closeio/outcome.hpp"
#include "closeio/outcomes_client.hpp"
#include "closeio/outcomes_connection.hpp"
#include "closeio/page_range.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/retry_policy.hpp"
#include "closeio/session.hpp"
#include "closeio/timestamp.hpp"
#include "closeio/version.hpp"
