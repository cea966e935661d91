/**
 * Reads references out of Okta Expression Language text, as used in group rule conditions and
 * profile mapping expressions. Pure text scanning: it does not evaluate anything.
 */

const GROUP_FUNCTION = /\bisMemberOf(?:Any)?Group\s*\(([^)]*)\)/g;
const QUOTED = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g;
const USER_ATTRIBUTE = /\buser\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** Returns the group ids named by `isMemberOfGroup(...)` and `isMemberOfAnyGroup(...)`, in order of first appearance. */
export function groupIdsInExpression(expression: string): string[] {
  const ids: string[] = [];
  for (const call of expression.matchAll(GROUP_FUNCTION)) {
    for (const quoted of (call[1] ?? '').matchAll(QUOTED)) {
      const id = quoted[1] ?? quoted[2] ?? '';
      if (id !== '' && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** Returns the Okta user profile attributes an expression reads (`user.department` gives `department`). */
export function userAttributesInExpression(expression: string): string[] {
  const names: string[] = [];
  for (const match of expression.matchAll(USER_ATTRIBUTE)) {
    const name = match[1] ?? '';
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}
