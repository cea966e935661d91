import { DIGEST_BYTES, MIN_SEALED_BYTES, openSealedValue } from './vault-crypto.js';
import { decryptFailed, invalidRow } from './vault-errors.js';

/**
 * Typed reads of one column of a row returned by better-sqlite3. Each check throws an
 * `invalid-row` StoredValueError naming `where` and the column when the value has the wrong
 * type or length, so damaged rows surface as vault errors instead of wrong values.
 */
export type Row = Record<string, unknown>;

/** Returns the row as a record, or throws when the query returned something else. */
export function asRow(value: unknown, where: string): Row {
  if (typeof value !== 'object' || value === null) throw invalidRow(where, 'the row is missing');
  return value as Row;
}

export function readText(row: Row, column: string, where: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw invalidRow(where, `column ${column} contains ${describe(value)}, not text`);
  return value;
}

export function readInteger(row: Row, column: string, where: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidRow(where, `column ${column} contains ${describe(value)}, not an integer`);
  }
  return value;
}

export function readOptionalInteger(row: Row, column: string, where: string): number | undefined {
  return row[column] === null ? undefined : readInteger(row, column, where);
}

/** ISO 8601 in UTC as `Date.prototype.toISOString` writes it, with optional fraction digits. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Tells whether a text is an ISO 8601 UTC timestamp such as 2025-01-31T09:30:00.000Z that names a real time. */
export function isIsoUtcTimestamp(value: string): boolean {
  return ISO_UTC.test(value) && Number.isFinite(Date.parse(value));
}

/** Reads a timestamp column, which must hold an ISO 8601 UTC timestamp. */
export function readTimestamp(row: Row, column: string, where: string): string {
  const value = readText(row, column, where);
  if (!isIsoUtcTimestamp(value)) {
    // The value is plaintext metadata, not org data, so the message may show it.
    throw invalidRow(where, `column ${column} contains ${JSON.stringify(value.slice(0, 40))}, not an ISO 8601 UTC timestamp`);
  }
  return value;
}

/** Reads a count column, which must hold a non-negative integer. */
export function readCount(row: Row, column: string, where: string): number {
  const value = readInteger(row, column, where);
  if (value < 0) throw invalidRow(where, `column ${column} contains ${value}, not a non-negative count`);
  return value;
}

export function readOptionalCount(row: Row, column: string, where: string): number | undefined {
  return row[column] === null ? undefined : readCount(row, column, where);
}

/** Reads a 0/1 flag column. */
export function readFlag(row: Row, column: string, where: string): boolean {
  const value = readInteger(row, column, where);
  if (value !== 0 && value !== 1) throw invalidRow(where, `column ${column} contains ${value}, not 0 or 1`);
  return value === 1;
}

export function readBytes(row: Row, column: string, where: string): Buffer {
  const value = row[column];
  if (!Buffer.isBuffer(value)) throw invalidRow(where, `column ${column} contains ${describe(value)}, not bytes`);
  return value;
}

/** Reads a SHA-256 or HMAC-SHA256 column, which must be exactly 32 bytes. */
export function readDigest(row: Row, column: string, where: string): Buffer {
  const value = readBytes(row, column, where);
  if (value.length !== DIGEST_BYTES) throw invalidRow(where, `column ${column} contains ${value.length} bytes, not ${DIGEST_BYTES}`);
  return value;
}

/**
 * Reads a sealed column and decrypts it under `binding`. Throws `invalid-row` when the column is
 * not bytes or too short to be sealed, and `decrypt-failed` when authentication fails.
 */
export function readSealed(key: Buffer, row: Row, column: string, binding: string, where: string): Buffer {
  const sealed = readBytes(row, column, where);
  if (sealed.length < MIN_SEALED_BYTES) {
    throw invalidRow(where, `column ${column} contains ${sealed.length} bytes, fewer than the ${MIN_SEALED_BYTES} of an empty sealed value`);
  }

  const plaintext = openSealedValue(key, sealed, binding);
  if (plaintext === undefined) throw decryptFailed(where);
  return plaintext;
}

/** Reads a sealed column that may be null. */
export function readOptionalSealed(key: Buffer, row: Row, column: string, binding: string, where: string): Buffer | undefined {
  return row[column] === null ? undefined : readSealed(key, row, column, binding, where);
}

/** Decodes decrypted bytes as UTF-8, rejecting byte sequences that are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw invalidRow(where, 'the decrypted value is not valid UTF-8', error);
  }
}

/** Parses decrypted JSON text, naming the row when it does not parse. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidRow(where, 'the decrypted value is not valid JSON', error);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  return `a ${typeof value}`;
}
