/**
 * Lets pending I/O callbacks run, such as the IPC message that cancels this job. The pack's
 * work is synchronous between these points, so a cancel arrives only at one of them.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
