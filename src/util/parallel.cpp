#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace govscore::parallel {

unsigned threads_for(unsigned jobs, std::size_t tasks) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, tasks)));
}

namespace {

// Hands out task numbers and keeps the first exception a task threw.
class Tasks {
 public:
  explicit Tasks(std::size_t count) : count_(count) {}

  // Runs tasks until none is left (or one has failed); `after_each` runs
  // on this thread after each task it ran.
  template <typename AfterEach>
  void run(unsigned worker, const std::function<void(std::size_t, unsigned)>& task, AfterEach after_each) {
    for (std::size_t k = next_.fetch_add(1); k < count_ && !failed_.load(); k = next_.fetch_add(1)) {
      try {
        task(k, worker);
      } catch (...) {
        fail(std::current_exception());
      }
      after_each(k);
    }
  }
  // Keeps the first exception; tasks not yet started are skipped.
  void fail(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::move(error);
    failed_ = true;
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }
  [[nodiscard]] bool failed() const { return failed_.load(); }

 private:
  std::size_t count_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::exception_ptr error_;
};

// Runs `body(worker)` on threads 1 … threads − 1 and on this one as
// worker 0, and joins them.
template <typename Body>
void on_threads(unsigned threads, Body body) {
  std::vector<std::thread> others;
  others.reserve(threads - 1);
  for (unsigned w = 1; w < threads; ++w) others.emplace_back([&body, w] { body(w); });
  body(0u);
  for (auto& t : others) t.join();
}

}  // namespace

void for_each(std::size_t count, unsigned jobs, const std::function<void(std::size_t, unsigned)>& task) {
  const unsigned threads = threads_for(jobs, count);
  if (threads == 1) {
    for (std::size_t k = 0; k < count; ++k) task(k, 0);
    return;
  }
  Tasks tasks(count);
  on_threads(threads, [&](unsigned worker) { tasks.run(worker, task, [](std::size_t) {}); });
  tasks.rethrow();
}

void for_each_ordered(std::size_t count, unsigned jobs, const std::function<void(std::size_t, unsigned)>& make,
                      const std::function<void(std::size_t)>& take) {
  const unsigned threads = threads_for(jobs, count);
  if (threads == 1) {
    for (std::size_t k = 0; k < count; ++k) {
      make(k, 0);
      take(k);
    }
    return;
  }
  Tasks tasks(count);
  std::vector<char> made(count, 0);  // guarded by `mutex`
  std::mutex mutex;
  std::condition_variable made_one;
  std::size_t taken = 0;  // the caller's thread only
  // Takes every made task in order from `taken` on; waits for the next
  // one when `wait` (until every task is taken, or one has failed).
  auto take_made = [&](bool wait) {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        if (wait) made_one.wait(lock, [&] { return taken == count || made[taken] || tasks.failed(); });
        if (taken == count || !made[taken] || tasks.failed()) return;
      }
      take(taken++);
    }
  };
  auto mark_made = [&](std::size_t k) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      made[k] = 1;
    }
    made_one.notify_all();
  };
  on_threads(threads, [&](unsigned worker) {
    if (worker != 0) return tasks.run(worker, make, mark_made);
    try {  // a take that throws must not leave the other threads unjoined
      tasks.run(worker, make, [&](std::size_t k) {
        mark_made(k);
        take_made(/*wait=*/false);
      });
      take_made(/*wait=*/true);
    } catch (...) {
      tasks.fail(std::current_exception());
    }
  });
  tasks.rethrow();
}

}  // namespace govscore::parallel
