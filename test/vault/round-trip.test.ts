import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { groupResource, groupResources, makeCapture, openTestVault, ORG_URL, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

function vaultWithConnection(): { vault: ReturnType<typeof openTestVault>; connectionId: string } {
  const vault = openTestVault(join(tempDir(), 'vault.db'));
  return { vault, connectionId: saveTestConnection(vault).id };
}

const unusualResources: SnapshotResource[] = [
  {
    kind: 'app',
    id: '0oa1atlassian',
    name: 'Atlassian Cloud',
    body: {
      id: '0oa1atlassian',
      signOnMode: 'SAML_2_0',
      settings: { app: { siteUrl: 'https://acme.atlassian.net' }, notes: null },
      fieldFromANewOktaRelease: { nested: [1, 2.5, -3e-7, true, false, null, 'x'] },
      emptyObject: {},
      emptyArray: [],
    },
  },
  {
    kind: 'group',
    id: '00g1unicode',
    name: 'Ingénierie 🦋 工程 هندسة',
    body: { profile: { name: 'Ingénierie 🦋 工程 هندسة', combining: 'Cafe\u0301', loneSurrogate: '\ud800', quote: '"\\\n\t' } },
  },
  { kind: 'policy-rule', id: '00p1policy/0pr1rule', name: '', body: 'a body may be any JSON value' },
  { kind: 'user-type', id: 'oty1', name: 'User', body: 42 },
];

describe('vault snapshot round trip', () => {
  it('keeps every resource field for field', () => {
    const { vault, connectionId } = vaultWithConnection();
    const resources = [...groupResources(20), ...unusualResources];

    const summary = vault.writeSnapshot({ connectionId, captured: makeCapture(resources), trigger: 'manual' });
    const stored = vault.readSnapshot(summary.id);

    const byIdentity = new Map(stored.resources.map((resource) => [`${resource.kind}/${resource.id}`, resource]));
    for (const resource of resources) {
      expect(byIdentity.get(`${resource.kind}/${resource.id}`)).toEqual(resource);
    }
    expect(stored.resources).toHaveLength(resources.length);
    vault.close();
  });

  it('keeps a large body whole', () => {
    const { vault, connectionId } = vaultWithConnection();
    const members = Array.from({ length: 40_000 }, (_, index) => ({ id: `00u${index}`, login: `user${index}@acme.example`, status: 'ACTIVE' }));
    const large: SnapshotResource = { kind: 'group-members', id: '00g1large', name: 'Everyone', body: { members } };

    const summary = vault.writeSnapshot({ connectionId, captured: makeCapture([large]), trigger: 'scheduled' });

    expect(canonicalJson(large.body).length).toBeGreaterThan(2_000_000);
    expect(vault.readSnapshot(summary.id).resources[0]).toEqual(large);
    vault.close();
  });

  it('returns resources in kind then id order', () => {
    const { vault, connectionId } = vaultWithConnection();
    const resources = [groupResource(3), unusualResources[2]!, groupResource(1), unusualResources[0]!];

    const summary = vault.writeSnapshot({ connectionId, captured: makeCapture(resources), trigger: 'manual' });
    const order = vault.readSnapshot(summary.id).resources.map((resource) => `${resource.kind}/${resource.id}`);

    expect(order).toEqual(['app/0oa1atlassian', 'group/00g00000000000000001', 'group/00g00000000000000003', 'policy-rule/00p1policy/0pr1rule']);
    vault.close();
  });

  it('summary carries the snapshot facts', () => {
    const { vault, connectionId } = vaultWithConnection();
    const captured = makeCapture([groupResource(1)], {
      'group-rule': { status: 'failed', count: 2, error: 'E0000047 rate limit exceeded after 5 retries' },
      'device-assurance': { status: 'not-configured', reason: 'Device assurance is not enabled in this org' },
    });

    const summary = vault.writeSnapshot({ connectionId, captured, trigger: 'pre-restore', label: 'Before the March incident' });
    const read = vault.readSnapshot(summary.id).summary;

    expect(read).toEqual(summary);
    expect(read.connectionName).toBe('Acme Production');
    expect(read.orgUrl).toBe(ORG_URL);
    expect(read.startedAt).toBe('2025-03-01T09:00:00.000Z');
    expect(read.takenAt).toBe('2025-03-01T09:02:30.500Z');
    expect(read.trigger).toBe('pre-restore');
    expect(read.label).toBe('Before the March incident');
    expect(read.complete).toBe(false);
    expect(read.resourceCount).toBe(1);
    expect(read.sections['group-rule']).toEqual({ status: 'failed', count: 2, error: 'E0000047 rate limit exceeded after 5 retries' });
    expect(read.sections['device-assurance']).toEqual({ status: 'not-configured', reason: 'Device assurance is not enabled in this org' });
    expect(read.sections.group).toEqual({ status: 'complete', count: 1 });
    vault.close();
  });

  it('not-configured sections keep it complete', () => {
    const { vault, connectionId } = vaultWithConnection();
    const captured = makeCapture([], { 'device-assurance': { status: 'not-configured', reason: 'not licensed' } });

    expect(vault.writeSnapshot({ connectionId, captured, trigger: 'manual' }).complete).toBe(true);
    vault.close();
  });

  it('links each snapshot to the one before', () => {
    const { vault, connectionId } = vaultWithConnection();
    const first = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(3)), trigger: 'manual' });
    const second = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(3)), trigger: 'manual' });

    expect(first.previousChainHash).toBe('0'.repeat(64));
    expect(second.previousChainHash).toBe(first.chainHash);
    expect(second.contentHash).toBe(first.contentHash);
    expect(second.chainHash).not.toBe(first.chainHash);
    vault.close();
  });

  it('content hash recomputes without the key', () => {
    const { vault, connectionId } = vaultWithConnection();
    const captured = makeCapture([groupResource(2), groupResource(1), unusualResources[0]!]);
    const summary = vault.writeSnapshot({ connectionId, captured, trigger: 'manual' });

    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
    const listing = captured.resources
      .map((resource) => [resource.kind, resource.id, sha256(canonicalJson({ kind: resource.kind, id: resource.id, name: resource.name, body: resource.body }))])
      .sort((a, b) => (`${a[0]}\u0000${a[1]}` < `${b[0]}\u0000${b[1]}` ? -1 : 1));
    const contentHash = sha256(canonicalJson({ format: 'butterfly-snapshot-content/v1', resources: listing, sections: captured.sections }));
    const chainHash = sha256(canonicalJson({
      format: 'butterfly-snapshot-chain/v1',
      previousChainHash: '0'.repeat(64),
      contentHash,
      connectionId,
      takenAt: captured.finishedAt,
      trigger: 'manual',
      complete: true,
    }));

    expect(summary.contentHash).toBe(contentHash);
    expect(summary.chainHash).toBe(chainHash);
    vault.close();
  });

  it('lists snapshots per connection', () => {
    const { vault, connectionId } = vaultWithConnection();
    const other = saveTestConnection(vault, 'Acme Sandbox');
    vault.writeSnapshot({ connectionId, captured: makeCapture([groupResource(1)]), trigger: 'manual' });
    vault.writeSnapshot({ connectionId: other.id, captured: makeCapture([groupResource(2)]), trigger: 'manual' });
    vault.writeSnapshot({ connectionId, captured: makeCapture([groupResource(3)]), trigger: 'scheduled' });

    expect(vault.listSnapshots().map((summary) => summary.id)).toEqual([1, 2, 3]);
    expect(vault.listSnapshots('Acme Production').map((summary) => summary.id)).toEqual([1, 3]);
    expect(vault.listSnapshots('Acme Sandbox').map((summary) => summary.connectionName)).toEqual(['Acme Sandbox']);
    expect(() => vault.listSnapshots('No Such Org')).toThrow(expect.objectContaining({ code: 'connection-not-found' }));
    vault.close();
  });

  it('label changes keep the chain', () => {
    const { vault, connectionId } = vaultWithConnection();
    const written = vault.writeSnapshot({ connectionId, captured: makeCapture([groupResource(1)]), trigger: 'manual' });

    vault.setLabel(written.id, 'Known good');
    const labelled = vault.listSnapshots()[0];
    vault.setLabel(written.id, undefined);
    const cleared = vault.listSnapshots()[0];

    expect(labelled?.label).toBe('Known good');
    expect(labelled?.chainHash).toBe(written.chainHash);
    expect(cleared?.label).toBeUndefined();
    expect(vault.verify().problems).toEqual([]);
    expect(() => vault.setLabel(99, 'x')).toThrow(expect.objectContaining({ code: 'snapshot-not-found' }));
    expect(() => vault.setLabel(written.id, 'two\nlines')).toThrow(expect.objectContaining({ code: 'invalid-snapshot-input' }));
    vault.close();
  });

  it('tells whether a snapshot exists', () => {
    const { vault, connectionId } = vaultWithConnection();
    const written = vault.writeSnapshot({ connectionId, captured: makeCapture([]), trigger: 'manual' });

    expect(vault.snapshotExists(written.id)).toBe(true);
    expect(vault.snapshotExists(written.id + 1)).toBe(false);
    expect(() => vault.readSnapshot(written.id + 1)).toThrow(expect.objectContaining({ code: 'snapshot-not-found' }));
    vault.close();
  });

  it('survives closing and reopening', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;
    const written = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(5)), trigger: 'manual' });
    vault.close();

    const reopened = openTestVault(path);

    expect(reopened.readSnapshot(written.id).summary).toEqual(written);
    expect(reopened.readSnapshot(written.id).resources).toHaveLength(5);
    reopened.close();
  });
});

