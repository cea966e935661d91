import type { AuditPackProgressView } from '../../src-shared/ipc/audit-pack-views.js';
import { PROGRESS_INTERVAL_MS } from './capture-progress-tracker.js';

/**
 * Sends Audit Pack progress at most every PROGRESS_INTERVAL_MS, because the vault verification
 * reports every stored resource and would flood the IPC channel. A new stage, and the last step
 * of a stage, are sent at once.
 */
export class AuditPackProgressSender {
  #lastSentMs = -Infinity;
  #lastStage: AuditPackProgressView['stage'] | undefined;

  constructor(
    private readonly send: (progress: AuditPackProgressView) => void,
    private readonly nowMs: () => number = Date.now,
  ) {}

  report(progress: AuditPackProgressView): void {
    const now = this.nowMs();
    const urgent = progress.stage !== this.#lastStage || progress.done >= progress.total;
    if (!urgent && now - this.#lastSentMs < PROGRESS_INTERVAL_MS) return;
    this.#lastSentMs = now;
    this.#lastStage = progress.stage;
    this.send(progress);
  }
}
