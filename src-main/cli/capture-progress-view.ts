import type { CaptureEvent } from '../okta/capture-progress.js';

/**
 * Turns capture events into progress lines on standard error: on a terminal one line that is
 * rewritten in place; elsewhere (CI logs, files) a line per finished section and per wait.
 */
export class CaptureProgressView {
  private requests = 0;
  private section = '';
  private items = 0;
  private lastDrawMs = 0;

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
        this.items = event.items;
        this.draw(false);
        return;
      case 'section-started':
        this.section = event.section;
        this.draw(false);
        return;
      case 'section-finished':
        if (event.state.status === 'failed') this.line(`section ${event.section} failed: ${event.state.error}`);
        else if (!this.interactive) this.line(`section ${event.section}: ${describeState(event.state)}`);
        return;
      case 'rate-limit-wait':
        this.line(`waiting ${(event.waitMs / 1000).toFixed(1)} s for Okta's rate limit (${event.reason === '429' ? 'answered 429' : 'keeping headroom'}) on ${event.path}`);
        return;
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
    this.write(`\r\u001b[2Kcapturing ${this.section}: ${this.items} items, ${this.requests} requests`);
  }

  private line(text: string): void {
    this.write(this.interactive ? `\r\u001b[2K${text}\n` : `${text}\n`);
  }
}

function describeState(state: { status: string; count?: number; reason?: string }): string {
  if (state.status === 'not-configured') return `not configured (${state.reason ?? ''})`;
  return `${state.status}, ${state.count ?? 0} resources`;
}
