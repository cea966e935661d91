import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SaveConnectionInput } from '../../src-main/vault/connection-input-checks.js';
import { makeCapture, openTestVault, ORG_URL, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

const production: SaveConnectionInput = {
  name: 'Acme Production',
  orgUrl: ORG_URL,
  auth: { type: 'private-key', clientId: '0oa1client', scopes: ['okta.groups.read'], keyId: 'kid-1' },
};

function emptyVault(): ReturnType<typeof openTestVault> {
  return openTestVault(join(tempDir(), 'vault.db'));
}

describe('vault connections', () => {
  it('saves and finds a connection', () => {
    const vault = emptyVault();
    const saved = vault.saveConnection(production);

    expect(vault.findConnection('Acme Production')).toEqual(saved);
    expect(saved).toEqual(expect.objectContaining({ name: 'Acme Production', provider: 'okta', orgUrl: ORG_URL, auth: production.auth }));
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(vault.findConnection('Acme Staging')).toBeUndefined();
    vault.close();
  });

  it('lists connections by name', () => {
    const vault = emptyVault();
    vault.saveConnection({ ...production, name: 'Zeta' });
    vault.saveConnection({ ...production, name: 'Alpha', auth: { type: 'api-token' } });

    expect(vault.listConnections().map((connection) => connection.name)).toEqual(['Alpha', 'Zeta']);
    vault.close();
  });

  it('existing name needs replace', () => {
    const vault = emptyVault();
    vault.saveConnection(production);

    expect(() => vault.saveConnection(production)).toThrow(expect.objectContaining({ code: 'connection-exists' }));
    expect(() => vault.saveConnection(production)).toThrow(/"Acme Production" already exists.*--replace/);
    vault.close();
  });

  it('replace keeps id and snapshots', () => {
    const vault = emptyVault();
    const original = vault.saveConnection(production);
    vault.writeSnapshot({ connectionId: original.id, captured: makeCapture([]), trigger: 'manual' });

    const replaced = vault.saveConnection({ ...production, orgUrl: 'https://acme-new.okta.com', auth: { type: 'api-token' } }, { replace: true });

    expect(replaced.id).toBe(original.id);
    expect(replaced.createdAt).toBe(original.createdAt);
    expect(vault.findConnection('Acme Production')?.orgUrl).toBe('https://acme-new.okta.com');
    expect(vault.findConnection('Acme Production')?.auth).toEqual({ type: 'api-token' });
    expect(vault.listSnapshots('Acme Production')).toHaveLength(1);
    expect(vault.listConnections()).toHaveLength(1);
    vault.close();
  });

  it('name lookup uses NFC form', () => {
    const vault = emptyVault();
    vault.saveConnection({ ...production, name: 'Caf\u00e9' });

    expect(vault.findConnection('Cafe\u0301')?.name).toBe('Caf\u00e9');
    vault.close();
  });

  it('deletes a connection without snapshots', () => {
    const vault = emptyVault();
    vault.saveConnection(production);
    vault.deleteConnection('Acme Production');

    expect(vault.findConnection('Acme Production')).toBeUndefined();
    expect(() => vault.deleteConnection('Acme Production')).toThrow(expect.objectContaining({ code: 'connection-not-found' }));
    vault.close();
  });

  it('keeps a connection with snapshots', () => {
    const vault = emptyVault();
    const saved = vault.saveConnection(production);
    vault.writeSnapshot({ connectionId: saved.id, captured: makeCapture([]), trigger: 'manual' });

    expect(() => vault.deleteConnection('Acme Production')).toThrow(expect.objectContaining({ code: 'connection-has-snapshots' }));
    expect(vault.findConnection('Acme Production')).toEqual(saved);
    vault.close();
  });

  const invalidInputs: Array<[string, SaveConnectionInput]> = [
    ['empty name', { ...production, name: '   ' }],
    ['name with spaces around', { ...production, name: ' Acme ' }],
    ['name with a line break', { ...production, name: 'Acme\nProd' }],
    ['long name', { ...production, name: 'x'.repeat(101) }],
    ['relative URL', { ...production, orgUrl: 'acme.okta.com' }],
    ['ftp URL', { ...production, orgUrl: 'ftp://acme.okta.com' }],
    ['unknown auth type', { ...production, auth: { type: 'password' } as unknown as SaveConnectionInput['auth'] }],
    ['private key without client id', { ...production, auth: { type: 'private-key', clientId: '', scopes: [] } }],
  ];

  it.each(invalidInputs)('rejects %s', (_name, input) => {
    const vault = emptyVault();

    expect(() => vault.saveConnection(input)).toThrow(expect.objectContaining({ code: 'invalid-connection-input' }));
    expect(vault.listConnections()).toEqual([]);
    vault.close();
  });

  it('stores only known auth fields', () => {
    const vault = emptyVault();
    const auth = { type: 'api-token', token: 'must-not-be-stored' } as unknown as SaveConnectionInput['auth'];

    expect(vault.saveConnection({ ...production, auth }).auth).toEqual({ type: 'api-token' });
    expect(vault.findConnection('Acme Production')?.auth).toEqual({ type: 'api-token' });
    vault.close();
  });
});
