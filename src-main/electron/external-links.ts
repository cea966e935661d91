/**
 * Hosts whose pages the app may open in the OS browser: Okta's and Atlassian's documentation
 * and admin help. Every other link is dropped.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['developer.okta.com', 'help.okta.com', 'support.atlassian.com'];

/** Tells whether a link may be handed to the OS browser: https, an allow-listed host, no user info, default port. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_LINK_HOSTS.includes(url.hostname);
}
