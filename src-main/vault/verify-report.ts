import { isDamagedFileError, StoredValueError } from './vault-errors.js';
import type { VerificationProblemCode, VerificationReport } from './vault-types.js';

/** The part of the vault that `verify` is checking, for a progress display. */
export type VerificationPhase = 'database' | 'connections' | 'blobs' | 'snapshots';

/** Progress of `verify`: `done` of `total` rows of the current phase are checked. */
export interface VerificationProgress {
  phase: VerificationPhase;
  done: number;
  total: number;
}

/** A report being filled in, with the helpers every check uses. */
export class ReportBuilder {
  readonly report: VerificationReport = { snapshotsChecked: 0, blobsChecked: 0, valuesDecrypted: 0, problems: [] };

  constructor(private readonly onProgress: ((progress: VerificationProgress) => void) | undefined) {}

  addProblem(code: VerificationProblemCode, where: string, message: string): void {
    this.report.problems.push({ code, where, message });
  }

  progress(phase: VerificationPhase, done: number, total: number): void {
    this.onProgress?.({ phase, done, total });
  }

  /**
   * Runs one check of a stored value. A `StoredValueError` becomes a problem and the result is
   * undefined; any other error is a bug or an I/O failure and is thrown on.
   */
  check<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof StoredValueError)) throw error;
      this.addStoredValueProblem(error);
      return undefined;
    }
  }

  addStoredValueProblem(error: StoredValueError): void {
    this.addProblem(error.code === 'decrypt-failed' ? 'decrypt-failed' : 'invalid-row', error.where, error.problem);
  }

  /** Runs `check` on a read that decrypts one value, and counts the value when it decrypts. */
  decrypt<T>(read: () => T): T | undefined {
    const value = this.check(read);
    if (value !== undefined) this.report.valuesDecrypted++;
    return value;
  }
}

/** Tells whether an error is SQLite reporting a damaged file, which `verify` lists instead of throwing. */
export function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || isDamagedFileError(error);
}
