import { stringAt } from '../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject } from '../json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../snapshot/snapshot-model.js';

/** Names of the objects rules and policies refer to by id, from one snapshot. */
export interface NameLookup {
  group(id: string): string;
  zone(id: string): string;
  deviceAssurance(id: string): string;
  app(id: string): string;
}

/** Builds the lookups; an id the snapshot lacks is shown as the id with `(not captured)`. */
export function nameLookup(resources: readonly SnapshotResource[]): NameLookup {
  const names = new Map<string, string>();
  for (const resource of resources) {
    if (resource.kind === 'group') names.set(`group:${resource.id}`, stringAt(resource.body, '/profile/name') ?? resource.name);
    if (resource.kind === 'network-zone') names.set(`zone:${resource.id}`, resource.name);
    if (resource.kind === 'device-assurance') names.set(`device:${resource.id}`, resource.name);
    if (resource.kind === 'app') names.set(`app:${resource.id}`, stringAt(resource.body, '/label') ?? resource.name);
  }
  const find = (prefix: string, id: string): string => names.get(`${prefix}:${id}`) ?? `${id} (not captured)`;
  return {
    group: (id) => find('group', id),
    zone: (id) => find('zone', id),
    deviceAssurance: (id) => find('device', id),
    app: (id) => find('app', id),
  };
}

/** Returns the object bodies of one kind, with their resource ids, in snapshot order. */
export function bodiesOf(resources: readonly SnapshotResource[], kind: ResourceKind): Array<{ id: string; name: string; body: JsonObject }> {
  return resources
    .filter((resource) => resource.kind === kind && isJsonObject(resource.body))
    .map((resource) => ({ id: resource.id, name: resource.name, body: resource.body as JsonObject }));
}

/** Returns the owner part of an owned id `<ownerId>/<id>`. */
export function ownerOf(resourceId: string): string {
  const slash = resourceId.indexOf('/');
  return slash < 0 ? resourceId : resourceId.slice(0, slash);
}

