import type { CaptureListener } from '../okta/capture-progress.js';
import type { CapturedSnapshot } from '../../src-shared/snapshot/snapshot-model.js';
import type { ConnectionRecord, SnapshotSummary } from '../vault/vault-types.js';
import type { ButterflyServices } from './butterfly-services.js';
import { captureConnection, requireConnection } from './take-snapshot.js';

/** The user cancelled a capture; nothing was stored. */
export class CaptureCancelledError extends Error {
  constructor(connectionName: string) {
    super(`The capture of '${connectionName}' was cancelled; nothing was stored.`);
    this.name = 'CaptureCancelledError';
  }
}

export interface SnapshotJobOptions {
  connectionName: string;
  label?: string;
  listener?: CaptureListener;
  signal: AbortSignal;
}

/**
 * Captures a connection's org and stores the snapshot, like takeSnapshot, but stops when
 * `signal` aborts: no request is sent after that, and the partial capture is discarded instead
 * of being stored as an incomplete snapshot. Throws CaptureCancelledError then.
 */
export async function takeSnapshotUnlessCancelled(services: ButterflyServices, options: SnapshotJobOptions): Promise<{ summary: SnapshotSummary; requests: number }> {
  const connection = requireConnection(services, options.connectionName);
  const { captured, requests } = await captureUnlessCancelled(services, connection, [], options.signal, options.listener);
  const summary = services.vault.writeSnapshot({ connectionId: connection.id, captured, label: options.label, trigger: 'manual' });
  services.logger.info({ snapshot: summary.id, complete: summary.complete, resources: summary.resourceCount }, 'snapshot stored');
  return { summary, requests };
}

/**
 * Runs captureConnection and stops it when `signal` aborts. The capture reports every request
 * to its listener before sending it, so the listener throws there once the signal has aborted.
 * NOTE: a rate-limit wait already in progress runs to its end before the capture stops.
 */
export async function captureUnlessCancelled(
  services: ButterflyServices,
  connection: ConnectionRecord,
  apps: string[],
  signal: AbortSignal,
  listener?: CaptureListener,
): Promise<{ captured: CapturedSnapshot; requests: number }> {
  const cancelled = (): CaptureCancelledError => new CaptureCancelledError(connection.name);
  if (signal.aborted) throw cancelled();

  const guarded: CaptureListener = (event) => {
    if (signal.aborted && event.type === 'request') throw cancelled();
    listener?.(event);
  };
  const result = await captureConnection(services, connection, apps, guarded).catch((error: unknown) => {
    throw signal.aborted ? cancelled() : error;
  });

  if (signal.aborted) {
    services.logger.info({ connection: connection.id }, 'capture cancelled; the partial capture was discarded');
    throw cancelled();
  }
  return result;
}
