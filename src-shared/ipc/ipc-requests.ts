import { z } from 'zod';
import { AUDIT_PACK_REQUEST_SCHEMAS } from './audit-pack-requests.js';
import { RESTORE_REQUEST_SCHEMAS } from './restore-requests.js';

/**
 * Request schemas of every IPC method. Each is strict, so an unknown field is rejected rather
 * than ignored. Limits here are for the transport only; the vault applies its own rules
 * (connection names, labels) and its errors reach the renderer as INVALID_REQUEST.
 */

const empty = z.strictObject({});

const connectionName = z.string().min(1).max(100);

/** Random id the renderer gives a long job, so it can match progress events and cancel it. */
const jobId = z.uuid();

const snapshotId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An Okta token or key never contains whitespace; these bounds reject junk, not real values. */
const apiToken = z.string().min(8).max(4096).regex(/^\S+$/, 'an API token has no spaces or line breaks');

const privateKeyPem = z
  .string()
  .max(32_768)
  .regex(/-----BEGIN (RSA )?PRIVATE KEY-----/, 'paste the PEM text, starting with -----BEGIN PRIVATE KEY-----');

const scope = z.string().regex(/^okta\.[A-Za-z]+\.[A-Za-z]+$/, 'an Okta scope looks like okta.groups.read');

/**
 * An org URL: https, or plain http on loopback for the sandbox; no path, query, fragment or
 * user info. The result is the origin without a trailing slash, as the vault stores it.
 */
export const orgUrlSchema = z
  .string()
  .max(2048)
  .superRefine((raw, context) => {
    const problem = orgUrlProblem(raw);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((raw) => raw.trim().replace(/\/$/, '').toLowerCase());

/** Scheme, host and optional port of an address without path; a regular expression because src-shared has no URL class. */
const ORG_URL = /^(https?):\/\/([a-z0-9.-]+|\[::1\])(:[0-9]{1,5})?\/?$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Returns why an org URL is unusable, or undefined when it is fine. */
export function orgUrlProblem(raw: string): string | undefined {
  const match = ORG_URL.exec(raw.trim());
  if (match === null) {
    return /^https?:\/\/[^/]+\/./i.test(raw.trim())
      ? `'${raw}' must be the org's address without a path, such as https://acme.okta.com`
      : `'${raw}' is not an org address: use one such as https://acme.okta.com`;
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const host = (match[2] ?? '').toLowerCase();
  if (scheme !== 'https' && !LOOPBACK_HOSTS.has(host)) {
    return `'${raw}' must use https; plain http is allowed only for a sandbox on 127.0.0.1`;
  }
  return undefined;
}

const credential = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('api-token'), token: apiToken }),
  z.strictObject({
    type: z.literal('private-key'),
    clientId: z.string().min(1).max(200).regex(/^\S+$/, 'a client id has no spaces'),
    privateKeyPem,
    /** Empty or absent: the read-only scopes a snapshot needs. */
    scopes: z.array(scope).max(50).optional(),
    keyId: z.string().min(1).max(200).optional(),
  }),
]);

export const REQUEST_SCHEMAS = {
  listConnections: empty,
  addConnection: z.strictObject({
    name: connectionName,
    orgUrl: orgUrlSchema,
    credential,
    replace: z.boolean(),
  }),
  testConnection: z.strictObject({ name: connectionName }),
  listSnapshots: z.strictObject({ connectionName: connectionName.optional() }),
  showSnapshot: z.strictObject({ snapshotId }),
  takeSnapshot: z.strictObject({ jobId, connectionName, label: z.string().max(200).optional() }),
  setSnapshotLabel: z.strictObject({ snapshotId, label: z.string().max(200).nullable() }),
  verifyVault: empty,
  compareSnapshots: z.strictObject({ jobId, beforeId: snapshotId, after: z.union([snapshotId, z.literal('live')]) }),
  cancelJob: z.strictObject({ jobId }),
  listDrills: empty,
  sandboxStatus: empty,
  startSandbox: empty,
  stopSandbox: empty,
  applyDrill: z.strictObject({ name: z.string().min(1).max(100) }),
  ...RESTORE_REQUEST_SCHEMAS,
  ...AUDIT_PACK_REQUEST_SCHEMAS,
} as const;

/** The name of one method of the desktop API. */
export type IpcMethod = keyof typeof REQUEST_SCHEMAS;

/** The request a method accepts, as the renderer writes it. */
export type IpcRequest<M extends IpcMethod> = z.input<(typeof REQUEST_SCHEMAS)[M]>;

/** The request after validation, as a handler in main receives it. */
export type ValidRequest<M extends IpcMethod> = z.output<(typeof REQUEST_SCHEMAS)[M]>;
