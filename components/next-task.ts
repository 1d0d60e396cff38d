/**
 * The widget's start-up runs in steps, each in a task of its own, so that no step holds the page's
 * main thread long (a task over 50 ms is a long task: it delays the page's own input handling and
 * counts in its Total Blocking Time). Between steps the browser may handle input and paint.
 */

type Scheduler = { yield?: () => Promise<void> };

/** Resolves in a new task: `scheduler.yield()` where the browser has it (it runs before other tasks waiting), a timer elsewhere. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
