/**
 * Runs tasks one at a time, in the order they were asked for (server round trips that read, change
 * and write back). The caller gets each task's failure through its own promise; the queue only
 * waits for it to settle.
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}
