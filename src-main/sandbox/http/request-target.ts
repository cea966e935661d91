/** The path and query of a request, taken from its request target. */
export interface RequestTarget {
  /** Decoded only as far as URL parsing goes (percent-escapes stay), with `//` collapsed. */
  path: string;
  /** The query string with its leading `?`, or an empty string. */
  search: string;
  query: URLSearchParams;
}

/**
 * Reads the request target of an HTTP request. The origin form (`/api/v1/apps?limit=2`) is
 * what clients send. The absolute form (`http://host/path`) is accepted only when it names
 * this org's URL. Every other target, such as `*` or another host, returns undefined, and the
 * caller responds with 400.
 */
export function parseRequestTarget(target: string, baseUrl: string): RequestTarget | undefined {
  const url = targetUrl(target, baseUrl);
  if (url === undefined) return undefined;
  return { path: url.pathname.replace(/\/{2,}/g, '/'), search: url.search, query: url.searchParams };
}

function targetUrl(target: string, baseUrl: string): URL | undefined {
  try {
    // Concatenated, not resolved: a path starting with // would otherwise be read as a host name.
    if (target.startsWith('/')) return new URL(`${baseUrl}${target}`);
    const absolute = new URL(target);
    return absolute.origin === baseUrl ? absolute : undefined;
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
