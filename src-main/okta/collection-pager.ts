import { isJsonObject, type JsonObject } from '../../src-shared/json/json-types.js';
import type { CaptureListener } from './capture-progress.js';
import type { OktaTransport } from './okta-transport.js';

/** A list that could not be read whole; the section it belongs to ends failed, never shorter. */
export class IncompleteCollectionError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`The list ${path} could not be read whole: ${reason}`);
    this.name = 'IncompleteCollectionError';
  }
}

export interface ListOptions {
  listener?: CaptureListener;
  /** Stop after this many pages and fail, as a guard against a server that never ends a list. */
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 100_000;

/**
 * Reads every item of an Okta list by following the `Link: <…>; rel="next"` header, as Okta
 * asks clients to (the link is opaque). Fails rather than return a short list when a page is
 * not an array, a `next` link repeats a URL already read (a cursor that does not move), or an
 * item id comes back twice (a cursor that moved backwards). An empty page with a `next` link
 * is followed: if the server repeats itself, the repeated URL ends the list as failed.
 */
export async function listAll(transport: OktaTransport, firstPath: string, options: ListOptions = {}): Promise<JsonObject[]> {
  const items: JsonObject[] = [];
  const seenUrls = new Set<string>();
  const seenIds = new Set<string>();
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  let next: string | undefined = firstPath;

  for (let pages = 1; next !== undefined; pages++) {
    if (pages > maxPages) throw new IncompleteCollectionError(firstPath, `it did not end within ${maxPages} pages`);
    const response = await transport.getJson<unknown>(next);
    seenUrls.add(normalizeUrl(response.url));
    addPage(items, seenIds, response.body, firstPath);
    options.listener?.({ type: 'page', path: firstPath, items: items.length, pages });

    next = nextLink(response.headers.get('link'));
    if (next !== undefined && seenUrls.has(normalizeUrl(next))) {
      throw new IncompleteCollectionError(firstPath, `the next link repeats a page already read (${pathOf(next)}), so the cursor did not advance`);
    }
  }
  return items;
}

function addPage(items: JsonObject[], seenIds: Set<string>, body: unknown, path: string): void {
  if (!Array.isArray(body)) throw new IncompleteCollectionError(path, 'a page was not a JSON array');
  for (const item of body) {
    if (!isJsonObject(item)) throw new IncompleteCollectionError(path, 'a page held an item that is not a JSON object');
    const id = typeof item['id'] === 'string' ? item['id'] : undefined;
    if (id !== undefined) {
      if (seenIds.has(id)) throw new IncompleteCollectionError(path, `the item ${id} came back on a later page, so the cursor moved backwards`);
      seenIds.add(id);
    }
    items.push(item);
  }
}

/** Returns the URL of the `rel="next"` entry of a Link header, if any. */
export function nextLink(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (match && /rel\s*=\s*"?next"?/.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

/** Sorts query parameters so the same page asked two ways counts as one URL. */
function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.searchParams.sort();
    return parsed.toString();
  } catch {
    return url;
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
