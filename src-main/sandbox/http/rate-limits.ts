import type { RateLimitBucket } from './route.js';

/**
 * Requests per window for each bucket. The defaults are Okta's per-minute limits for a
 * Workforce Identity org (management rate-limit table, 2026): 100 for listing and creating
 * apps, 500 for a single app, 500 for groups, 1,000 for a single group, 600 for users, 2,000
 * for a single user and 1,200 for everything else.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitBucket, number> = {
  apps: 100,
  app: 500,
  groups: 500,
  group: 1000,
  users: 600,
  user: 2000,
  other: 1200,
};

export interface RateLimitOptions {
  /** Window length in seconds; Okta's is 60. Tests shorten it so a 429 is waited out quickly. */
  windowSeconds?: number;
  limits?: Partial<Record<RateLimitBucket, number>>;
}

/** The three `X-Rate-Limit-*` values Okta returns on every response. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the window ends, in UTC epoch seconds. */
  resetEpochSeconds: number;
  exceeded: boolean;
}

/** Fixed-window counters per bucket, driven by the server's clock. */
export class RateLimiter {
  private readonly windowSeconds: number;
  private readonly limits: Record<RateLimitBucket, number>;
  private readonly windows = new Map<RateLimitBucket, { start: number; used: number }>();

  constructor(options: RateLimitOptions = {}) {
    this.windowSeconds = options.windowSeconds ?? 60;
    this.limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  }

  /** Counts one request against the bucket; `exceeded` is true when the request gets a 429. */
  take(bucket: RateLimitBucket, nowMs: number): RateLimitState {
    const window = this.currentWindow(bucket, Math.floor(nowMs / 1000));
    const exceeded = window.used >= this.limits[bucket];
    if (!exceeded) window.used++;
    return { ...this.stateOf(bucket, window), exceeded };
  }

  /**
   * Returns the bucket's state without counting a request, for the headers of a response that
   * is rejected before the rate-limit check (unknown path or method, missing or refused
   * credentials).
   * NOTE: Okta does not document whether such requests count against a bucket, and the sandbox
   * does not count them.
   */
  peek(bucket: RateLimitBucket, nowMs: number): RateLimitState {
    return this.stateOf(bucket, this.currentWindow(bucket, Math.floor(nowMs / 1000)));
  }

  private stateOf(bucket: RateLimitBucket, window: { start: number; used: number }): RateLimitState {
    const limit = this.limits[bucket];
    return {
      limit,
      remaining: Math.max(0, limit - window.used),
      resetEpochSeconds: window.start + this.windowSeconds,
      exceeded: window.used >= limit,
    };
  }

  private currentWindow(bucket: RateLimitBucket, nowSeconds: number): { start: number; used: number } {
    const existing = this.windows.get(bucket);
    if (existing && nowSeconds < existing.start + this.windowSeconds) return existing;
    const fresh = { start: nowSeconds, used: 0 };
    this.windows.set(bucket, fresh);
    return fresh;
  }
}
