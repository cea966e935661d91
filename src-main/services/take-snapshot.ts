import type { CaptureListener } from '../okta/capture-progress.js';
import { captureSnapshot, type CaptureFollow } from '../okta/capture/capture-snapshot.js';
import { createOktaClient } from '../okta/okta-client.js';
import { OktaRequestError } from '../okta/okta-request-error.js';
import { OktaTransport } from '../okta/okta-transport.js';
import type { CapturedSnapshot, SnapshotTrigger } from '../../src-shared/snapshot/snapshot-model.js';
import type { ConnectionRecord, SnapshotSummary } from '../vault/vault-types.js';
import type { ButterflyServices } from './butterfly-services.js';
import { loadOktaCredential } from './connection-credentials.js';

/** A connection name that the vault does not hold. */
export class ConnectionNotFoundError extends Error {
  constructor(name: string, known: string[]) {
    const hint = known.length > 0 ? ` Saved connections: ${known.join(', ')}.` : ' No connection is saved yet.';
    super(`No connection named '${name}'.${hint} Add one with 'butterfly connect ${name} --org-url URL --token-stdin'.`);
    this.name = 'ConnectionNotFoundError';
  }
}

export interface TakeSnapshotOptions {
  connectionName: string;
  /** App ids or labels; empty means every Atlassian app in the org. */
  apps: string[];
  label?: string;
  trigger: SnapshotTrigger;
  listener?: CaptureListener;
}

export interface TakenSnapshot {
  summary: SnapshotSummary;
  requests: number;
}

/** Returns the saved connection with this name, or throws ConnectionNotFoundError listing the saved ones. */
export function requireConnection(services: ButterflyServices, name: string): ConnectionRecord {
  const connection = services.vault.findConnection(name);
  if (!connection) throw new ConnectionNotFoundError(name, services.vault.listConnections().map((known) => known.name));
  return connection;
}

/**
 * Captures a connection's org and stores the snapshot in the vault in one transaction. An
 * incomplete capture is stored too, marked incomplete, so that what was read is not lost.
 */
export async function takeSnapshot(services: ButterflyServices, options: TakeSnapshotOptions): Promise<TakenSnapshot> {
  const connection = requireConnection(services, options.connectionName);
  const { captured, requests } = await captureConnection(services, connection, options.apps, options.listener);
  const summary = services.vault.writeSnapshot({ connectionId: connection.id, captured, label: options.label, trigger: options.trigger });
  services.logger.info({ snapshot: summary.id, complete: summary.complete, resources: summary.resourceCount }, 'snapshot stored');
  return { summary, requests };
}

/** Captures a connection's org without storing anything, for a comparison with the live org. */
export async function captureConnection(
  services: ButterflyServices,
  connection: ConnectionRecord,
  apps: string[],
  listener?: CaptureListener,
  follow?: CaptureFollow,
): Promise<{ captured: CapturedSnapshot; requests: number }> {
  const credential = await loadOktaCredential(services.secrets, connection);
  const logger = services.logger.child({ subsystem: 'capture', connection: connection.id });
  const transport = new OktaTransport(createOktaClient(connection.orgUrl, credential), { listener, logger });
  try {
    const captured = await captureSnapshot({ transport, apps, listener, logger, ...(follow ? { follow } : {}) });
    return { captured, requests: transport.requestCount };
  } catch (error) {
    if (error instanceof OktaRequestError && (error.status === 401 || error.status === 403)) {
      throw new Error(
        `${error.message} The credential of connection '${connection.name}' was rejected or lacks a permission; ` +
          `save a working one with 'butterfly connect ${connection.name} --org-url ${connection.orgUrl} … --replace'.`,
        { cause: error },
      );
    }
    throw error;
  }
}
