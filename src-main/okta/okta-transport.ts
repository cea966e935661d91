import type { Client } from '@okta/okta-sdk-nodejs';
import type { Logger } from '../logging/logger.js';
import type { CaptureListener } from './capture-progress.js';
import { OktaRequestError } from './okta-request-error.js';
import { bucketOf, RateGovernor, type HeaderReader } from './rate-governor.js';

/** A successful raw response: the parsed JSON (or text) and its headers. */
export interface OktaResponse<T> {
  body: T;
  headers: HeaderReader;
  /** The absolute URL that was requested. */
  url: string;
}

export interface TransportOptions {
  governor?: RateGovernor;
  /** Maximum attempts per request, the first included; 429s count too. */
  maxAttempts?: number;
  /** First backoff after a 5xx or a network error, doubled on each retry up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  listener?: CaptureListener;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** Statuses worth another try: Okta's rate limit and its transient server errors. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
/** When a 429 carries no rate-limit headers, wait this long (Okta's windows are one minute). */
const RATE_LIMIT_FALLBACK_MS = 60_000;

/**
 * Sends raw GET requests through the SDK's HTTP layer, which signs them (SSWS or OAuth 2.0) but
 * leaves the JSON untouched, so fields the SDK's models do not know survive. Adds what the SDK
 * does not: waits from the rate-limit headers with headroom, and retries of 429s, 5xx and
 * connection failures with capped exponential backoff.
 */
export class OktaTransport {
  private readonly governor: RateGovernor;
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests sent, retries included. */
  requestCount = 0;

  constructor(
    private readonly client: Client,
    private readonly options: TransportOptions = {},
  ) {
    this.governor = options.governor ?? new RateGovernor();
    this.maxAttempts = options.maxAttempts ?? 6;
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 8000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The org URL requests are resolved against, without a trailing slash. */
  get orgUrl(): string {
    return this.client.baseUrl;
  }

  /** GETs a path (`/api/v1/...`) or an absolute URL on the org and parses the JSON body. */
  async getJson<T = unknown>(pathOrUrl: string): Promise<OktaResponse<T>> {
    return this.get(pathOrUrl, 'application/json', async (response) => (await response.json()) as T);
  }

  /** GETs a path or URL and returns the body as text, for XML such as SAML metadata. */
  async getText(pathOrUrl: string, accept: string): Promise<OktaResponse<string>> {
    return this.get(pathOrUrl, accept, (response) => response.text());
  }

  private async get<T>(pathOrUrl: string, accept: string, read: (response: FetchResponse) => Promise<T>): Promise<OktaResponse<T>> {
    const url = this.absolute(pathOrUrl);
    const path = new URL(url).pathname;
    const bucket = bucketOf(path);

    for (let attempt = 1; ; attempt++) {
      await this.waitForBudget(bucket, path);
      this.requestCount++;
      this.options.listener?.({ type: 'request', method: 'GET', path });
      let answered = false;
      try {
        const request = { method: 'get', headers: { Accept: accept } } as unknown as Parameters<Client['http']['http']>[1];
        const response = (await this.client.http.http(url, request)) as unknown as FetchResponse;
        this.governor.record(bucket, response.headers);
        answered = true;
        return { body: await read(response), headers: response.headers, url };
      } catch (error) {
        const failure = OktaRequestError.from(error, url);
        if (failure.headers) this.governor.record(bucket, failure.headers);
        else if (!answered) this.governor.release(bucket);
        if (!this.isRetried(failure) || attempt >= this.maxAttempts) throw failure.withAttempts(attempt);
        await this.backOff(failure, attempt, path);
      }
    }
  }

  private async waitForBudget(bucket: string, path: string): Promise<void> {
    for (let wait = this.governor.reserve(bucket); wait > 0; wait = this.governor.reserve(bucket)) {
      this.options.listener?.({ type: 'rate-limit-wait', path, waitMs: wait, reason: 'headroom' });
      this.options.logger?.info({ path, waitMs: wait }, 'waiting for the rate-limit window to reset');
      await this.sleep(wait);
    }
  }

  private isRetried(failure: OktaRequestError): boolean {
    return failure.status === undefined ? failure.transient : RETRIED_STATUSES.has(failure.status);
  }

  private async backOff(failure: OktaRequestError, attempt: number, path: string): Promise<void> {
    if (failure.status === 429) {
      const waitMs = this.governor.waitAfterRateLimit(failure.headers ?? emptyHeaders, RATE_LIMIT_FALLBACK_MS);
      this.options.listener?.({ type: 'rate-limit-wait', path, waitMs, reason: '429' });
      this.options.logger?.warn({ path, waitMs, attempt }, 'rate limited (429); waiting for the window to reset');
      await this.sleep(waitMs);
      return;
    }

    const delayMs = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (attempt - 1));
    this.options.listener?.({ type: 'retry', path, attempt, delayMs, reason: failure.message });
    this.options.logger?.warn({ path, attempt, delayMs, err: failure.message }, 'request failed; retrying');
    await this.sleep(delayMs);
  }

  private absolute(pathOrUrl: string): string {
    if (/^https?:\/\//.test(pathOrUrl)) return pathOrUrl;
    return `${this.client.baseUrl}${pathOrUrl}`;
  }
}

/** The parts of a node-fetch response the transport uses. */
interface FetchResponse {
  headers: HeaderReader;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

const emptyHeaders: HeaderReader = { get: () => null };
