import type { Client } from '@okta/okta-sdk-nodejs';
import type { Logger } from '../logging/logger.js';
import { isJsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import type { CaptureEvent, CaptureListener } from './capture-progress.js';
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

/** The methods `send` accepts. */
export type SendMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  /**
   * Retry 5xx responses and network failures even though the request is not idempotent, because
   * the caller knows that sending it twice leaves the same state (a POST that replaces an
   * existing object). Never set it for a POST that creates an object.
   */
  retryUnsafe?: boolean;
  /** Receives the events of this request (sends, waits, retries) as well as the transport's listener. */
  listener?: CaptureListener;
}

/** The response to `send`: status, parsed JSON body (undefined when empty, as for 204) and headers. */
export interface SendResponse {
  status: number;
  body: JsonValue | undefined;
  headers: HeaderReader;
}

/** One request as the retry loop handles it. */
interface RequestCall {
  method: SendMethod;
  url: string;
  accept: string;
  /** The serialized JSON body, if any. */
  body?: string;
  /** Retry 5xx responses and network failures. 429s are retried regardless. */
  retryFailures: boolean;
  listener?: CaptureListener;
}

/**
 * Sends raw requests through the SDK's HTTP layer, which signs them (SSWS or OAuth 2.0) but
 * leaves the JSON untouched, so fields the SDK's models do not know survive. Adds what the SDK
 * does not: waits from the rate-limit headers with headroom, retries of 429s (Okta did not
 * process the request), and retries of 5xx and connection failures with capped exponential
 * backoff for idempotent requests only.
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
  async getJson<T = unknown>(pathOrUrl: string, options: { listener?: CaptureListener } = {}): Promise<OktaResponse<T>> {
    return this.get(pathOrUrl, 'application/json', async (response) => (await response.json()) as T, options.listener);
  }

  /** GETs a path or URL and returns the body as text, for XML such as SAML metadata. */
  async getText(pathOrUrl: string, accept: string): Promise<OktaResponse<string>> {
    return this.get(pathOrUrl, accept, (response) => response.text());
  }

  /**
   * Sends a request with an optional JSON body to a path or URL on the org and returns the
   * status, the parsed body and the headers. Throws OktaRequestError for any status outside
   * 2xx. A 429 is always retried. A 5xx or a network failure is retried only when the request
   * is idempotent (see `isIdempotentRequest`) or `retryUnsafe` is set, because a create that
   * reached Okta before the connection broke would otherwise be made twice.
   */
  async send(method: SendMethod, pathOrUrl: string, body?: JsonValue, options: SendOptions = {}): Promise<SendResponse> {
    const url = this.absolute(pathOrUrl);
    const call: RequestCall = {
      method,
      url,
      accept: 'application/json',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      retryFailures: options.retryUnsafe === true || isIdempotentRequest(method, new URL(url).pathname, body),
      ...(options.listener ? { listener: options.listener } : {}),
    };
    const { value, response } = await this.perform(call, readJsonOrEmpty);
    return { status: response.status, body: value, headers: response.headers };
  }

  private async get<T>(pathOrUrl: string, accept: string, read: (response: FetchResponse) => Promise<T>, listener?: CaptureListener): Promise<OktaResponse<T>> {
    const url = this.absolute(pathOrUrl);
    const { value, response } = await this.perform({ method: 'GET', url, accept, retryFailures: true, ...(listener ? { listener } : {}) }, read);
    return { body: value, headers: response.headers, url };
  }

  /** Sends one request, waiting for rate-limit budget first and retrying as `call` allows. */
  private async perform<T>(call: RequestCall, read: (response: FetchResponse) => Promise<T>): Promise<{ value: T; response: FetchResponse }> {
    const path = new URL(call.url).pathname;
    const bucket = bucketOf(path);

    for (let attempt = 1; ; attempt++) {
      await this.waitForBudget(bucket, path, call.listener);
      this.requestCount++;
      this.emit(call.listener, { type: 'request', method: call.method, path });
      let answered = false;
      try {
        const response = (await this.client.http.http(call.url, requestInit(call))) as unknown as FetchResponse;
        this.governor.record(bucket, response.headers);
        answered = true;
        return { value: await read(response), response };
      } catch (error) {
        const failure = OktaRequestError.from(error, call.url, call.method);
        if (failure.headers) this.governor.record(bucket, failure.headers);
        else if (!answered) this.governor.release(bucket);
        if (!isRetried(failure, call.retryFailures) || attempt >= this.maxAttempts) throw failure.withAttempts(attempt);
        await this.backOff(failure, attempt, path, call.listener);
      }
    }
  }

  private async waitForBudget(bucket: string, path: string, listener: CaptureListener | undefined): Promise<void> {
    for (let wait = this.governor.reserve(bucket); wait > 0; wait = this.governor.reserve(bucket)) {
      this.emit(listener, { type: 'rate-limit-wait', path, waitMs: wait, reason: 'headroom' });
      this.options.logger?.info({ path, waitMs: wait }, 'waiting for the rate-limit window to reset');
      await this.sleep(wait);
    }
  }

  private async backOff(failure: OktaRequestError, attempt: number, path: string, listener: CaptureListener | undefined): Promise<void> {
    if (failure.status === 429) {
      const waitMs = this.governor.waitAfterRateLimit(failure.headers ?? emptyHeaders, RATE_LIMIT_FALLBACK_MS);
      this.emit(listener, { type: 'rate-limit-wait', path, waitMs, reason: '429' });
      this.options.logger?.warn({ method: failure.method, path, waitMs, attempt }, 'rate limited (429); waiting for the window to reset');
      await this.sleep(waitMs);
      return;
    }

    const delayMs = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (attempt - 1));
    this.emit(listener, { type: 'retry', path, attempt, delayMs, reason: failure.message });
    this.options.logger?.warn({ method: failure.method, path, attempt, delayMs, err: failure.message }, 'request failed; retrying');
    await this.sleep(delayMs);
  }

  /** Reports an event to the transport's listener and to the request's own. */
  private emit(listener: CaptureListener | undefined, event: CaptureEvent): void {
    this.options.listener?.(event);
    listener?.(event);
  }

  private absolute(pathOrUrl: string): string {
    if (/^https?:\/\//.test(pathOrUrl)) return pathOrUrl;
    return `${this.client.baseUrl}${pathOrUrl}`;
  }
}

