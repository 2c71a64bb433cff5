// Carrying out an apply plan over the SDK's asynchronous calls: several writes in flight, the
// results handed back in plan order.
#pragma once

#include <closeio/outcomes_client.hpp>
#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

#include "apply_plan.hpp"

namespace closeio_cli {

/// What became of one change of a plan.
struct ChangeResult {
  enum class State {
    done,     ///< The write succeeded.
    failed,   ///< The write call threw `error` (which may still have been carried out).
    not_sent  ///< Never sent: an earlier change failed.
  };
  State state = State::not_sent;
  std::exception_ptr error;  ///< failed only: what the write call threw.
};

/// Sends the changes of `plan` with `client`'s asynchronous calls, with the order rules of
/// WriteScheduler: at most `max_in_flight` writes at once, sent in plan order; deletes only once
/// every create and update has succeeded; after the first failure nothing more is sent and the
/// writes in flight finish. Calls `on_send(i)` when change i is sent and `on_result(i, result)`
/// for every change in plan order, each as soon as it and every change before it are settled;
/// both run on the calling thread. Returns every change's result, in plan order.
std::vector<ChangeResult> carry_out_plan(
    const closeio::OutcomesClient& client, const Plan& plan, std::size_t max_in_flight,
    const std::function<void(std::size_t)>& on_send,
    const std::function<void(std::size_t, const ChangeResult&)>& on_result);

}  // namespace closeio_cli
