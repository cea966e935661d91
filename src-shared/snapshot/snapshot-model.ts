import type { JsonValue } from '../json/json-types.js';

/**
 * The kinds of resources a snapshot holds. Each kind is also a section of the capture, with a
 * state of its own. Bodies are the provider's JSON, kept whole.
 */
export const RESOURCE_KINDS = [
  'app',
  'app-signing-key',
  'app-saml-metadata',
  'app-provisioning',
  'app-feature',
  'app-user-schema',
  'profile-mapping',
  'app-group-assignment',
  'app-user-assignment',
  'group-push-mapping',
  'group',
  'group-members',
  'group-rule',
  'policy',
  'policy-rule',
  'network-zone',
  'device-assurance',
  'user-type',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * One captured object. `id` is the provider's id, unique within its kind, except for kinds that
 * belong to an owner, whose id is `<ownerId>/<id>` (an app's signing key, a policy's rule).
 * `name` is a label for people: names are not unique.
 */
export interface SnapshotResource {
  kind: ResourceKind;
  id: string;
  name: string;
  body: JsonValue;
}

/** The outcome of capturing one section. */
export type SectionState =
  | { status: 'complete'; count: number }
  | { status: 'failed'; count: number; error: string }
  | { status: 'not-configured'; reason: string };

/**
 * The reason a snapshot was taken: by a user, on a schedule, just before a restore (its undo
 * point), just after a restore (the restored state, as verification read it back), or imported.
 */
export type SnapshotTrigger = 'manual' | 'scheduled' | 'pre-restore' | 'post-restore' | 'import';

/** A captured snapshot before it is stored: its resources and the state of every section. */
export interface CapturedSnapshot {
  /** The org the snapshot was taken from, for example `https://acme.okta.com`. */
  orgUrl: string;
  /** When the capture started and finished, ISO 8601 in UTC. */
  startedAt: string;
  finishedAt: string;
  resources: SnapshotResource[];
  sections: Record<ResourceKind, SectionState>;
}

/** Tells whether every section of a snapshot ended complete or not configured. */
export function isSnapshotComplete(sections: Record<ResourceKind, SectionState>): boolean {
  return RESOURCE_KINDS.every((kind) => sections[kind].status !== 'failed');
}

/** Tells whether a string names a resource kind. */
export function isResourceKind(value: string): value is ResourceKind {
  return (RESOURCE_KINDS as readonly string[]).includes(value);
}
