import { findConnectionById } from './connections-table.js';
import { restoreNotFound } from './restore-errors.js';
import { parseRestoreId } from './restore-ids.js';
import {
  countStepsSucceeded,
  decodeEventRow,
  journalProblem,
  readRestoreApprover,
  readRestoreFields,
  readRestorePlan,
  readRestoreStatusDetail,
  readRestoreVerification,
  type JournalEvent,
  type RestoreFields,
} from './restore-rows.js';
import { asRow, readCount, type Row } from './row-checks.js';
import type { VaultContext } from './vault-context.js';
import { connectionNotFound, invalidRow } from './vault-errors.js';
import type { RestoreRecord, StoredRestore } from './vault-types.js';

/** Selects restore rows with the number of distinct steps that succeeded, counted from the plaintext event columns. */
const SELECT_RESTORES = `
  SELECT r.*, (SELECT count(DISTINCT e.step_index) FROM restore_events e WHERE e.restore_id = r.id AND e.type = 'succeeded') AS steps_succeeded
  FROM restores r`;

/**
 * Lists restores newest first, all of them or those into the connection with this id. Throws
 * `connection-not-found` for an unknown connection id, and `decrypt-failed` or `invalid-row`
 * for a damaged row. It decrypts the approver but not the plan, so only `readRestore` and
 * `verify` notice an edit of the plaintext columns that the plan's binding covers.
 */
export function listRestores(context: VaultContext, connectionId?: string): RestoreRecord[] {
  if (connectionId !== undefined && findConnectionById(context, connectionId) === undefined) throw connectionNotFound(`with id ${connectionId}`);

  const rows = connectionId === undefined
    ? context.db.prepare(`${SELECT_RESTORES} ORDER BY r.id DESC`).all()
    : context.db.prepare(`${SELECT_RESTORES} WHERE r.connection_id = ? ORDER BY r.id DESC`).all(connectionId);

  const connectionNames = new Map<string, string>();
  return rows.map((value) => {
    const row = asRow(value, 'restore row');
    const fields = readRestoreFields(row);
    return toRecord(context, row, fields, readCount(row, 'steps_succeeded', `restore ${fields.restoreId} events`), connectionNames);
  });
}

/** Reads the record of the restore with this row id; the restore must exist. */
export function readRestoreRecord(context: VaultContext, rowId: number): RestoreRecord {
  const value: unknown = context.db.prepare(`${SELECT_RESTORES} WHERE r.id = ?`).get(rowId);
  const row = asRow(value, `restore row ${rowId}`);
  const fields = readRestoreFields(row);
  return toRecord(context, row, fields, readCount(row, 'steps_succeeded', `restore ${fields.restoreId} events`), new Map());
}

/**
 * Reads and decrypts a whole restore: record, plan, journal in recorded order, status detail and
 * verification. Throws `restore-not-found`, or `decrypt-failed` or `invalid-row` naming the
 * first damaged value. It also throws `invalid-row` when the journal's event numbers have a gap
 * or differ from the restore's event count, because a resumed restore must not trust a journal
 * that lost events.
 */
export function readRestore(context: VaultContext, restoreId: string): StoredRestore {
  const rowId = parseRestoreId(restoreId);
  const value: unknown = rowId === undefined ? undefined : context.db.prepare('SELECT * FROM restores WHERE id = ?').get(rowId);
  if (value === undefined) throw restoreNotFound(String(restoreId));

  const row = asRow(value, `restore ${restoreId}`);
  const fields = readRestoreFields(row);
  const plan = readRestorePlan(context.keys, row, fields);
  const events = readJournal(context, fields);

  return {
    record: toRecord(context, row, fields, countStepsSucceeded(events), new Map()),
    plan,
    events: events.map(({ stepIndex, type, at, detail }) => ({ stepIndex, type, at, detail })),
    statusDetail: readRestoreStatusDetail(context.keys, row, fields),
    verification: readRestoreVerification(context.keys, row, fields),
  };
}

function readJournal(context: VaultContext, restore: RestoreFields): JournalEvent[] {
  const rows = context.db.prepare('SELECT * FROM restore_events WHERE restore_id = ? ORDER BY sequence').all(restore.rowId);
  const events = rows.map((value) => decodeEventRow(context.keys, asRow(value, `restore ${restore.restoreId} event`), restore));

  const problem = journalProblem(events.map((event) => event.sequence), restore.eventCount);
  if (problem !== undefined) throw invalidRow(`restore ${restore.restoreId} journal`, problem);
  return events;
}

function toRecord(context: VaultContext, row: Row, fields: RestoreFields, stepsSucceeded: number, connectionNames: Map<string, string>): RestoreRecord {
  return {
    id: fields.restoreId,
    connectionId: fields.connectionId,
    connectionName: connectionNameOf(context, fields, connectionNames),
    desiredSnapshotId: fields.desiredSnapshotId,
    preRestoreSnapshotId: fields.preRestoreSnapshotId,
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    status: fields.status,
    approvedBy: readRestoreApprover(context.keys, row, fields),
    stepCount: fields.stepCount,
    stepsSucceeded,
  };
}

/** Decrypts each connection's name once per listing. */
function connectionNameOf(context: VaultContext, fields: RestoreFields, cache: Map<string, string>): string {
  const cached = cache.get(fields.connectionId);
  if (cached !== undefined) return cached;

  const connection = findConnectionById(context, fields.connectionId);
  if (connection === undefined) throw invalidRow(`restore ${fields.restoreId} connection id`, 'the connection it names is missing');
  cache.set(fields.connectionId, connection.name);
  return connection.name;
}
