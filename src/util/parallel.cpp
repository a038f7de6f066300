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

// Hands out task numbers and keeps the exception of the lowest-numbered
// task that threw. Tasks above a failed one are skipped; every task below
// it still runs, so the exception kept is the same whichever thread ran
// what, and when.
class Tasks {
 public:
  explicit Tasks(std::size_t count) : count_(count), failed_at_(count) {}

  // Runs tasks until none is left (or every one left is above a failed
  // one); `after_each` runs on this thread after each task it ran.
  template <typename AfterEach>
  void run(unsigned worker, const std::function<void(std::size_t, unsigned)>& task, AfterEach after_each) {
    for (std::size_t k = next_.fetch_add(1); k < count_ && !failed_below(k + 1); k = next_.fetch_add(1)) {
      try {
        task(k, worker);
      } catch (...) {
        fail(k, std::current_exception());
      }
      after_each(k);
    }
  }
  // Keeps `error` as task k's, unless a lower-numbered task failed too.
  void fail(std::size_t k, std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (k >= failed_at_.load()) return;
    error_ = std::move(error);
    failed_at_ = k;
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }
  // Whether a task numbered below `k` has failed.
  [[nodiscard]] bool failed_below(std::size_t k) const { return failed_at_.load() < k; }

 private:
  std::size_t count_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> failed_at_;  // the lowest failed task; count_ while none has
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
  // one when `wait` (until every task is taken, or the next one or one
  // before it has failed). A take that throws fails as its task would.
  auto take_made = [&](bool wait) {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        auto stop = [&] { return taken == count || tasks.failed_below(taken + 1); };
        if (wait) made_one.wait(lock, [&] { return stop() || made[taken]; });
        if (stop() || !made[taken]) return;
      }
      try {
        take(taken);
      } catch (...) {
        tasks.fail(taken, std::current_exception());
        return;
      }
      ++taken;
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
    tasks.run(worker, make, [&](std::size_t k) {
      mark_made(k);
      take_made(/*wait=*/false);
    });
    take_made(/*wait=*/true);
  });
  tasks.rethrow();
}

}  // namespace govscore::parallel
