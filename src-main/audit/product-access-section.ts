import type { UserRef } from '../../src-shared/diff/diff-types.js';
import { PRODUCT_NAMES } from '../../src-shared/diff/headline.js';
import type { ProductHolders } from '../../src-shared/audit/product-access-evidence.js';
import type { ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Logins named in the body per list; the attached CSV has them all. */
const LOGINS_SHOWN = 25;

/**
 * Draws who held each Atlassian product at the start and at the end of the period, and who
 * gained or lost it between the two. Long lists are cut in the body; the product access CSV
 * attachment lists every user.
 */
export function drawProductAccess(writer: PackWriter, evidence: ConnectionEvidence, csvName: string | undefined): void {
  const end = evidence.accessAtEnd;
  if (end === undefined) {
    writer.paragraph('No readable snapshot at the end of the period.', { tone: 'muted' });
    return;
  }
  const start = evidence.accessAtStart;
  writer.paragraph(`Start: snapshot ${evidence.start?.id ?? '?'}; end: snapshot ${evidence.end?.id ?? '?'}.${csvName === undefined ? '' : ` Every user is listed in the attachment ${csvName}.`}`, { tone: 'muted' });

  end.products.forEach((holders, index) => {
    const before = start?.products[index];
    writer.heading(PRODUCT_NAMES[holders.product]);
    const gained = before === undefined ? [] : difference(holders.users, before.users);
    const lost = before === undefined ? [] : difference(before.users, holders.users);
    writer.fields([
      ['At start', before === undefined ? 'not known' : countText(before)],
      ['At end', countText(holders)],
      ['Gained', before === undefined ? 'not known' : loginList(gained)],
      ['Lost', before === undefined ? 'not known' : loginList(lost)],
      ['Holders at end', loginList(holders.users)],
    ], { size: 9, labelWidth: 90 });
  });

  const notes = [...(start?.notes.map((note) => `Start: ${note}`) ?? []), ...end.notes.map((note) => `End: ${note}`)];
  if (notes.length > 0) {
    writer.paragraph('What could not be worked out:', { bold: true, size: 9 });
    writer.bullets(notes.slice(0, 20), { size: 8.5 });
  }
}

function countText(holders: ProductHolders): string {
  return `${holders.users.length} user(s)${holders.undetermined > 0 ? `, ${holders.undetermined} more undetermined` : ''}`;
}

function loginList(users: readonly UserRef[]): string {
  if (users.length === 0) return 'none';
  const named = users.slice(0, LOGINS_SHOWN).map((user) => user.login);
  return users.length > LOGINS_SHOWN ? `${users.length}: ${named.join(', ')} and ${users.length - LOGINS_SHOWN} more` : `${users.length}: ${named.join(', ')}`;
}

function difference(left: readonly UserRef[], right: readonly UserRef[]): UserRef[] {
  const ids = new Set(right.map((user) => user.id));
  return left.filter((user) => !ids.has(user.id));
}
