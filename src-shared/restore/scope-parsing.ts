import { isResourceKind, RESOURCE_KINDS } from '../snapshot/snapshot-model.js';
import type { ScopeEntry } from './restore-scope.js';
import { ScopeError } from './scope-resolution.js';

const FORMS = "app:<appId>, kind:<kind>, id:<id>, id:<kind>:<id>, field:<id>:<pointer> or field:<kind>:<id>:<pointer>";

/**
 * Reads one scope written as on the command line: `app:0oa…`, `kind:group-rule`, `id:00g…`,
 * `id:group:00g…`, `field:prm…:/properties/atlassianProducts`. Owned ids keep their slash
 * (`id:rst…/0pr…`); a field's pointer starts at the first `/` after the id's last colon.
 */
export function parseScopeEntry(text: string): ScopeEntry {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (rest === '') throw new ScopeError(`The scope '${text}' is incomplete. Write it as ${FORMS}.`);

  switch (type) {
    case 'app':
      return { type: 'app', appId: rest };
    case 'kind':
      if (!isResourceKind(rest)) throw new ScopeError(`Unknown kind '${rest}' in the scope '${text}'. Kinds: ${RESOURCE_KINDS.join(', ')}.`);
      return { type: 'kind', kind: rest };
    case 'id': {
      const [kind, id] = withOptionalKind(rest);
      return kind === undefined ? { type: 'resource', id } : { type: 'resource', id, kind };
    }
    case 'field': {
      const [kind, idAndPointer] = withOptionalKind(rest);
      const split = idAndPointer.indexOf(':/');
      if (split < 0) throw new ScopeError(`The scope '${text}' has no JSON pointer. Write it as field:<id>:<pointer>, for example field:prm1a2b3c:/properties/atlassianProducts.`);
      const id = idAndPointer.slice(0, split);
      const pointer = idAndPointer.slice(split + 1);
      return kind === undefined ? { type: 'field', id, pointer } : { type: 'field', id, kind, pointer };
    }
    default:
      throw new ScopeError(`Unknown scope type '${type}' in '${text}'. Write it as ${FORMS}.`);
  }
}

/** Splits an optional leading `<kind>:` off; ids never contain a colon. */
function withOptionalKind(text: string): [ReturnType<typeof kindOf>, string] {
  const colon = text.indexOf(':');
  if (colon < 0) return [undefined, text];
  const kind = kindOf(text.slice(0, colon));
  return kind === undefined ? [undefined, text] : [kind, text.slice(colon + 1)];
}

function kindOf(text: string): (typeof RESOURCE_KINDS)[number] | undefined {
  return isResourceKind(text) ? text : undefined;
}

/** Writes a scope entry as the command line takes it, such as `field:profile-mapping:prm1:/properties/x`; the inverse of `parseScopeEntry`. */
export function scopeText(entry: ScopeEntry): string {
  switch (entry.type) {
    case 'app':
      return `app:${entry.appId}`;
    case 'kind':
      return `kind:${entry.kind}`;
    case 'resource':
      return `id:${entry.kind ? `${entry.kind}:` : ''}${entry.id}`;
    case 'field':
      return `field:${entry.kind ? `${entry.kind}:` : ''}${entry.id}:${entry.pointer}`;
  }
}
