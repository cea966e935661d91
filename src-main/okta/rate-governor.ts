/**
 * Keeps a capture inside Okta's rate limits with headroom for the org's other traffic. It
 * remembers the last `X-Rate-Limit-*` headers seen for each bucket and, before a request,
 * returns how long to wait: nothing while the bucket has more than `headroom` of its limit left,
 * otherwise until the bucket resets. The reset time is an epoch second on Okta's clock, so the
 * wait is measured against the server's `Date` header, not the local clock.
 */
export class RateGovernor {
  private readonly buckets = new Map<string, BucketReading>();
  /** Requests sent per bucket whose response has not been recorded yet. */
  private readonly inFlight = new Map<string, number>();

  /**
   * @param headroom fraction of each bucket's limit left for other clients (0.2 keeps 20%).
   * @param now local clock in milliseconds, replaceable in tests.
   */
  constructor(
    private readonly headroom = 0.2,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records the rate-limit headers of a response; responses without them are ignored. Within
   * one window the lower remainder wins: the server's count does not yet include requests still
   * in flight, and the local count does not include other clients.
   */
  record(bucket: string, headers: HeaderReader): void {
    this.release(bucket);
    const reading = readRateLimit(headers, this.now());
    if (!reading) return;
    const known = this.buckets.get(bucket);
    if (known && known.resetEpochSeconds === reading.resetEpochSeconds) reading.remaining = Math.min(known.remaining, reading.remaining);
    this.buckets.set(bucket, reading);
  }

  /**
   * Returns the milliseconds to wait before the next request to this bucket, 0 when it may go
   * now. A request that may go counts as in flight until `record` or `release` is called for
   * it, and in-flight requests are taken off the remainder, since the last response could not
   * count them. Call it again after waiting.
   */
  reserve(bucket: string): number {
    const reading = this.buckets.get(bucket);
    if (reading && waitUntilReset(reading, this.now()) <= 0) this.buckets.delete(bucket);

    const current = this.buckets.get(bucket);
    const inFlight = this.inFlight.get(bucket) ?? 0;
    if (current && current.remaining - inFlight <= Math.ceil(current.limit * this.headroom)) {
      return waitUntilReset(current, this.now());
    }
    this.inFlight.set(bucket, inFlight + 1);
    return 0;
  }

  /** Ends an in-flight request that got no response headers (a network failure). */
  release(bucket: string): void {
    const inFlight = this.inFlight.get(bucket) ?? 0;
    if (inFlight > 0) this.inFlight.set(bucket, inFlight - 1);
  }

  /** Milliseconds to wait after a 429, from that response's own headers; `fallbackMs` when they are missing. */
  waitAfterRateLimit(headers: HeaderReader, fallbackMs: number): number {
    const reading = readRateLimit(headers, this.now());
    if (!reading) return fallbackMs;
    return Math.max(MIN_WAIT_MS, waitUntilReset(reading, this.now()));
  }
}

/** Reads one response header by name, case-insensitively (fetch `Headers` and plain objects both fit). */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

interface BucketReading {
  limit: number;
  remaining: number;
  resetEpochSeconds: number;
  /** Server time when the response was sent, and local time when it was read, in milliseconds. */
  serverNowMs: number;
  localNowMs: number;
}

/** One second past the reset, because the reset is rounded to whole seconds and clocks drift. */
const RESET_MARGIN_MS = 1000;
const MIN_WAIT_MS = 250;

function readRateLimit(headers: HeaderReader, localNowMs: number): BucketReading | undefined {
  const limit = Number(headers.get('x-rate-limit-limit'));
  const remaining = Number(headers.get('x-rate-limit-remaining'));
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset) || limit <= 0) return undefined;

  const date = Date.parse(headers.get('date') ?? '');
  const serverNowMs = Number.isNaN(date) ? localNowMs : date;
  return { limit, remaining, resetEpochSeconds: reset, serverNowMs, localNowMs };
}

/** Returns the wait until reset on the server's clock, carried forward by the local time elapsed since the reading. */
function waitUntilReset(reading: BucketReading, localNowMs: number): number {
  const serverNow = reading.serverNowMs + (localNowMs - reading.localNowMs);
  return reading.resetEpochSeconds * 1000 - serverNow + RESET_MARGIN_MS;
}

/**
 * Names the rate-limit bucket of a request path, after the groups in Okta's management
 * rate-limit table: listing and creating apps, one app and its sub-resources, listing groups,
 * one group, users, and everything else. A guess for paths Okta does not list.
 */
export function bucketOf(path: string): string {
  const bare = path.replace(/\?.*$/, '');
  if (bare === '/api/v1/apps') return 'apps';
  if (bare.startsWith('/api/v1/apps/')) return 'app';
  if (bare === '/api/v1/groups') return 'groups';
  if (bare.startsWith('/api/v1/groups/rules')) return 'other';
  if (bare.startsWith('/api/v1/groups/')) return 'group';
  if (bare.startsWith('/api/v1/users')) return 'users';
  return 'other';
}
