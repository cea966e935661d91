import type { Logger } from '../../logging/logger.js';
import type { CaptureListener } from '../capture-progress.js';
import { listAll } from '../collection-pager.js';
import type { OktaTransport } from '../okta-transport.js';
import type { SectionRecorder } from './section-recorder.js';
import type { JsonObject } from '../../../src-shared/json/json-types.js';

/** The shared state of one capture: the transport, the recorder and the concurrency bound. */
export interface CaptureContext {
  transport: OktaTransport;
  recorder: SectionRecorder;
  /** Maximum requests in flight at once within one step. */
  concurrency: number;
  listener?: CaptureListener;
  logger?: Logger;
}

/** Reads a whole list, reporting pages to the context's listener. */
export function listAllIn(context: CaptureContext, path: string): Promise<JsonObject[]> {
  return listAll(context.transport, path, { listener: context.listener });
}

/** GETs one JSON object. */
export async function getObject(context: CaptureContext, path: string): Promise<JsonObject> {
  const { body } = await context.transport.getJson<JsonObject>(path);
  return body;
}

/**
 * Runs `task` over `items` with at most `limit` running at once and returns the results in the
 * order of `items`. A rejected task rejects the whole run after the running ones settle.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let firstError: unknown;

  const worker = async (): Promise<void> => {
    while (nextIndex < items.length && firstError === undefined) {
      const index = nextIndex++;
      try {
        results[index] = await task(items[index] as T);
      } catch (error) {
        firstError ??= error;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (firstError !== undefined) throw firstError;
  return results;
}

/** Reads `_links.<name>.href` of an Okta object. */
export function linkHref(body: JsonObject, name: string): string | undefined {
  const links = body['_links'];
  if (typeof links !== 'object' || links === null || Array.isArray(links)) return undefined;
  const link = (links as JsonObject)[name];
  if (typeof link !== 'object' || link === null || Array.isArray(link)) return undefined;
  const href = (link as JsonObject)['href'];
  return typeof href === 'string' ? href : undefined;
}
