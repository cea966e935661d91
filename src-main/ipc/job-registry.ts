import { DesktopError } from './desktop-error.js';

/**
 * Long jobs (captures, live comparisons, restores, Audit Pack exports) by the id the renderer chose, each with an
 * AbortController so that `cancel` can stop it.
 */
export class JobRegistry {
  readonly #running = new Map<string, AbortController>();

  /** Runs `work` under `jobId`; throws BUSY when a job with that id is still running. */
  async run<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#running.has(jobId)) throw new DesktopError('BUSY', `A job with id ${jobId} is already running. Wait for it to end or cancel it.`);
    const controller = new AbortController();
    this.#running.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.#running.delete(jobId);
    }
  }

  /** Asks a running job to stop; returns false when no job has that id (it may have ended already). */
  cancel(jobId: string): boolean {
    const controller = this.#running.get(jobId);
    if (controller === undefined) return false;
    controller.abort();
    return true;
  }

  /** Asks every running job to stop, when the app quits. */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}