/**
 * Tells whether sending a request twice leaves the org as sending it once: GET, PUT and DELETE;
 * a PATCH whose body sets only `status`; and a POST to a `/lifecycle/activate` or
 * `/lifecycle/deactivate` path. Every other POST may create an object each time it is sent.
 * `path` is the URL path without the query.
 */
export function isIdempotentRequest(method: SendMethod, path: string, body: JsonValue | undefined): boolean {
  if (method === 'GET' || method === 'PUT' || method === 'DELETE') return true;
  if (method === 'PATCH') return isJsonObject(body) && Object.keys(body).every((key) => key === 'status');
  return /\/lifecycle\/(?:activate|deactivate)\/?$/.test(path);
}

function isRetried(failure: OktaRequestError, retryFailures: boolean): boolean {
  if (failure.status === 429) return true;
  if (!retryFailures) return false;
  return failure.status === undefined ? failure.transient : RETRIED_STATUSES.has(failure.status);
}

/** Builds a fresh SDK request for each attempt, because the SDK writes the signature headers into it. */
function requestInit(call: RequestCall): Parameters<Client['http']['http']>[1] {
  const headers: Record<string, string> = { Accept: call.accept };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method: call.method, headers, ...(call.body === undefined ? {} : { body: call.body }) };
  return init as unknown as Parameters<Client['http']['http']>[1];
}

/** Reads a JSON body, or undefined for an empty one (204, and Okta's 200 without a body). */
async function readJsonOrEmpty(response: FetchResponse): Promise<JsonValue | undefined> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  return JSON.parse(text) as JsonValue;
}

/** The parts of a node-fetch response the transport uses. */
interface FetchResponse {
  status: number;
  headers: HeaderReader;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

const emptyHeaders: HeaderReader = { get: () => null };
