import type { FrameworkId } from '../../src-shared/audit/framework-catalog.js';
import type { ImpactOptions } from '../../src-shared/impact/impact-options.js';

/** Request for an Audit Pack: what it covers and who prepared it. */
export interface AuditPackRequest {
  /** Names of the connections to cover, as saved in the vault. */
  connections: string[];
  /** Start and end of the period, ISO 8601 instants in UTC, both included. */
  from: string;
  to: string;
  frameworks: FrameworkId[];
  /** The person who prepared the pack, printed on the cover. */
  preparedBy: string;
  /** The generation time printed in the pack and written as the PDF's dates, ISO 8601 in UTC. */
  generatedAt: string;
  /** The organisation named on the cover; the connections' org URLs when absent. */
  organisation?: string;
  impact?: ImpactOptions;
}

/** Progress of a pack being generated: `done` of `total` steps of the current phase. */
export interface AuditPackProgress {
  phase: 'verify' | 'snapshots' | 'layout' | 'save';
  done: number;
  total: number;
  /** Item being worked on, such as `snapshot 12 of prod`. */
  detail: string;
}

/** Thrown when the AbortSignal given to generateAuditPack or saveAuditPack aborts; no file is left behind. */
export class AuditPackCancelledError extends Error {
  constructor() {
    super('The Audit Pack was cancelled before it was saved, so no file was written. Start the export again when you are ready.');
    this.name = 'AuditPackCancelledError';
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Checks a request before any work: at least one connection and framework, UTC instants with
 * `from` not after `to`, and a preparer's name. Throws an Error naming the invalid value.
 */
export function checkAuditPackRequest(request: AuditPackRequest): void {
  if (request.connections.length === 0) throw new Error('No connection given: name at least one saved connection.');
  if (request.frameworks.length === 0) throw new Error('No framework given: choose at least one of soc2, iso27001, hipaa.');
  if (request.preparedBy.trim() === '') throw new Error("The preparer's name is empty: give the name of the person preparing the pack.");
  for (const [name, value] of [['from', request.from], ['to', request.to], ['generatedAt', request.generatedAt]] as const) {
    if (!INSTANT.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`Invalid ${name} time '${value}': use an ISO 8601 UTC time such as 2026-01-31T23:59:59.999Z.`);
  }
  if (Date.parse(request.from) > Date.parse(request.to)) throw new Error(`The period starts (${request.from}) after it ends (${request.to}): swap the dates.`);
}
