import type { Logger } from '../../logging/logger.js';
import type { SandboxOrg } from '../server.js';
import { drillByName } from './drill-catalog.js';
import { DrillApi } from './drill-api.js';
import { DrillError, type DrillReport, type DrillRequestRecord } from './drill-types.js';

export interface DrillTarget {
  /** The org's URL without a path. */
  orgUrl: string;
  /** A read-write API token (SSWS). */
  token: string;
  logger?: Logger;
}

/**
 * Applies the named drill to an org and returns its report. A failure is rethrown as a
 * `DrillError` that names the drill and lists the writes already applied, because a drill
 * that stops halfway has still changed the org.
 */
export async function applyDrill(name: string, target: DrillTarget): Promise<DrillReport> {
  const drill = drillByName(name);
  const api = new DrillApi(target);
  try {
    return await drill.apply(api);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DrillError(`Drill '${name}' failed against ${api.orgUrl}: ${reason} ${describeWrites(api.requestsSent())}`, { cause: error });
  }
}

/** Applies the named drill to a running sandbox org with the sandbox's first API token. */
export async function applyDrillToSandbox(org: SandboxOrg, name: string, logger?: Logger): Promise<DrillReport> {
  return applyDrill(name, { orgUrl: org.url, token: org.token, ...(logger ? { logger } : {}) });
}

function describeWrites(requests: DrillRequestRecord[]): string {
  const applied = requests.filter((request) => request.method !== 'GET' && request.status < 400);
  if (applied.length === 0) return 'The org was not changed.';
  return `Writes already applied: ${applied.map((request) => `${request.method} ${request.path}`).join(', ')}.`;
}
