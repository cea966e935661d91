import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

function vaultWithSnapshot(): { path: string; connectionId: string } {
  const path = join(tempDir(), 'vault.db');
  const vault = openTestVault(path);
  const connectionId = saveTestConnection(vault).id;
  vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(2)), trigger: 'manual' });
  vault.close();
  return { path, connectionId };
}

/** Runs `sql` on the closed vault with CHECK constraints off, as an editor outside Butterfly could. */
function tamper(path: string, sql: string): void {
  const db = openRawDatabase(path);
  db.pragma('ignore_check_constraints = ON');
  db.exec(sql);
  db.close();
}

// The complete flag, the resource count and section counts also have CHECK constraints, so
// SQLite's integrity check at open already rejects those edits as `vault-corrupt`.
describe('vault plaintext column checks', () => {
  it.each([
    ['snapshot start time', `UPDATE snapshots SET started_at = 'garbage'`, 'snapshot 1 start time'],
    ['snapshot finish time', `UPDATE snapshots SET taken_at = '2025-13-45T99:00:00Z'`, 'snapshot 1 finish time'],
    ['local snapshot time', `UPDATE snapshots SET started_at = '2025-01-31T09:30:00+01:00'`, 'snapshot 1 start time'],
    ['trigger', `UPDATE snapshots SET trigger = 'cron'`, 'snapshot 1 trigger'],
    ['section kind', `UPDATE snapshot_sections SET kind = 'widgets' WHERE kind = (SELECT min(kind) FROM snapshot_sections)`, 'snapshot 1 section'],
    ['connection creation time', `UPDATE connections SET created_at = 'not a date'`, 'creation time'],
    ['connection provider', `UPDATE connections SET provider = 'ldap'`, 'provider'],
  ])('verify reports a damaged %s', (_label, sql, where) => {
    const { path } = vaultWithSnapshot();
    tamper(path, sql);
    const vault = openTestVault(path);

    const problems = vault.verify().problems;
    vault.close();

    const problem = problems.find((candidate) => candidate.code === 'invalid-row');
    expect(problem).toBeDefined();
    expect(problem?.where).toContain(where);
  });

  it('snapshot list rejects a damaged time', () => {
    const { path } = vaultWithSnapshot();
    tamper(path, `UPDATE snapshots SET started_at = 'garbage'`);
    const vault = openTestVault(path);

    expect(() => vault.listSnapshots()).toThrow(expect.objectContaining({ code: 'invalid-row', where: 'snapshot 1 start time' }));
    vault.close();
  });

  it('connection list rejects a damaged time', () => {
    const { path, connectionId } = vaultWithSnapshot();
    tamper(path, `UPDATE connections SET created_at = 'not a date'`);
    const vault = openTestVault(path);

    expect(() => vault.listConnections()).toThrow(expect.objectContaining({ code: 'invalid-row', where: `connection ${connectionId} creation time` }));
    vault.close();
  });

  it('verify accepts an intact vault', () => {
    const { path } = vaultWithSnapshot();
    const vault = openTestVault(path);

    expect(vault.verify().problems).toEqual([]);
    vault.close();
  });
});