describe('vault snapshot input checks', () => {
  const cases: Array<[string, (connectionId: string) => Parameters<ReturnType<typeof openTestVault>['writeSnapshot']>[0], string]> = [
    ['duplicate resource', (connectionId) => ({ connectionId, captured: makeCapture([groupResource(1), groupResource(1, 1)]), trigger: 'manual' }), 'invalid-snapshot-input'],
    ['unknown connection', () => ({ connectionId: 'no-such-connection', captured: makeCapture([]), trigger: 'manual' }), 'connection-not-found'],
    ['local timestamp', (connectionId) => ({ connectionId, captured: { ...makeCapture([]), finishedAt: '2025-03-01 09:00' }, trigger: 'manual' }), 'invalid-snapshot-input'],
    ['unknown kind', (connectionId) => ({ connectionId, captured: makeCapture([{ ...groupResource(1), kind: 'user' as 'group' }]), trigger: 'manual' }), 'invalid-snapshot-input'],
    ['missing section', (connectionId) => {
      const captured = makeCapture([]);
      delete (captured.sections as Partial<typeof captured.sections>).policy;
      return { connectionId, captured, trigger: 'manual' };
    }, 'invalid-snapshot-input'],
    ['non-finite number', (connectionId) => ({ connectionId, captured: makeCapture([{ ...groupResource(1), body: { priority: Number.NaN } }]), trigger: 'manual' }), 'invalid-snapshot-input'],
    ['empty label', (connectionId) => ({ connectionId, captured: makeCapture([]), trigger: 'manual', label: '  ' }), 'invalid-snapshot-input'],
  ];

  it.each(cases)('rejects %s', (_name, buildInput, code) => {
    const { vault, connectionId } = vaultWithConnection();

    expect(() => vault.writeSnapshot(buildInput(connectionId))).toThrow(expect.objectContaining({ code }));
    expect(vault.listSnapshots()).toEqual([]);
    vault.close();
  });
});
