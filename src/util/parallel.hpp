// The one way the library runs work on more than one thread (internal
// header). Callers describe numbered tasks; these loops run them on the
// caller's thread and up to `jobs − 1` threads of their own, which end
// before the loop returns. No thread outlives a call, and nothing the
// caller sees depends on which thread ran which task: results go to the
// task's own slot, or are taken in task order.
#pragma once

#include <cstddef>
#include <functional>

namespace govscore::parallel {

// The thread count to use for `jobs`: 0 means every core of the machine;
// never more than `tasks` (no idle threads), never less than 1.
unsigned threads_for(unsigned jobs, std::size_t tasks);

// Runs task(k, worker) once for every k in [0, count). `worker` is in
// [0, threads_for(jobs, count)) and names the thread running the task, so
// that a task can use per-thread scratch; tasks are handed out in order as
// threads come free. With one thread, every task runs in order on the
// caller's thread. If tasks throw, the exception of the lowest-numbered
// one is rethrown here after every thread has stopped: every task below it
// runs, tasks above it may not. So the exception is the same at any
// thread count and in any run.
void for_each(std::size_t count, unsigned jobs, const std::function<void(std::size_t k, unsigned worker)>& task);

// Runs make(k, worker) as for_each does, and take(k) on the caller's thread
// for k = 0, 1, …, count − 1 in that order, each as soon as make(k) is
// done: the caller consumes results in task order (a file's blocks in file
// order) while later ones are still being made. Exceptions as for_each,
// a take that throws counting as a failure of its task; no task is taken
// after one that failed.
void for_each_ordered(std::size_t count, unsigned jobs,
                      const std::function<void(std::size_t k, unsigned worker)>& make,
                      const std::function<void(std::size_t k)>& take);

}  // namespace govscore::parallel
