import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FRAMEWORK_IDS} from '../../src-shared/audit/framework-catalog.js';
import { evidenceNeeded, parseFrameworkCatalog, selectFrameworks } from '../../src-shared/audit/framework-catalog.js';
import { MissingGlyphTally, replaceMissingGlyphs } from '../../src-shared/audit/glyph-fallback.js';
import { REDACTED, redactSecrets } from '../../src-shared/audit/redact-secrets.js';
import { wrapText } from '../../src-shared/audit/text-wrap.js';
import { FRAMEWORK_CATALOG_PATH } from '../../src-main/audit/generate-audit-pack.js';
import { formatPackTime } from '../../src-main/audit/pack-time.js';
import { summarizeVerification, type AuditRestoreEvent } from '../../src-main/audit/restore-journal-source.js';
import { runEnd, splitRuns } from '../../src-main/audit/restore-runs.js';
import { describeAttempt } from '../../src-main/audit/restore-step-text.js';
import { CELL_PADDING, columnWidths } from '../../src-main/audit/table-layout.js';

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

  it('address breaks after a separator', () => {
    expect(wrapText('emeka.novak@ext.northwindquanta.com,', 30, perCharacter)).toEqual(['emeka.novak@ext.', 'northwindquanta.com,']);
    expect(wrapText('aiko.papadopoulos@northwindquanta.com,', 34, perCharacter)).toEqual(['aiko.papadopoulos@', 'northwindquanta.com,']);
  });

  it('comma stays with its word', () => {
    expect(wrapText('0123456789abcdef,', 16, perCharacter)).toEqual(['0123456789abcdef,']);
  });

  it('url breaks after separators', () => {
    expect(wrapText('https://auth.atlassian.com/login/callback?connection=saml-559544d7', 30, perCharacter)).toEqual(['https://auth.atlassian.com/', 'login/callback?connection=', 'saml-559544d7']);
  });

  it('no single letter on the last line', () => {
    const lines = wrapText('0123456789abcdefZ', 16, perCharacter);

    expect(lines).toEqual(['0123456789abcd', 'efZ']);
  });

  it('closing bracket not alone', () => {
    expect(wrapText('isMemberOfGroup("00gtYE0lRu1VpxS3thIA")', 30, perCharacter)).toEqual(['isMemberOfGroup(', '"00gtYE0lRu1VpxS3thIA")']);
  });
});

describe('columnWidths', () => {
  const measure = { header: (text: string) => text.length * 6, cell: (text: string) => text.length * 5 };

  it('header words never narrower than the column', () => {
    const headers = ['Snapshots', 'Taken (UTC)', 'Resources', 'Findings', 'Access impact'];
    const rows = [['1 → 2', '2026-12-04 23:05Z', '+0 −0 ~2', '4 critical, 3 high', `39 users lose Jira Software: ${'someone@example.com, '.repeat(20)}`]];

    const widths = columnWidths(headers, rows, 483, measure);

    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(483);
    headers.forEach((header, index) => {
      for (const word of header.split(' ')) expect(widths[index] ?? 0, header).toBeGreaterThanOrEqual(measure.header(word) + CELL_PADDING);
    });
  });

  it('short cells kept on one line', () => {
    const widths = columnWidths(['Taken', 'Finding'], [['2026-12-04 23:05Z', 'x '.repeat(200)]], 483, measure);

    expect(widths[0]).toBeGreaterThanOrEqual(measure.cell('2026-12-04 23:05Z') + CELL_PADDING);
  });

  it('long text gets the space left', () => {
    const widths = columnWidths(['#', 'Step'], [['1', 'word '.repeat(100)]], 483, measure);

    expect(widths[1]).toBeGreaterThan(400);
  });
});

describe('formatPackTime', () => {
  it('day and minute in UTC', () => {
    expect(formatPackTime('2026-12-04T23:05:07.585Z')).toBe('2026-12-04 23:05Z');
  });

  it('seconds on request', () => {
    expect(formatPackTime('2026-12-04T23:05:07.585Z', { seconds: true })).toBe('2026-12-04 23:05:07Z');
  });

  it('other text unchanged', () => {
    expect(formatPackTime('yesterday')).toBe('yesterday');
  });
});

/** Builds a journal event of step `stepIndex` at minute `minute` of one hour, with the executor's detail shape. */
function event(stepIndex: number, type: AuditRestoreEvent['type'], minute: number, detail: AuditRestoreEvent['detail'] = { key: `step-${stepIndex}` }): AuditRestoreEvent {
  return { stepIndex, type, at: `2026-01-21T08:${String(minute).padStart(2, '0')}:00.000Z`, detail };
}

