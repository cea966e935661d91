// Measurements taken inside the page for the diff editor benchmark. The scripts are strings
// because they run in Chromium, and the bench project is type-checked without DOM types. Every
// time is the page's performance.now() in milliseconds, so CDP round trips are not counted.
import type { Locator, Page } from '@playwright/test';

/** Long tasks (main-thread tasks over 50 ms) that started in one time window. */
export interface LongTaskSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Frames the page drew in one time window, from requestAnimationFrame timestamps. */
export interface FrameSummary {
  frames: number;
  /** Maximum interval between two frames, or from the window's start to the first frame. */
  maxGapMs: number;
  /** Intervals over 100 ms, which a user sees as a stall. */
  gapsOver100Ms: number;
}

/** The elements Monaco adds once a diff is computed: change decorations or hidden-region bars. */
const DIFF_SHOWN = ['.line-delete', '.line-insert', '.char-delete', '.char-insert', '.diff-hidden-lines-widget'].map((name) => `.diff-panel ${name}`).join(', ');

/** Starts recording long tasks in every page of the context, from its first script on. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript({
    content: `(() => {
      const tasks = [];
      Object.defineProperty(window, '__benchLongTasks', { value: tasks });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    })();`,
  });
}

export async function pageNow(page: Page): Promise<number> {
  return page.evaluate<number>('performance.now()');
}

/** Sums the long tasks that started between `fromMs` and `toMs` (page time). */
export async function longTasksBetween(page: Page, fromMs: number, toMs: number): Promise<LongTaskSummary> {
  const durations = await page.evaluate<number[]>(
    `window.__benchLongTasks.filter((task) => task.start >= ${fromMs} && task.start < ${toMs}).map((task) => task.duration)`,
  );
  return { count: durations.length, totalMs: durations.reduce((sum, duration) => sum + duration, 0), maxMs: Math.max(0, ...durations) };
}

/**
 * Clicks `button` from inside the page and waits, frame by frame, until the diff panel shows
 * rendered lines on both sides and then the computed diff. Returns the page times of the
 * click and of both moments. Rejects after `timeoutMs`.
 */
export async function selectAndWaitForDiff(button: Locator, timeoutMs: number): Promise<{ selectedAt: number; linesAt: number; diffAt: number }> {
  const selectedAt = await button.evaluate((element: { click(): void }) => {
    const now = performance.now();
    element.click();
    return now;
  });
  const times = await button.page().evaluate<{ linesAt: number; diffAt: number }>(`new Promise((resolve, reject) => {
    const has = (selector) => document.querySelector(selector) !== null;
    let linesAt = null;
    const tick = () => {
      const now = performance.now();
      if (linesAt === null && has('.diff-panel .editor.original .view-lines .view-line') && has('.diff-panel .editor.modified .view-lines .view-line')) linesAt = now;
      if (linesAt !== null && has(${JSON.stringify(DIFF_SHOWN)})) return resolve({ linesAt, diffAt: now });
      if (now - ${selectedAt} > ${timeoutMs}) return reject(new Error('The diff editor showed no ' + (linesAt === null ? 'lines' : 'computed diff') + ' within ${timeoutMs} ms of the selection.'));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
  return { selectedAt, ...times };
}

/** Starts collecting requestAnimationFrame timestamps until stopFrames is called. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const record = { start: performance.now(), times: [], running: true };
    window.__benchFrames = record;
    const tick = (time) => { if (!record.running) return; record.times.push(time); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
}

export async function stopFrames(page: Page): Promise<FrameSummary> {
  return page.evaluate<FrameSummary>(`(() => {
    const record = window.__benchFrames;
    record.running = false;
    const times = [record.start, ...record.times, performance.now()];
    let maxGapMs = 0;
    let gapsOver100Ms = 0;
    for (let index = 1; index < times.length; index++) {
      const gap = times[index] - times[index - 1];
      maxGapMs = Math.max(maxGapMs, gap);
      if (gap > 100) gapsOver100Ms++;
    }
    return { frames: record.times.length, maxGapMs, gapsOver100Ms };
  })()`);
}

/** Returns the smallest and largest line numbers Monaco has rendered on the modified side. */
export async function renderedLineRange(page: Page): Promise<{ first: number; last: number }> {
  return page.evaluate<{ first: number; last: number }>(`(() => {
    const numbers = [...document.querySelectorAll('.diff-panel .editor.modified .line-numbers')].map((element) => Number(element.textContent)).filter((value) => value > 0);
    return { first: Math.min(...numbers), last: Math.max(...numbers) };
  })()`);
}

/**
 * Arms a one-shot keydown listener that records the time from the event to the first task
 * after the next frame, which is when the frame showing the key's effect has been handed to
 * the compositor. Read the result with keyToFrameMs once the key was pressed.
 */
export async function armKeyToFrame(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__benchKeyToFrame = null;
    window.addEventListener('keydown', (event) => {
      const start = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { window.__benchKeyToFrame = performance.now() - Math.min(start, event.timeStamp); };
        channel.port2.postMessage(null);
      });
    }, { capture: true, once: true });
  })()`);
}

export async function keyToFrameMs(page: Page): Promise<number> {
  await waitUntil(page, 'window.__benchKeyToFrame !== null', 60_000);
  return page.evaluate<number>('window.__benchKeyToFrame');
}

/**
 * Polls `expression` in the page every 100 ms until it is true. Playwright's waitForFunction
 * evaluates its predicate with eval inside the page, which the app's CSP blocks.
 */
export async function waitUntil(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`The page did not reach \`${expression}\` within ${timeoutMs} ms.`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/**
 * Runs the comparison again through window.butterfly and times a structured clone of its
 * result in the page. Electron's IPC passes results with the same serializer, so this bounds
 * what the result costs the renderer in the app. The Playwright binding behind window.butterfly
 * in this harness passes it as script source, which costs far more.
 */
export async function cloneComparisonMs(page: Page, beforeId: number, afterId: number): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const result = await window.butterfly.compareSnapshots({ jobId: crypto.randomUUID(), beforeId: ${beforeId}, after: ${afterId} });
    const start = performance.now();
    structuredClone(result);
    return performance.now() - start;
  })()`);
}

/** Used and allocated JS heap of the page in MiB, from the Chrome DevTools Protocol after a garbage collection. */
export async function jsHeap(page: Page): Promise<{ usedMiB: number; totalMiB: number }> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string): number => (metrics.find((entry) => entry.name === name)?.value ?? Number.NaN) / 2 ** 20;
    return { usedMiB: metric('JSHeapUsedSize'), totalMiB: metric('JSHeapTotalSize') };
  } finally {
    await session.detach();
  }
}
