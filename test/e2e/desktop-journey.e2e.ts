import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchBrowser, watchPage, type PageProblems } from './support/browser.js';
import { DesktopHost } from './support/desktop-host.js';
import { startRendererServer, type RendererServer } from './support/renderer-server.js';

const RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'out', 'app', 'renderer');
const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

let server: RendererServer;
let host: DesktopHost;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let problems: PageProblems;

test.beforeAll(async () => {
  server = await startRendererServer(RENDERER_DIR);
  host = await DesktopHost.start(server.origin);
  browser = await launchBrowser();
  await host.attach(browser.context);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  problems = await watchPage(page, server.origin);
});

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await server?.close();
});

test.afterEach(() => {
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.cspViolations, 'CSP violations').toEqual([]);
  expect(problems.foreignRequests, 'requests to other origins').toEqual([]);
});

async function openScreen(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test('sandbox demo connection is added', async () => {
  await page.goto(`${server.origin}/index.html`);
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();

  await page.getByRole('button', { name: 'Add the sandbox demo connection' }).click();
  await expect(page.getByRole('row', { name: /sandbox-demo/ })).toBeVisible();

  await page.getByRole('button', { name: 'Test connection sandbox-demo' }).click();
  await expect(page.getByRole('heading', { name: /Test of sandbox-demo: no missing permission found/ })).toBeVisible();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'connections.png'), fullPage: true });
});

test('first snapshot is taken', async () => {
  await openScreen('Snapshots');
  await page.getByLabel('Label', { exact: true }).fill('before drill');
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stored snapshot 1' })).toContainText('complete');
  await expect(page.locator('.timeline-entry')).toHaveCount(1);
  await expect(page.locator('.timeline-entry')).toContainText('before drill');
  await page.screenshot({ path: resolve(SCREENSHOTS, 'snapshots.png'), fullPage: true });
});

test('drill is applied and captured', async () => {
  await openScreen('Drill mode');
  await expect(page.getByText('Using snapshot #1 of sandbox-demo')).toBeVisible();
  await page.getByRole('radio', { name: /scim-mapping-tier-change/ }).check();
  await page.getByRole('button', { name: 'Apply the drill' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Drill scim-mapping-tier-change' })).toContainText('profile-mapping');

  await page.getByRole('button', { name: 'Take the “after” snapshot' }).click();
  await expect(page.getByText('Snapshot #2 taken')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore snapshot #1 with the wizard' })).toBeEnabled();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'drill-mode.png'), fullPage: true });
});

test('compare shows impact and diff', async () => {
  await page.getByRole('button', { name: 'Compare the two snapshots' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  await expect(page.getByLabel('Before')).toHaveValue('1');
  await expect(page.getByLabel('After')).toHaveValue('2');
  await page.getByRole('main').getByRole('button', { name: 'Compare', exact: true }).click();

  const impact = page.getByRole('region', { name: /Impact/ });
  await expect(impact).toContainText(/lose Confluence/i);

  await page.getByRole('region', { name: 'Findings on profile-mapping' }).getByRole('button').first().click();
  const diff = page.getByRole('region', { name: 'Resource diff' });
  await expect(diff).toContainText('/properties/atlassianProducts/expression');
  const modified = diff.locator('.editor.modified .view-lines');
  const original = diff.locator('.editor.original .view-lines');
  // The drill drops "confluence" from the Engineering branch of the mapping expression. Monaco
  // wraps long lines, so the texts are compared without whitespace.
  const compact = async (side: typeof original): Promise<string> => ((await side.textContent()) ?? '').replace(/\s+/g, '');
  await expect.poll(() => compact(original)).toContain('"Engineering\\"?{\\"jira-software\\",\\"confluence\\",\\"bitbucket\\"}');
  await expect.poll(() => compact(modified)).toContain('"Engineering\\"?{\\"jira-software\\",\\"bitbucket\\"}');
  await expect(diff.locator('.editor.original')).toBeVisible();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'compare.png'), fullPage: true });
});

test('diff stays side by side when narrow', async () => {
  await page.setViewportSize({ width: 900, height: 700 });
  const diff = page.getByRole('region', { name: 'Resource diff' });
  const original = await diff.locator('.editor.original').boundingBox();
  const modified = await diff.locator('.editor.modified').boundingBox();
  expect(original?.width ?? 0).toBeGreaterThan(50);
  expect((modified?.x ?? 0) > (original?.x ?? 0)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('dark theme follows the OS', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string }; document: { body: unknown } }).getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body).backgroundColor);
  expect(background).toBe('rgb(13, 17, 23)');
  await expect(page.locator('.monaco-editor.vs-dark').first()).toBeVisible();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'compare-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('screens open from the keyboard', async () => {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Snapshots' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Snapshots' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
});

