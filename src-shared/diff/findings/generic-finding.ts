import type { Finding, ResourceChange } from '../diff-types.js';
import { countOf, nameList, quoted } from './phrases.js';

/** How many changed paths a generic finding lists before it ends with "and N more". */
const MAX_LISTED_PATHS = 5;

/** Names a resource of a kind that has no rule table: "Resource 'X' (auth0-client)". */
export function unknownKindSubject(change: ResourceChange): string {
  return `Resource ${quoted(change.name)} (${change.kind})`;
}

/**
 * Writes the low-severity finding for a change that no specific rule described, or for the
 * changed paths that the specific rules left out, so that no change goes unreported. The
 * resource ids are the change's own, then `subjectIds`.
 */
export function genericFinding(change: ResourceChange, subject: string, subjectIds: readonly string[], paths: readonly string[]): Finding {
  return {
    code: `resource-${change.change}`,
    severity: 'low',
    kind: change.kind,
    resourceIds: [...new Set([change.id, ...subjectIds])],
    sentence: genericSentence(change, subject, paths),
  };
}

function genericSentence(change: ResourceChange, subject: string, paths: readonly string[]): string {
  if (change.change === 'added') return `${subject} was added.`;
  if (change.change === 'removed') return `${subject} was removed.`;
  if (paths.length === 0) return `${subject} changed.`;
  return `${subject}: ${countOf(paths.length, 'field')} changed: ${nameList(paths, MAX_LISTED_PATHS)}.`;
}
