import { noRequirements, type SignOnRequirements } from './rule-requirements.js';

/**
 * Lists, in plain words, what the after side requires that the before side did not. A missing
 * side requires nothing. Looser settings are not listed: a zone list that only grew, a longer
 * session, a factor constraint dropped.
 */
export function newRequirements(before: SignOnRequirements | null, after: SignOnRequirements | null): string[] {
  const was = before ?? noRequirements();
  const now = after ?? noRequirements();
  const added: string[] = [];

  if (now.deviceRegistered && !was.deviceRegistered) added.push('a registered device');
  if (now.deviceManaged && !was.deviceManaged) added.push('a managed device');
  if (narrowed(was.deviceAssurance, now.deviceAssurance)) added.push(`device assurance (${now.deviceAssurance?.join(', ')})`);
  if (narrowed(was.zonesIncluded, now.zonesIncluded)) added.push(`a sign-in from network zone ${now.zonesIncluded?.join(' or ')}`);
  const newlyExcluded = now.zonesExcluded.filter((zone) => !was.zonesExcluded.includes(zone));
  if (newlyExcluded.length > 0) added.push(`no sign-in from network zone ${newlyExcluded.join(' or ')}`);

  if (now.factorMode === '2FA' && was.factorMode !== '2FA') added.push('two factors');
  for (const constraint of now.factorConstraints) if (!was.factorConstraints.includes(constraint)) added.push(`a factor with ${constraint}`);
  if (now.factorEverySignIn && !was.factorEverySignIn) added.push('a factor at every sign-in');
  if (shorter(was.reauthenticateSeconds, now.reauthenticateSeconds)) added.push(`re-authentication every ${now.reauthenticateSeconds} s`);
  if (shorter(was.idleSeconds, now.idleSeconds)) added.push(`an idle timeout of ${now.idleSeconds} s`);
  for (const condition of now.otherConditions) if (!was.otherConditions.includes(condition)) added.push(condition);
  return added;
}

/** Tells whether an allow-list (null: anything) now leaves out something it allowed before. */
function narrowed(before: string[] | null, after: string[] | null): boolean {
  if (after === null) return false;
  return before === null || before.some((item) => !after.includes(item));
}

/** Tells whether a time limit (null: none) got shorter. */
function shorter(before: number | null, after: number | null): boolean {
  if (after === null) return false;
  return before === null || after < before;
}
