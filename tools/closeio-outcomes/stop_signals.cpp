#include "stop_signals.hpp"

#include <pthread.h>

#include <csignal>

namespace closeio_cli {
namespace {

// SIGUSR2 only wakes the waiting thread when the command ends by itself.
sigset_t waited_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  return set;
}

}  // namespace

StopSignals::StopSignals() {
  const sigset_t set = waited_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  waiter_ = std::thread([this, set] {
    int signal = 0;
    if (sigwait(&set, &signal) == 0 && signal != SIGUSR2) {
      received_ = signal;
      source_.cancel();
    }
  });
}

StopSignals::~StopSignals() {
  if (received_ == 0) pthread_kill(waiter_.native_handle(), SIGUSR2);
  waiter_.join();
  const sigset_t set = waited_signals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace closeio_cli