describe('splitRuns', () => {
  it('one uninterrupted run', () => {
    const runs = splitRuns([event(1, 'started', 1), event(1, 'succeeded', 2), event(2, 'started', 3), event(2, 'succeeded', 4)]);

    expect(runs.map((run) => run.events.length)).toEqual([4]);
    expect(runEnd(runs[0] ?? { number: 1, events: [] })).toEqual({ kind: 'succeeded-last', stepIndex: 2 });
  });

  it('cancelled then resumed', () => {
    const runs = splitRuns([
      event(1, 'started', 1), event(1, 'succeeded', 2), event(2, 'skipped', 3, { key: 'step-2', reason: 'cancelled' }),
      event(2, 'started', 10, { key: 'step-2', resumed: true }), event(2, 'succeeded', 11),
    ]);

    expect(runs.map((run) => run.events.length)).toEqual([3, 2]);
    expect(runs.map((run) => runEnd(run).kind)).toEqual(['cancelled', 'succeeded-last']);
  });

  it('crash during a step then retried', () => {
    const runs = splitRuns([event(1, 'started', 1), event(1, 'started', 10), event(1, 'succeeded', 11)]);

    expect(runs.map((run) => run.events.length)).toEqual([1, 2]);
    expect(runEnd(runs[0] ?? { number: 1, events: [] })).toEqual({ kind: 'interrupted-during', stepIndex: 1 });
  });

  it('lookup starts a new run', () => {
    const runs = splitRuns([event(1, 'started', 1), event(1, 'succeeded', 10, { key: 'step-1', outcome: 'found-by-lookup' })]);

    expect(runs).toHaveLength(2);
  });

  it('failure then resume at the failed step', () => {
    const runs = splitRuns([
      event(1, 'started', 1), event(1, 'failed', 2), event(2, 'skipped', 2, { key: 'step-2', reason: 'earlier-step-failed' }),
      event(1, 'started', 20), event(1, 'succeeded', 21), event(2, 'started', 22), event(2, 'succeeded', 23),
    ]);

    expect(runs.map((run) => run.events.length)).toEqual([3, 4]);
    expect(runEnd(runs[0] ?? { number: 1, events: [] })).toEqual({ kind: 'failed', stepIndex: 1 });
  });
});

describe('describeAttempt', () => {
  it('okta error code and summary', () => {
    const attempt = describeAttempt([
      event(1, 'started', 1),
      event(1, 'failed', 2, { key: 'step-1', phase: 'request', message: 'PUT failed: HTTP 400', status: 400, errorCode: 'E0000001', errorSummary: 'Api validation failed: name' }),
    ]);

    expect(attempt).toEqual({ outcome: 'failed: E0000001 Api validation failed: name', http: '400', time: '2026-01-21 08:02:00Z' });
  });

  it('network failure', () => {
    expect(describeAttempt([event(1, 'failed', 2, { key: 'step-1', phase: 'request', message: 'socket hang up', network: true })]).outcome).toBe('failed: no response from Okta');
  });

  it('read-back mismatch names the fields', () => {
    const detail = { key: 'step-1', phase: 'read-back', message: 'read-back differs', requestStatus: 200, mismatches: [{ pointer: '/status', expected: 'ACTIVE', actual: 'INACTIVE' }] };

    expect(describeAttempt([event(1, 'failed', 2, detail)])).toEqual({ outcome: 'failed at the read-back: the org differs at /status', http: '200', time: '2026-01-21 08:02:00Z' });
  });

  it('success outcomes in words', () => {
    expect(describeAttempt([event(1, 'succeeded', 2, { key: 'step-1', outcome: 'already-deleted', status: 404 })]).outcome).toBe('already deleted');
    expect(describeAttempt([event(1, 'succeeded', 2, { key: 'step-1', outcome: 'found-by-lookup' })]).outcome).toBe('found by lookup: an interrupted run had made it');
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

  it('unchecked kinds listed', () => {
    const summary = summarizeVerification({ checked: 2, residuals: [], leftInPlace: [], pendingManualSteps: [], unchecked: [{ kind: 'policy', error: 'HTTP 503' }], clean: false });

    expect(summary).toEqual({ outcome: 'failed', differences: ['policy not compared, because its capture after the restore failed: HTTP 503'] });
  });

  it('no verification stored', () => {
    expect(summarizeVerification(undefined)).toEqual({ outcome: 'not run', differences: [] });
  });
});
