/**
 * Fault switches: ways to make the sandbox org misbehave like a real one on a bad day, for
 * tests and for incident drills. Counters refer to requests to `/api/v1` received after the
 * switch is set; the token endpoint is never faulted.
 */
export interface FaultSettings {
  /** Count of upcoming API requests that get 429 and Okta's rate-limit error body. */
  rateLimitStorm?: number;
  /** Seconds until the window resets, sent in `X-Rate-Limit-Reset` during a storm (default 1). */
  rateLimitStormResetSeconds?: number;
  /** A 5xx status for the Nth API request (1 = the next one). */
  serverError?: { onRequest: number; status?: 500 | 502 | 503 | 504 };
  /**
   * A 5xx status for requests whose path contains `pathIncludes` (and whose query contains
   * `queryIncludes`, when given), `times` times in a row. With
   * `queryIncludes: 'after='` it hits the later pages of a list and spares the first.
   */
  failMatchingRequests?: { pathIncludes: string; queryIncludes?: string; status?: 500 | 502 | 503 | 504; times: number };
  /** Close the connection without a response on the Nth API request. */
  dropConnection?: { onRequest: number };
  /** Send only part of the body of the Nth API request's response, then close the connection. */
  truncateBody?: { onRequest: number };
  /** The next list page answered is empty yet carries a `next` link. */
  emptyPageWithNext?: boolean;
  /** The next list page's `next` link repeats the cursor it was requested with. */
  repeatCursor?: boolean;
  /** Delay every API response by this many milliseconds. */
  slowResponsesMs?: number;
  /** Add this number to every group's `_embedded.stats.usersCount` (with `expand=stats`). */
  wrongGroupUserCount?: number;
}

export type FaultAction =
  | { kind: 'rate-limit-storm'; resetSeconds: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'drop-connection' }
  | { kind: 'truncate-body' }
  | { kind: 'none' };

/** Holds the active fault switches and decides, request by request, which one fires. */
export class Faults {
  private settings: FaultSettings = {};
  private requestsSinceSet = 0;

  set(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.requestsSinceSet = 0;
  }

  clear(): void {
    this.set({});
  }

  current(): Readonly<FaultSettings> {
    return this.settings;
  }

  /** Counts one API request and returns the fault it must suffer, if any. */
  nextRequest(path: string, search: string): FaultAction {
    this.requestsSinceSet++;
    const n = this.requestsSinceSet;
    const s = this.settings;
    if (s.rateLimitStorm !== undefined && s.rateLimitStorm > 0) {
      s.rateLimitStorm--;
      return { kind: 'rate-limit-storm', resetSeconds: s.rateLimitStormResetSeconds ?? 1 };
    }
    if (s.serverError?.onRequest === n) return { kind: 'server-error', status: s.serverError.status ?? 500 };
    const matching = s.failMatchingRequests;
    if (matching && matching.times > 0 && path.includes(matching.pathIncludes) && search.includes(matching.queryIncludes ?? '')) {
      matching.times--;
      return { kind: 'server-error', status: matching.status ?? 500 };
    }
    if (s.dropConnection?.onRequest === n) return { kind: 'drop-connection' };
    if (s.truncateBody?.onRequest === n) return { kind: 'truncate-body' };
    return { kind: 'none' };
  }

  /** Returns and clears the one-shot page faults for the list page being answered. */
  takePageFault(): { emptyPageWithNext: boolean; repeatCursor: boolean } {
    const fault = { emptyPageWithNext: this.settings.emptyPageWithNext === true, repeatCursor: this.settings.repeatCursor === true };
    this.settings.emptyPageWithNext = false;
    this.settings.repeatCursor = false;
    return fault;
  }

  slowResponsesMs(): number {
    return this.settings.slowResponsesMs ?? 0;
  }

  wrongGroupUserCount(): number {
    return this.settings.wrongGroupUserCount ?? 0;
  }
}
