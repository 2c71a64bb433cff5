#include "plan_writes.hpp"

#include <memory>
#include <utility>

#include "completion_queue.hpp"
#include "write_scheduler.hpp"

namespace closeio_cli {
namespace {

// A finished write: which change, and what it threw (null: success).
struct Completion {
  std::size_t index = 0;
  std::exception_ptr error;
};
using Completions = CompletionQueue<Completion>;

// Starts the write of `change`; its completion (or an argument the SDK refuses at once) lands
// in `queue`. The callbacks only push: they run on the session's I/O thread.
void send(const closeio::OutcomesClient& client, const PlannedChange& change, std::size_t index,
          const std::shared_ptr<Completions>& queue) {
  try {
    switch (change.kind) {
      case PlannedChange::Kind::create: {
        closeio::OutcomeCreate create;
        create.name = change.desired.name;
        create.description = change.desired.description;
        create.type = change.desired.type;
        client.create_async(create,
                            [queue, index](const closeio::AsyncResult<closeio::Outcome>& r) {
                              queue->push({index, r.error()});
                            });
        return;
      }
      case PlannedChange::Kind::update: {
        closeio::OutcomeUpdate update;
        if (change.description_changes) {
          if (change.desired.description) {
            update.set_description(*change.desired.description);
          } else {
            update.clear_description();
          }
        }
        if (change.old_type) update.set_type(change.desired.type);
        client.update_async(change.id, update,
                            [queue, index](const closeio::AsyncResult<closeio::Outcome>& r) {
                              queue->push({index, r.error()});
                            });
        return;
      }
      case PlannedChange::Kind::remove:
        client.remove_async(change.id, [queue, index](const closeio::AsyncResult<void>& r) {
          queue->push({index, r.error()});
        });
        return;
    }
  } catch (...) {
    queue->push({index, std::current_exception()});  // refused before anything was sent
  }
}

// Where the deletes begin: the plan lists creates, then updates, then deletes.
std::size_t first_delete(const Plan& plan) {
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    if (plan.changes[i].kind == PlannedChange::Kind::remove) return i;
  }
  return plan.changes.size();
}

}  // namespace

std::vector<ChangeResult> carry_out_plan(
    const closeio::OutcomesClient& client, const Plan& plan, std::size_t max_in_flight,
    const std::function<void(std::size_t)>& on_send,
    const std::function<void(std::size_t, const ChangeResult&)>& on_result) {
  const std::size_t total = plan.changes.size();
  WriteScheduler scheduler(total, max_in_flight, first_delete(plan));
  auto queue = std::make_shared<Completions>();
  std::vector<ChangeResult> results(total);

  auto report_ready = [&] {
    for (const std::size_t i : scheduler.take_reportable()) {
      switch (scheduler.state(i)) {
        case WriteScheduler::State::done:
          results[i].state = ChangeResult::State::done;
          break;
        case WriteScheduler::State::failed:
          results[i].state = ChangeResult::State::failed;
          break;
        default:
          results[i].state = ChangeResult::State::not_sent;
          break;
      }
      on_result(i, results[i]);
    }
  };

  // Every write sent is waited for, whatever happens: its callback refers to `queue` only, but
  // its result belongs in the report.
  while (!scheduler.all_settled()) {
    while (const auto index = scheduler.next_to_send()) {
      on_send(*index);
      send(client, plan.changes[*index], *index, queue);
    }
    Completion done = queue->pop();
    results[done.index].error = done.error;
    scheduler.finished(done.index, done.error == nullptr);
    report_ready();
  }
  report_ready();  // an empty plan, or changes left unsent
  return results;
}

}  // namespace closeio_cli
