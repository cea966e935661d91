// Builds a vault of the large generated org with one snapshot a day, for the Audit Pack
// benchmark. The org is captured once from the sandbox, and each later day is that capture with
// a small change. One team group loses a member every day, and every seventh day a group rule's
// expression is edited, so every snapshot differs from the one before, as a real org's would.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { captureSnapshot } from '../src-main/okta/capture/capture-snapshot.js';
import { createOktaClient } from '../src-main/okta/okta-client.js';
import { OktaTransport } from '../src-main/okta/okta-transport.js';
import type { RateLimitOptions } from '../src-main/sandbox/http/rate-limits.js';
import { startSandbox } from '../src-main/sandbox/server.js';
import { Vault } from '../src-main/vault/vault.js';
import type { JsonObject, JsonValue } from '../src-shared/json/json-types.js';
import type { CapturedSnapshot, SnapshotResource } from '../src-shared/snapshot/snapshot-model.js';
import { buildLargeOrgSeed } from './large-org-seed.js';

const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const LIFTED: RateLimitOptions = { limits: { apps: 1e9, app: 1e9, groups: 1e9, group: 1e9, users: 1e9, user: 1e9, other: 1e9 } };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The built vault: its folder and key, the first and last day, and the resources per snapshot. */
export interface LargeVault {
  folder: string;
  keyHex: string;
  firstDay: string;
  lastDay: string;
  resources: number;
}

/** Captures the large org once and writes `days` daily snapshots of it into a new vault in `folder`. */
export async function buildLargeVault(folder: string, days: number, onDay: (day: number) => void): Promise<LargeVault> {
  const base = await captureLargeOrg();
  const key = randomBytes(32);
  const vault = Vault.open({ path: join(folder, 'vault.db'), vaultKey: key });
  const start = Date.parse('2025-01-01T06:00:00.000Z');

  try {
    const connection = vault.saveConnection({ name: 'northwind', orgUrl: base.orgUrl, auth: { type: 'api-token' } });
    let resources = base.resources;
    for (let day = 0; day < days; day++) {
      if (day > 0) resources = changeForDay(resources, day);
      const time = new Date(start + day * DAY_MS).toISOString();
      const captured: CapturedSnapshot = { ...base, startedAt: time, finishedAt: time, resources };
      vault.writeSnapshot({ connectionId: connection.id, captured, trigger: 'scheduled' });
      onDay(day + 1);
    }
  } finally {
    vault.close();
  }

  await writeFile(join(folder, 'key.hex'), key.toString('hex'));
  return {
    folder,
    keyHex: key.toString('hex'),
    firstDay: new Date(start).toISOString().slice(0, 10),
    lastDay: new Date(start + (days - 1) * DAY_MS).toISOString().slice(0, 10),
    resources: base.resources.length,
  };
}

async function captureLargeOrg(): Promise<CapturedSnapshot> {
  const sandbox = await startSandbox({ seed: await buildLargeOrgSeed(), rateLimits: LIFTED });
  try {
    const transport = new OktaTransport(createOktaClient(sandbox.url, { type: 'api-token', token: sandbox.token }));
    return await captureSnapshot({ transport, apps: [PROD_APP] });
  } finally {
    await sandbox.close();
  }
}

/** Returns the resources of the next day: one team group loses its first member, and each seventh day a rule changes. */
function changeForDay(resources: SnapshotResource[], day: number): SnapshotResource[] {
  const teams = resources.filter((resource) => resource.kind === 'group-members' && resource.name.startsWith('team-'));
  const rules = resources.filter((resource) => resource.kind === 'group-rule');
  const team = teams[day % teams.length];
  const rule = day % 7 === 0 ? rules[(day / 7) % rules.length] : undefined;

  return resources.map((resource) => {
    if (resource === team && Array.isArray(resource.body) && resource.body.length > 1) return { ...resource, body: resource.body.slice(1) };
    if (resource === rule) return { ...resource, body: withExpression(resource.body, day) };
    return resource;
  });
}

function withExpression(body: JsonValue, day: number): JsonValue {
  const copy = JSON.parse(JSON.stringify(body)) as JsonObject;
  const conditions = (copy['conditions'] ?? {}) as JsonObject;
  conditions['expression'] = { type: 'urn:okta:expression:1.0', value: `user.costCenter=="CC-${2000 + day}"` };
  copy['conditions'] = conditions;
  return copy;
}
