import { z } from 'zod';
import { RESOURCE_KINDS } from '../snapshot/snapshot-model.js';

/**
 * Request schemas of the restore methods, merged into REQUEST_SCHEMAS. They mirror ScopeEntry
 * and PlanOptions in src-shared/restore; the planner still checks that a scope names something
 * in the snapshot, which only it can know.
 */

const connectionName = z.string().min(1).max(100);

const jobId = z.uuid();

const snapshotId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Okta ids, or `<ownerId>/<id>` for owned kinds; they never contain a colon or whitespace. */
const resourceId = z.string().min(1).max(300).regex(/^[^\s:]+$/, 'a resource id has no spaces or colons');

const resourceKind = z.enum(RESOURCE_KINDS);

/** An RFC 6901 JSON pointer below the root: `/` followed by tokens, `~` only as `~0` or `~1`. */
const jsonPointer = z.string().min(2).max(1000).regex(/^(\/([^~]|~[01])*)+$/, 'a field is a JSON pointer such as /properties/atlassianProducts');

/** `r` and a number, as the vault names restores. */
export const restoreIdSchema = z.string().regex(/^r[1-9][0-9]{0,15}$/, 'a restore id looks like r7');

export const scopeEntrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('app'), appId: resourceId }),
  z.strictObject({ type: z.literal('kind'), kind: resourceKind }),
  z.strictObject({ type: z.literal('resource'), id: resourceId, kind: resourceKind.optional() }),
  z.strictObject({ type: z.literal('field'), id: resourceId, kind: resourceKind.optional(), pointer: jsonPointer }),
]);

/** Every field is optional; the planner fills the rest from DEFAULT_PLAN_OPTIONS. */
export const planOptionsSchema = z.strictObject({
  allowDeletes: z.boolean().optional(),
  restoreSigningKey: z.boolean().optional(),
  thresholdUsers: z.number().int().min(0).max(10_000_000).optional(),
  thresholdPercent: z.number().min(0).max(100).optional(),
  overrideThreshold: z.boolean().optional(),
});

const restoreTarget = {
  jobId,
  connectionName,
  snapshotId,
  scope: z.array(scopeEntrySchema).min(1, 'choose at least one thing to restore').max(1000),
  options: planOptionsSchema,
};

export const RESTORE_REQUEST_SCHEMAS = {
  listSnapshotApps: z.strictObject({ snapshotId }),
  planRestore: z.strictObject(restoreTarget),
  /**
   * `confirm` is what the user typed; main compares it with the connection's org host. The
   * approver is never part of the request: main records the OS user it runs as.
   */
  executeRestore: z.strictObject({ ...restoreTarget, confirm: z.string().min(1).max(300) }),
  resumeRestore: z.strictObject({ jobId, restoreId: restoreIdSchema }),
  listRestores: z.strictObject({ connectionName: connectionName.optional() }),
  showRestore: z.strictObject({ restoreId: restoreIdSchema }),
} as const;
