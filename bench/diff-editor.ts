// Measures whether the Compare screen's diff editor stays responsive on the largest resource of
// the large generated org: a 20,000-member group with members removed between two snapshots.
// The built renderer runs in Debian's Chromium with the real services behind window.butterfly,
// wired as in the end-to-end tests. Build the renderer first (`npm run build:renderer`).
// Run: npx tsx bench/diff-editor.ts [--removed N] [--scroll-steps N] [--key-presses N]
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import type { ResourceChange } from '../src-shared/diff/diff-types.js';
import { compareSnapshots } from '../src-main/services/compare-snapshots.js';
import type { ButterflyServices } from '../src-main/services/butterfly-services.js';
import { launchBrowser, watchPage } from '../test/e2e/support/browser.js';
import { DesktopHost } from '../test/e2e/support/desktop-host.js';
import { startRendererServer } from '../test/e2e/support/renderer-server.js';
import { snapshotLargeChange } from './diff-editor-org.js';
import { cloneComparisonMs, jsHeap, longTasksBetween, pageNow } from './diff-editor-page.js';
import { measureKeyPresses, measureOpening, measureScrollbarDrag, measureWheel, openCompareResult, type OpeningFigures, type ScrollingFigures } from './diff-editor-steps.js';

const RENDERER_DIR = resolve(import.meta.dirname, '..', 'out', 'app', 'renderer');

const { values } = parseArgs({
  options: { removed: { type: 'string', default: '200' }, 'scroll-steps': { type: 'string', default: '20' }, 'key-presses': { type: 'string', default: '5' } },
});
const removed = Number(values.removed);
const scrollSteps = Number(values['scroll-steps']);
const keyPresses = Number(values['key-presses']);

if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) throw new Error(`No built renderer in ${RENDERER_DIR}. Run 'npm run build:renderer' first.`);
await runBenchmark();

async function runBenchmark(): Promise<void> {
  const server = await startRendererServer(RENDERER_DIR);
  const host = await DesktopHost.start(server.origin);
  const setupStart = performance.now();
  const org = await snapshotLargeChange(host.services, removed);
  const browser = await launchBrowser();
  try {
    console.log(`diff editor benchmark: large generated org, ${org.groupSize} members in the Jira group, ${removed} of them removed; Node ${process.version}, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
    console.log(`snapshots #${org.beforeId} and #${org.afterId} of ${org.resourceCount} resources taken in ${seconds(performance.now() - setupStart)}`);
    const largest = await largestChange(host.services, org.beforeId, org.afterId);
    printSides(largest);

    await host.attach(browser.context);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const problems = await watchPage(page, server.origin);
    await runInPage(page, server.origin, org, largest);
    const heap = await jsHeap(page);
    console.log(`JS heap of the page after all steps (after a GC): ${heap.usedMiB.toFixed(1)} MiB used, ${heap.totalMiB.toFixed(1)} MiB allocated`);
    console.log(`page problems: ${problems.consoleErrors.length} console errors, ${problems.cspViolations.length} CSP violations, ${problems.foreignRequests.length} requests to other origins`);
    for (const message of [...problems.consoleErrors, ...problems.cspViolations, ...problems.foreignRequests].slice(0, 5)) console.log(`  ${message}`);
  } finally {
    await browser.close();
    await host.stop();
    await org.sandbox.close();
    await server.close();
  }
}

/** Returns the changed resource with the most text on both sides, which the benchmark opens. */
async function largestChange(services: ButterflyServices, beforeId: number, afterId: number): Promise<ResourceChange> {
  const result = await compareSnapshots(services, { beforeId, after: afterId, signal: new AbortController().signal });
  const size = (change: ResourceChange): number => change.beforeText.length + change.afterText.length;
  const largest = result.changes.reduce<ResourceChange | undefined>((best, change) => (best === undefined || size(change) > size(best) ? change : best), undefined);
  if (largest === undefined) throw new Error(`Snapshots #${beforeId} and #${afterId} do not differ, so there is no diff to open.`);
  console.log(`${result.changes.length} changed resources; the largest is ${largest.kind} '${largest.name}'`);
  return largest;
}

function printSides(change: ResourceChange): void {
  for (const [side, text] of [['before', change.beforeText], ['after', change.afterText]] as const) {
    console.log(`  ${side.padEnd(6)} canonical JSON ${Buffer.byteLength(text)} bytes, ${text.split('\n').length} lines`);
  }
}

async function runInPage(page: Page, origin: string, snapshots: { beforeId: number; afterId: number }, change: ResourceChange): Promise<void> {
  console.log(`Chromium: ${await page.evaluate<string>('navigator.userAgent')}`);
  const compare = await openCompareResult(page, origin, snapshots.afterId);
  console.log(`Compare clicked to impact shown: ${seconds(compare.elapsedMs)}; long tasks ${formatTasks(compare.longTasks)}`);
  console.log(`  structured clone of the comparison result in the page, as Electron's IPC would pass it: ${ms(await cloneComparisonMs(page, snapshots.beforeId, snapshots.afterId))}`);
  const heap = await jsHeap(page);
  console.log(`JS heap with the comparison loaded (after a GC): ${heap.usedMiB.toFixed(1)} MiB used`);

  printOpening(await measureOpening(page, `${change.change} ${change.kind} ${change.name}`));
  printScrolling('mouse wheel', await measureWheel(page, scrollSteps));
  printScrolling('scrollbar drag, top to bottom', await measureScrollbarDrag(page, scrollSteps));

  const keys = await measureKeyPresses(page, keyPresses);
  console.log(`PageDown in the modified editor to next frame (${keys.samples.length} presses): median ${ms(keys.medianMs)}, max ${ms(keys.maxMs)}`);
  console.log(`long tasks from page load to here, the Compare click included: ${formatTasks(await longTasksBetween(page, 0, await pageNow(page)))}`);
}

function printOpening(opening: OpeningFigures): void {
  console.log(`selection to both sides' lines rendered: ${ms(opening.linesMs)}`);
  console.log(`selection to the computed diff shown: ${ms(opening.diffMs)}`);
  console.log(`opening (selection to ${ms(opening.windowMs)} later): frames ${opening.frames.frames}, longest gap ${ms(opening.frames.maxGapMs)}, gaps over 100 ms ${opening.frames.gapsOver100Ms}; long tasks ${formatTasks(opening.longTasks)}`);
}

function printScrolling(name: string, figures: ScrollingFigures): void {
  console.log(`${name}, ${figures.steps} steps over ${seconds(figures.elapsedMs)}: modified lines ${figures.linesBefore.first}-${figures.linesBefore.last} shown before, ${figures.linesAfter.first}-${figures.linesAfter.last} after`);
  console.log(`  step to next frame: median ${ms(figures.stepMedianMs)}, max ${ms(figures.stepMaxMs)}`);
  console.log(`  frames ${figures.frames.frames}, longest gap ${ms(figures.frames.maxGapMs)}, gaps over 100 ms ${figures.frames.gapsOver100Ms}; long tasks ${formatTasks(figures.longTasks)}`);
}

function formatTasks(tasks: { count: number; totalMs: number; maxMs: number }): string {
  return `${tasks.count} (total ${ms(tasks.totalMs)}, longest ${ms(tasks.maxMs)})`;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}
