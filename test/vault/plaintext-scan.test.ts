import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { groupResource, makeCapture, openTestVault, ORG_URL, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

/** Org data the vault must never write in plaintext. */
const orgStrings = {
  groupName: 'Confluence Administrators Quokka',
  secondGroupName: 'jsm-agents-wombat',
  login: 'quentin.okafor@acme-probe.example',
  label: 'Before the Quokka incident',
  orgUrl: ORG_URL,
  orgHost: new URL(ORG_URL).host,
  connectionName: 'Acme Quokka Production',
  clientId: '0oaQuokkaClientId',
  sectionError: 'Quokka rate limit exhausted',
  notConfiguredReason: 'Quokka device assurance not licensed',
};

function membersResource(): SnapshotResource {
  return {
    kind: 'group-members',
    id: '00g1members',
    name: orgStrings.secondGroupName,
    body: { members: [{ id: '00u1', login: orgStrings.login, status: 'ACTIVE' }] },
  };
}

/** Returns the vault file and its WAL, as they are on disk now. */
function fileBytes(path: string): Buffer {
  const parts = [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));
  return Buffer.concat(parts.map((file) => readFileSync(file)));
}

function writeOrgData(path: string): ReturnType<typeof openTestVault> {
  const vault = openTestVault(path);
  const connection = vault.saveConnection({
    name: orgStrings.connectionName,
    orgUrl: orgStrings.orgUrl,
    auth: { type: 'private-key', clientId: orgStrings.clientId, scopes: ['okta.groups.read'] },
  });
  const captured = makeCapture([groupResource(1, 0, orgStrings.groupName), membersResource()], {
    'group-rule': { status: 'failed', count: 0, error: orgStrings.sectionError },
    'device-assurance': { status: 'not-configured', reason: orgStrings.notConfiguredReason },
  });
  const written = vault.writeSnapshot({ connectionId: connection.id, captured, trigger: 'scheduled', label: orgStrings.label });
  vault.setLabel(written.id, `${orgStrings.label} (checked)`);
  return vault;
}

describe('vault plaintext scan', () => {
  it.each(Object.entries(orgStrings))('open vault hides %s', (_name, text) => {
    const path = join(tempDir(), 'vault.db');
    const vault = writeOrgData(path);
    const bytes = fileBytes(path);
    vault.close();

    expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
  });

  it.each(Object.entries(orgStrings))('closed vault hides %s', (_name, text) => {
    const path = join(tempDir(), 'vault.db');
    writeOrgData(path).close();

    expect(fileBytes(path).includes(Buffer.from(text, 'utf8'))).toBe(false);
  });

  it('scan finds plaintext columns', () => {
    // Proves the scan reads the data: the trigger column is plaintext by design.
    const path = join(tempDir(), 'vault.db');
    writeOrgData(path).close();

    expect(fileBytes(path).includes(Buffer.from('scheduled', 'utf8'))).toBe(true);
  });
});
