import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FRAMEWORK_IDS} from '../../src-shared/audit/framework-catalog.js';
import { evidenceNeeded, parseFrameworkCatalog, selectFrameworks } from '../../src-shared/audit/framework-catalog.js';
import { MissingGlyphTally, replaceMissingGlyphs } from '../../src-shared/audit/glyph-fallback.js';
import { REDACTED, redactSecrets } from '../../src-shared/audit/redact-secrets.js';
import { wrapText } from '../../src-shared/audit/text-wrap.js';
import { FRAMEWORK_CATALOG_PATH } from '../../src-main/audit/generate-audit-pack.js';
import { summarizeVerification } from '../../src-main/audit/restore-journal-source.js';

const catalogJson: unknown = JSON.parse(readFileSync(FRAMEWORK_CATALOG_PATH, 'utf8'));

/** Measures text as one unit per character, so widths are easy to reason about. */
const perCharacter = (text: string): number => [...text].length;

describe('framework catalog', () => {
  it('shipped catalog lists the controls', () => {
    const catalog = parseFrameworkCatalog(catalogJson);
    const ids = (id: (typeof FRAMEWORK_IDS)[number]) => selectFrameworks(catalog, [id])[0]?.controls.map((control) => control.id);

    expect(ids('soc2')).toEqual(['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC8.1']);
    expect(ids('iso27001')).toEqual(['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.5', 'A.8.9', 'A.8.13']);
    expect(ids('hipaa')).toEqual(['164.312(a)(1)', '164.312(a)(2)(i)', '164.312(a)(2)(ii)', '164.312(a)(2)(iii)', '164.312(a)(2)(iv)', '164.312(b)', '164.312(c)(1)', '164.312(d)', '164.308(a)(7)']);
  });

  it('unknown evidence kind rejected', () => {
    const broken = JSON.parse(JSON.stringify(catalogJson)) as { frameworks: Array<{ controls: Array<{ evidence: string[] }> }> };
    broken.frameworks[0]?.controls[0]?.evidence.push('tea-leaves');

    expect(() => parseFrameworkCatalog(broken)).toThrow(/Invalid framework catalog/);
  });

  it('duplicate framework rejected', () => {
    const doubled = JSON.parse(JSON.stringify(catalogJson)) as { frameworks: unknown[] };
    doubled.frameworks.push(doubled.frameworks[0]);

    expect(() => parseFrameworkCatalog(doubled)).toThrow("framework 'soc2' appears twice");
  });

  it('evidence in fixed order', () => {
    const catalog = parseFrameworkCatalog(catalogJson);

    expect(evidenceNeeded(selectFrameworks(catalog, ['soc2']))).toEqual(['access-policies', 'provisioning', 'group-rules', 'product-access', 'changes', 'restores', 'snapshot-inventory', 'vault-integrity']);
  });
});

describe('wrapText', () => {
  it('breaks at spaces', () => {
    expect(wrapText('one two three four', 9, perCharacter)).toEqual(['one two', 'three', 'four']);
  });

  it('breaks a long word between characters', () => {
    expect(wrapText('hash 0123456789abcdef', 8, perCharacter)).toEqual(['hash', '01234567', '89abcdef']);
  });

  it('empty text gives one empty line', () => {
    expect(wrapText('', 10, perCharacter)).toEqual(['']);
  });

  it('keeps surrogate pairs whole', () => {
    expect(wrapText('😀😀😀', 2, perCharacter)).toEqual(['😀😀', '😀']);
  });
});

describe('replaceMissingGlyphs', () => {
  const latinOnly = (codePoint: number): boolean => codePoint < 0x250 || codePoint === 0xfffd;

  it('replaces and counts missing characters', () => {
    const tally = new MissingGlyphTally();

    expect(replaceMissingGlyphs('Team 東京', latinOnly, tally)).toBe('Team \uFFFD\uFFFD');
    expect(tally.list()).toEqual([
      { codePoint: 0x4eac, count: 1, firstSeenIn: 'Team \uFFFD\uFFFD' },
      { codePoint: 0x6771, count: 1, firstSeenIn: 'Team \uFFFD\uFFFD' },
    ]);
  });

  it('control characters count as missing', () => {
    const tally = new MissingGlyphTally();

    expect(replaceMissingGlyphs('a\u001bb\tc\nd', latinOnly, tally)).toBe('a\uFFFDb c d');
    expect(tally.list().map((glyph) => glyph.codePoint)).toEqual([0x1b]);
  });

  it('emoji outside the font replaced once', () => {
    const tally = new MissingGlyphTally();

    expect(replaceMissingGlyphs('ok 😀', latinOnly, tally)).toBe('ok \uFFFD');
    expect(tally.list()[0]?.codePoint).toBe(0x1f600);
  });
});

describe('redactSecrets', () => {
  it('replaces secret strings', () => {
    const { body, redactedPaths } = redactSecrets({ settings: { app: { apiToken: 'abc', siteUrl: 'https://x' } }, credentials: { oauthClient: { client_secret: 's3cret' } } });

    expect(body).toEqual({ settings: { app: { apiToken: REDACTED, siteUrl: 'https://x' } }, credentials: { oauthClient: { client_secret: REDACTED } } });
    expect(redactedPaths).toEqual(['/settings/app/apiToken', '/credentials/oauthClient/client_secret']);
  });

  it('password value redacted, settings kept', () => {
    const feature = { capabilities: { update: { password: { status: 'DISABLED', seed: 'RANDOM' } } } };
    const user = { credentials: { password: { value: 'hunter2' } } };

    expect(redactSecrets(feature)).toEqual({ body: feature, redactedPaths: [] });
    expect(redactSecrets(user)).toEqual({ body: { credentials: { password: { value: REDACTED } } }, redactedPaths: ['/credentials/password/value'] });
  });

  it('arrays and escaped keys', () => {
    const { redactedPaths } = redactSecrets({ 'a/b': [{ Secret: 'x' }] });

    expect(redactedPaths).toEqual(['/a~1b/0/Secret']);
  });
});

describe('summarizeVerification', () => {
  it('clean restore passes', () => {
    expect(summarizeVerification({ checked: 4, residuals: [], leftInPlace: [], pendingManualSteps: [], clean: true })).toEqual({ outcome: 'passed', differences: [] });
  });

  it('residuals listed', () => {
    const summary = summarizeVerification({ checked: 4, residuals: [{ kind: 'group-rule', id: '0pr1', name: 'CS → jsm-agents', change: 'removed' }], leftInPlace: [], pendingManualSteps: ['Upload the certificate'], clean: false });

    expect(summary.outcome).toBe('failed');
    expect(summary.differences).toEqual(["group-rule 'CS → jsm-agents' is missing from the org but present in the snapshot", 'manual step pending: Upload the certificate']);
  });

  it('no verification stored', () => {
    expect(summarizeVerification(undefined)).toEqual({ outcome: 'not run', differences: [] });
  });
});
