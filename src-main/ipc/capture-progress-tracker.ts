import type { CaptureProgressView } from '../../src-shared/ipc/ipc-views.js';
import { RESOURCE_KINDS, type ResourceKind } from '../../src-shared/snapshot/snapshot-model.js';
import type { CaptureEvent } from '../okta/capture-progress.js';

/** Minimum time between two progress events, in milliseconds; section changes are sent at once. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Folds capture events into the progress view the renderer draws, and sends it at most every
 * PROGRESS_INTERVAL_MS, so hundreds of requests per second do not flood the IPC channel.
 */
export class CaptureProgressTracker {
  readonly #finished = new Set<ResourceKind>();
  #current: ResourceKind | null = null;
  #requests = 0;
  #notice: string | null = null;
  #lastSentMs = -Infinity;

  constructor(
    private readonly send: (progress: CaptureProgressView) => void,
    private readonly nowMs: () => number = Date.now,
  ) {}

  handle(event: CaptureEvent): void {
    let urgent = false;
    switch (event.type) {
      case 'section-started':
        this.#current = event.section;
        urgent = true;
        break;
      case 'section-finished':
        this.#finished.add(event.section);
        urgent = true;
        break;
      case 'request':
        this.#requests++;
        this.#notice = null;
        break;
      case 'rate-limit-wait':
        this.#notice = `Waiting ${Math.ceil(event.waitMs / 1000)} s for Okta's rate limit on ${event.path}.`;
        urgent = true;
        break;
      case 'retry':
        this.#notice = `Retrying ${event.path} in ${Math.ceil(event.delayMs / 1000)} s (attempt ${event.attempt + 1}): ${event.reason}`;
        urgent = true;
        break;
      case 'page':
        break;
    }
    this.#maybeSend(urgent);
  }

  /** Sends the final state, whatever the time since the last event. */
  flush(): void {
    this.#maybeSend(true);
  }

  #maybeSend(urgent: boolean): void {
    const now = this.nowMs();
    if (!urgent && now - this.#lastSentMs < PROGRESS_INTERVAL_MS) return;
    this.#lastSentMs = now;
    this.send({
      sectionsDone: this.#finished.size,
      sectionsTotal: RESOURCE_KINDS.length,
      currentSection: this.#current,
      requests: this.#requests,
      notice: this.#notice,
    });
  }
}
