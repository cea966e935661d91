import type { JsonObject } from '../../../src-shared/json/json-types.js';

/** A `_links` entry as Okta writes it. */
export interface HalLink {
  href: string;
  method?: string;
  type?: string;
  hints?: { allow: string[] };
}

/**
 * Returns a copy of a stored body with `_links` set, hrefs absolute. Stored bodies never carry
 * `_links`, because the org URL changes with the port.
 */
export function withLinks(body: JsonObject, baseUrl: string, links: Record<string, Omit<HalLink, 'href'> & { path: string }>): JsonObject {
  const rendered: JsonObject = {};
  for (const [name, link] of Object.entries(links)) {
    const { path, ...rest } = link;
    rendered[name] = { ...rest, href: `${baseUrl}${path}` } as JsonObject;
  }
  return { ...structuredClone(body), _links: rendered };
}
