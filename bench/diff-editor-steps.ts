// The user steps of the diff editor benchmark on the Compare screen, each returning its figures.
import type { Page } from '@playwright/test';
import {
  armKeyToFrame,
  keyToFrameMs,
  longTasksBetween,
  pageNow,
  recordLongTasks,
  renderedLineRange,
  selectAndWaitForDiff,
  startFrames,
  stopFrames,
  type FrameSummary,
  type LongTaskSummary,
  waitUntil,
} from './diff-editor-page.js';

/** How long a step may take before the benchmark gives up, in ms: far above any usable figure. */
const STEP_TIMEOUT_MS = 300_000;
/** Time after the diff is shown during which late work still counts as opening, in ms. */
const SETTLE_MS = 2_000;

export interface OpeningFigures {
  linesMs: number;
  diffMs: number;
  /** Length of the window the frames and long tasks were counted in, from the selection on. */
  windowMs: number;
  frames: FrameSummary;
  longTasks: LongTaskSummary;
}

export interface ScrollingFigures {
  steps: number;
  elapsedMs: number;
  /** Time from each step's input to the next frame, which includes sending the input over CDP. */
  stepMedianMs: number;
  stepMaxMs: number;
  linesBefore: { first: number; last: number };
  linesAfter: { first: number; last: number };
  frames: FrameSummary;
  longTasks: LongTaskSummary;
}

/**
 * Loads the app, opens Compare with the default sides (the last two snapshots, the newer being
 * `afterId`) and runs the comparison. Returns the time from the click to the impact card.
 */
export async function openCompareResult(page: Page, origin: string, afterId: number): Promise<{ elapsedMs: number; longTasks: LongTaskSummary }> {
  await recordLongTasks(page);
  await page.goto(`${origin}/index.html`);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Compare' }).click();
  await waitUntil(page, `document.getElementById('compare-after')?.value === '${afterId}'`, STEP_TIMEOUT_MS);

  const start = await pageNow(page);
  await page.getByRole('main').getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('region', { name: /Impact/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
  const end = await pageNow(page);
  return { elapsedMs: end - start, longTasks: await longTasksBetween(page, start, end) };
}

/** Selects the changed resource whose button reads `buttonName` and times the diff editor until it settles. */
export async function measureOpening(page: Page, buttonName: string): Promise<OpeningFigures> {
  await page.locator('details summary', { hasText: 'Every changed resource' }).click();
  const button = page.getByRole('button', { name: buttonName, exact: true });
  await button.waitFor();

  await startFrames(page);
  const opened = await selectAndWaitForDiff(button, STEP_TIMEOUT_MS);
  await page.waitForTimeout(SETTLE_MS);
  const frames = await stopFrames(page);
  const end = await pageNow(page);
  return {
    linesMs: opened.linesAt - opened.selectedAt,
    diffMs: opened.diffAt - opened.selectedAt,
    windowMs: end - opened.selectedAt,
    frames,
    longTasks: await longTasksBetween(page, opened.selectedAt, end),
  };
}

/**
 * Turns the mouse wheel `steps` times over the modified side. Chromium sends each turn as one
 * notch, which Monaco scrolls by a few lines whatever the pixel delta, so this covers only the
 * top of a long document. measureScrollbarDrag covers all of it.
 */
export async function measureWheel(page: Page, steps: number): Promise<ScrollingFigures> {
  const box = await modifiedEditorBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  return timeSteps(page, steps, async () => page.mouse.wheel(0, 100));
}

/**
 * Drags the modified side's vertical scrollbar slider from the top to the bottom of its track
 * in `steps` moves, so that each step shows lines about 1/steps of the document further on.
 */
export async function measureScrollbarDrag(page: Page, steps: number): Promise<ScrollingFigures> {
  const box = await modifiedEditorBox(page);
  const track = await page.locator('.diff-panel .editor.modified .editor-scrollable > .scrollbar.vertical').boundingBox();
  const slider = await page.locator('.diff-panel .editor.modified .editor-scrollable > .scrollbar.vertical > .slider').boundingBox();
  if (track === null || slider === null) throw new Error('The modified side of the diff editor has no vertical scrollbar; the document fits on screen.');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  const x = slider.x + slider.width / 2;
  const startY = slider.y + slider.height / 2;
  const endY = track.y + track.height - 1;
  await page.mouse.move(x, startY);
  await page.mouse.down();
  let step = 0;
  const figures = await timeSteps(page, steps, async () => {
    step++;
    await page.mouse.move(x, startY + ((endY - startY) * step) / steps);
  });
  await page.mouse.up();
  return figures;
}

/** Runs `act` `steps` times, each followed by a wait for the next frame, and counts frames and long tasks over all of it. */
async function timeSteps(page: Page, steps: number, act: () => Promise<void>): Promise<ScrollingFigures> {
  const linesBefore = await renderedLineRange(page);
  await startFrames(page);
  const start = await pageNow(page);
  const stepTimes: number[] = [];
  for (let step = 0; step < steps; step++) {
    const before = await pageNow(page);
    await act();
    const frame = await page.evaluate<number>('new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))');
    stepTimes.push(frame - before);
  }
  await page.waitForTimeout(500);
  const frames = await stopFrames(page);
  const end = await pageNow(page);

  const sorted = [...stepTimes].sort((a, b) => a - b);
  return {
    steps,
    elapsedMs: end - start,
    stepMedianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    stepMaxMs: sorted.at(-1) ?? Number.NaN,
    linesBefore,
    linesAfter: await renderedLineRange(page),
    frames,
    longTasks: await longTasksBetween(page, start, end),
  };
}

/** Scrolls the page until the modified side is in view and returns its box. */
async function modifiedEditorBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const editor = page.locator('.diff-panel .editor.modified');
  await editor.scrollIntoViewIfNeeded();
  const box = await editor.boundingBox();
  if (box === null) throw new Error('The modified side of the diff editor is not rendered.');
  return box;
}

/** Clicks into the modified side and presses PageDown `presses` times, timing each to the next frame. */
export async function measureKeyPresses(page: Page, presses: number): Promise<{ samples: number[]; medianMs: number; maxMs: number }> {
  const box = await modifiedEditorBox(page);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const samples: number[] = [];
  for (let press = 0; press < presses; press++) {
    await armKeyToFrame(page);
    await page.keyboard.press('PageDown');
    samples.push(await keyToFrameMs(page));
    await page.waitForTimeout(200);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, maxMs: sorted.at(-1) ?? Number.NaN };
}
