/// @file
/// Compatibility: the gmock mock moved to <closeio/mocks/mock_outcomes_connection.hpp> (CMake
/// target closeio::mocks). This header keeps the old name working.
#pragma once

#include "closeio/mocks/mock_outcomes_connection.hpp"

namespace closeio::testing {

/// Deprecated name of closeio::mocks::MockOutcomesConnection.
using MockOutcomesConnection = ::closeio::mocks::MockOutcomesConnection;

}  // namespace closeio::testing
