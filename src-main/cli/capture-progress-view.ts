import type { CaptureEvent } from '../okta/capture-progress.js';
import type { CommandIo } from './command-io.js';

/**
 * Turns capture events into progress lines on standard error: on a terminal one line that is
 * rewritten in place; elsewhere (CI logs, files) a line per finished section and per wait.
 */
export class CaptureProgressView {
  private requests = 0;
  /** Items read so far per list path, summed for the progress line. */
  private readonly itemsByList = new Map<string, number>();
  private lastDrawMs = 0;
  /** When the last wait that was reported ends, so parallel requests waiting for one window print it once. */
  private reportedWaitEndMs = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly interactive: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  handle(event: CaptureEvent): void {
    switch (event.type) {
      case 'request':
        this.requests++;
        this.draw(false);
        return;
      case 'page':
        this.itemsByList.set(event.path, event.items);
        this.draw(false);
        return;
      case 'section-started':
        return;
      case 'section-finished':
        if (event.state.status === 'failed') this.line(`section ${event.section} failed: ${event.state.error}`);
        else if (!this.interactive) this.line(`section ${event.section}: ${describeState(event.state)}`);
        return;
      case 'rate-limit-wait': {
        const endMs = this.now() + event.waitMs;
        if (event.waitMs < MIN_REPORTED_WAIT_MS || endMs <= this.reportedWaitEndMs + MIN_REPORTED_WAIT_MS) return;
        this.reportedWaitEndMs = endMs;
        this.line(`waiting ${(event.waitMs / 1000).toFixed(1)} s for Okta's rate limit (${event.reason === '429' ? 'answered 429' : 'keeping headroom'}) on ${event.path}`);
        return;
      }
      case 'retry':
        this.line(`retrying ${event.path} in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt + 1}): ${event.reason}`);
        return;
    }
  }

  /** Ends the rewritten line so later output starts on a fresh one. */
  finish(): void {
    if (this.interactive) this.write('\n');
  }

  private draw(force: boolean): void {
    if (!this.interactive) return;
    const now = this.now();
    if (!force && now - this.lastDrawMs < 100) return;
    this.lastDrawMs = now;
    let items = 0;
    for (const count of this.itemsByList.values()) items += count;
    this.write(`\r\u001b[2Kcapturing: ${this.requests} requests, ${items} items listed`);
  }

  private line(text: string): void {
    this.write(this.interactive ? `\r\u001b[2K${text}\n` : `${text}\n`);
  }
}

/** Waits shorter than this, in milliseconds, are not worth a line. */
const MIN_REPORTED_WAIT_MS = 500;

function describeState(state: { status: string; count?: number; reason?: string }): string {
  if (state.status === 'not-configured') return `not configured (${state.reason ?? ''})`;
  const count = state.count ?? 0;
  return `${state.status}, ${count} ${count === 1 ? 'resource' : 'resources'}`;
}

/** A progress view writing to the command's progress stream, or to standard error line by line. */
export function progressViewFor(io: CommandIo): CaptureProgressView {
  return new CaptureProgressView((text) => (io.progress ?? ((line: string) => io.err(line.replace(/\n$/, ''))))(text), io.progressIsInteractive === true);
}
