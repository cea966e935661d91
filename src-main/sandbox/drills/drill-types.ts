import type { JsonValue } from '../../../src-shared/json/json-types.js';
import type { ResourceKind } from '../../../src-shared/snapshot/snapshot-model.js';
import type { DrillApi } from './drill-api.js';

/**
 * A scripted incident: a change an Okta admin could make by mistake, applied through the
 * Management API of an org built from the `atlassian-stack` seed. A drill finds its targets by
 * name, so it throws a `DrillError` naming what is missing when the org has other content.
 */
export interface Drill {
  /** Identifier used on the command line, such as `group-rule-cleanup`. */
  name: string;
  /** One-line summary for listings. */
  title: string;
  /** Summary of the change and of the access it breaks, in a few sentences. */
  description: string;
  apply(api: DrillApi): Promise<DrillReport>;
}

/** The outcome of one drill run. */
export interface DrillReport {
  drill: string;
  orgUrl: string;
  /** Every request sent, reads included, in the order sent. */
  requests: DrillRequestRecord[];
  /** The objects the drill changed, and those Okta changes along with them. */
  touched: TouchedObject[];
}

/** One request a drill sent and the status it got. */
export interface DrillRequestRecord {
  method: DrillMethod;
  /** Path and query below the org URL, such as `/api/v1/groups/rules/0pr…?removeUsers=true`. */
  path: string;
  status: number;
  /** The JSON body sent with a write request. */
  body?: JsonValue;
}

export type DrillMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * An object a drill changed. `kind` and `id` follow the snapshot model, so an owned object's id
 * is `<ownerId>/<id>` (an app's group assignment, a policy's rule), and a diff of snapshots
 * taken before and after the drill reports a change under the same key.
 */
export interface TouchedObject {
  kind: ResourceKind;
  id: string;
  /** Name for people: a label, a group name or a rule name. */
  name: string;
  change: 'created' | 'updated' | 'deleted';
  /** `request` when a drill's request wrote it, `side-effect` when Okta changes it as a consequence. */
  cause: 'request' | 'side-effect';
  /** Description of the change, such as "credentials.signing.kid changed from … to …". */
  detail: string;
}

/** A drill cannot run: a target is missing from the org, or the org rejected a request. */
export class DrillError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DrillError';
  }
}