test('compare leads to the restore wizard', async () => {
  await page.getByRole('main').getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('button', { name: 'Restore snapshot #1 into sandbox-demo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Restore' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Step 2 of 6: choose what to put back' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Restore steps' }).getByRole('button', { name: '1. Snapshot' }).click();
  await expect(page.getByRole('radio', { name: /#1 .*before drill/ })).toBeChecked();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-1-snapshot.png'), fullPage: true });
  await page.getByRole('button', { name: 'Next: compare with the live org' }).click();
});

test('scope is pre-selected from findings', async () => {
  const tree = page.getByRole('region', { name: 'Differences between snapshot #1 and the live org' });
  await expect(tree.getByRole('checkbox', { name: 'profile-mapping (1)' })).toBeChecked();
  await expect(tree).toContainText('the mapping expression of `atlassianProducts` changed');
  await tree.locator('details summary').first().click();
  await expect(tree.getByRole('checkbox', { name: /Field \/properties\/atlassianProducts/ })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Whole app' }).getByRole('checkbox').first()).not.toBeChecked();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-2-scope.png'), fullPage: true });
});

test('dry run shows steps and requests', async () => {
  await page.getByRole('button', { name: 'Run the dry run' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3 of 6: read the plan (nothing sent yet)' })).toBeVisible();
  const steps = page.getByRole('region', { name: /^Steps \(/ });
  await expect(steps.locator('.request-line').first()).toContainText('/api/v1/mappings/');
  await expect(steps).toContainText('Reverses:');
  await expect(page.getByRole('region', { name: 'Impact once the plan has run' })).toContainText(/Threshold/);
  await expect(page.getByRole('checkbox', { name: /Restore the SAML signing key/ })).not.toBeChecked();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-3-dry-run.png'), fullPage: true });
});

test('execute waits for the typed domain', async () => {
  await page.getByRole('button', { name: 'Continue to confirmation' }).click();
  const execute = page.getByRole('button', { name: 'Execute the restore' });
  await expect(execute).toBeDisabled();
  await page.getByLabel(/Type the org's domain/).fill('acme.okta.com');
  await expect(execute).toBeDisabled();
  const domain = new URL(host.desktop.sandbox.org?.url ?? 'http://missing').host;
  await page.getByLabel(/Type the org's domain/).fill(domain);
  await expect(execute).toBeEnabled();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-4-confirm.png'), fullPage: true });
});

test('restore executes and verifies clean', async () => {
  await page.getByRole('button', { name: 'Execute the restore' }).click();
  const progress = page.getByRole('region', { name: /Restore r1 finished/ });
  await expect(progress).toBeVisible();
  await expect(progress.locator('.state-done').first()).toBeVisible();
  await expect(progress.locator('.state-failed')).toHaveCount(0);
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-5-execute.png'), fullPage: true });

  await page.getByRole('button', { name: 'Show the verification' }).click();
  const verification = page.getByRole('region', { name: 'Verification clean' });
  await expect(verification).toContainText('The org matches snapshot #1');
  await expect(verification).toContainText('Restore r1');
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-6-result.png'), fullPage: true });
});

test('undo opens the wizard prefilled', async () => {
  await page.getByRole('button', { name: 'Undo: restore snapshot #3' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 6: choose what to put back' })).toBeVisible();
  const tree = page.getByRole('region', { name: 'Differences between snapshot #3 and the live org' });
  await expect(tree.getByRole('checkbox', { name: 'profile-mapping (1)' })).toBeChecked();
});

test('journal lists the restore', async () => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Restore journal', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Restore journal' })).toBeVisible();
  await page.getByRole('button', { name: 'Show the journal of r1' }).click();
  const journal = page.getByRole('region', { name: 'Journal of r1' });
  await expect(journal).toContainText('Verification clean');
  await expect(journal.locator('.state-succeeded').first()).toBeVisible();
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-journal.png'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: resolve(SCREENSHOTS, 'restore-journal-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('audit pack form lists missing fields', async () => {
  await openScreen('Snapshots');
  await page.getByRole('button', { name: 'Export Audit Pack' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit Pack' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /sandbox-demo/ })).toBeChecked();
  for (const framework of ['SOC 2', 'ISO 27001:2022', 'HIPAA']) await expect(page.getByRole('checkbox', { name: new RegExp(`^${framework} `) })).toBeChecked();

  await page.getByRole('checkbox', { name: /^HIPAA / }).uncheck();
  await page.getByRole('button', { name: 'Export the Audit Pack…' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Enter the name of the person preparing the pack.');
});

test('audit pack exports with its hash', async () => {
  await page.getByLabel('Prepared by').fill('Dana Whitfield');
  await page.getByLabel('Organisation (optional)').fill('Northwind Quanta');
  await page.getByLabel('Prepared by').press('Enter');

  const result = page.getByRole('region', { name: 'Audit Pack written' });
  await expect(result).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Audit Pack written' })).toBeFocused();
  const written = await readFile(host.auditPackPath);
  const sha256 = createHash('sha256').update(written).digest('hex');
  await expect(result).toContainText(host.auditPackPath);
  await expect(result).toContainText(sha256);
  await expect(result).toContainText(`${written.length.toLocaleString('en-US')} bytes`);
  await expect(result).toContainText('for SOC 2, ISO 27001:2022');
  await expect(result.getByRole('definition').nth(1)).toHaveText(/^\d+$/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: resolve(SCREENSHOTS, 'audit-pack-export.png'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: resolve(SCREENSHOTS, 'audit-pack-export-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
});
