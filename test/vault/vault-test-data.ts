// Test data builders for the vault tests and their child-process fixtures. This module imports
// nothing from vitest, so a fixture script run with tsx can use it too.
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import {
  RESOURCE_KINDS,
  type CapturedSnapshot,
  type ResourceKind,
  type SectionState,
  type SnapshotResource,
} from '../../src-shared/snapshot/snapshot-model.js';
import type { Vault } from '../../src-main/vault/vault.js';
import type { ConnectionRecord } from '../../src-main/vault/vault-types.js';

/** The org URL of the test org; the plaintext scan looks for it in the file. */
export const ORG_URL = 'https://acme-plaintext-probe.okta.com';

/** Returns a 32-byte test key; different seeds give different keys. */
export function testKey(seed = 'butterfly test key'): Buffer {
  return createHash('sha256').update(seed).digest();
}

export function saveTestConnection(vault: Vault, name = 'Acme Production'): ConnectionRecord {
  return vault.saveConnection({
    name,
    orgUrl: ORG_URL,
    auth: { type: 'private-key', clientId: '0oa1clientplaintext', scopes: ['okta.groups.read', 'okta.apps.read'], keyId: 'kid-1' },
  });
}

/** Builds an Okta-like group resource; `revision` changes its body. */
export function groupResource(index: number, revision = 0, name = `Group ${index}`): SnapshotResource {
  const id = `00g${String(index).padStart(17, '0')}`;
  const body: JsonValue = {
    id,
    created: '2023-04-02T10:11:12.000Z',
    lastUpdated: `2024-0${1 + (revision % 9)}-01T00:00:00.000Z`,
    lastMembershipUpdated: '2024-05-06T07:08:09.000Z',
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile: { name, description: `Members get access to product ${index % 4}` },
    _links: {
      logo: [
        { name: 'medium', href: `${ORG_URL}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' },
        { name: 'large', href: `${ORG_URL}/assets/img/logos/groups/okta-large.png`, type: 'image/png' },
      ],
      users: { href: `${ORG_URL}/api/v1/groups/${id}/users` },
      apps: { href: `${ORG_URL}/api/v1/groups/${id}/apps` },
    },
  };
  return { kind: 'group', id, name, body };
}

/** Builds `count` group resources with ids 0 … count-1. */
export function groupResources(count: number, revision = 0): SnapshotResource[] {
  return Array.from({ length: count }, (_, index) => groupResource(index, revision));
}

/** Builds a capture in which every section is complete, with counts taken from the resources. */
export function makeCapture(resources: SnapshotResource[], sectionOverrides: Partial<Record<ResourceKind, SectionState>> = {}): CapturedSnapshot {
  const sections = {} as Record<ResourceKind, SectionState>;
  for (const kind of RESOURCE_KINDS) {
    sections[kind] = sectionOverrides[kind] ?? { status: 'complete', count: resources.filter((resource) => resource.kind === kind).length };
  }
  return { orgUrl: ORG_URL, startedAt: '2025-03-01T09:00:00.000Z', finishedAt: '2025-03-01T09:02:30.500Z', resources, sections };
}
