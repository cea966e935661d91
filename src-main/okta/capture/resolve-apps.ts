import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isOktaId } from '../../../src-shared/okta/ids.js';
import { OktaRequestError } from '../okta-request-error.js';
import { getObject, listAllIn, type CaptureContext } from './capture-context.js';

/** A capture cannot start: the apps named do not exist or are ambiguous. Nothing was stored. */
export class AppSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppSelectionError';
  }
}

const APPS_PAGE = 200;

/**
 * Finds the apps a capture starts from. A selector that looks like an app id is read by id;
 * anything else is an app label, matched exactly but ignoring case. With no selector, every app
 * whose OIN name is `atlassian` or whose label mentions Atlassian is taken.
 */
export async function resolveApps(context: CaptureContext, selectors: string[]): Promise<JsonObject[]> {
  if (selectors.length === 0) return findAtlassianApps(context);

  const apps = new Map<string, JsonObject>();
  for (const selector of selectors) {
    const app = isOktaId(selector, 'app') ? await appById(context, selector) : await appByLabel(context, selector);
    apps.set(String(app['id']), app);
  }
  return [...apps.values()];
}

async function appById(context: CaptureContext, appId: string): Promise<JsonObject> {
  try {
    return await getObject(context, `/api/v1/apps/${appId}`);
  } catch (error) {
    if (error instanceof OktaRequestError && error.status === 404) {
      throw new AppSelectionError(`No app with id ${appId} in ${context.transport.orgUrl}. Check the id in the Okta Admin Console (Applications).`);
    }
    throw error;
  }
}

async function appByLabel(context: CaptureContext, label: string): Promise<JsonObject> {
  const candidates = await listAllIn(context, `/api/v1/apps?q=${encodeURIComponent(label)}&limit=${APPS_PAGE}`);
  const matches = candidates.filter((app) => String(app['label'] ?? '').toLowerCase() === label.toLowerCase());
  if (matches.length === 1 && matches[0]) return matches[0];

  if (matches.length > 1) {
    const ids = matches.map((app) => `${String(app['id'])} (${String(app['status'])})`).join(', ');
    throw new AppSelectionError(`${matches.length} apps are labelled '${label}': ${ids}. Name the one you mean by its id with --app.`);
  }
  const near = candidates.map((app) => `'${String(app['label'])}'`).slice(0, 5).join(', ');
  throw new AppSelectionError(`No app is labelled '${label}' in ${context.transport.orgUrl}.${near ? ` Labels starting that way: ${near}.` : ''}`);
}

async function findAtlassianApps(context: CaptureContext): Promise<JsonObject[]> {
  const apps = await listAllIn(context, `/api/v1/apps?limit=${APPS_PAGE}`);
  const atlassian = apps.filter((app) => app['name'] === 'atlassian' || /atlassian/i.test(String(app['label'] ?? '')));
  if (atlassian.length === 0) {
    throw new AppSelectionError(`No Atlassian app found in ${context.transport.orgUrl} (none has the OIN name 'atlassian' or a label mentioning Atlassian). Name the app with --app ID or --app LABEL.`);
  }
  return atlassian;
}
