import type { CapturedSnapshot } from '../../src-shared/snapshot/snapshot-model.js';
import type { CaptureEvent } from '../../src-main/okta/capture-progress.js';
import { captureSnapshot } from '../../src-main/okta/capture/capture-snapshot.js';
import { createOktaClient, type OktaCredential } from '../../src-main/okta/okta-client.js';
import { OktaTransport, type TransportOptions } from '../../src-main/okta/okta-transport.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';

export interface CaptureRun {
  snapshot: CapturedSnapshot;
  events: CaptureEvent[];
  requests: number;
  /** Waits the transport asked for, in milliseconds, with their reason. */
  waits: Array<{ ms: number; reason: string }>;
}

/**
 * Captures a sandbox org through the real SDK client and transport. By default each wait is
 * recorded and cut to at most 20 ms (the sandbox's faults are counted in requests, not time)
 * and retries back off by 1 ms, so fault tests run fast; pass `realTime` to wait for real.
 * A wait for a rate-limit window still lasts until the window really resets, in 20 ms steps.
 */
export async function captureSandbox(
  org: SandboxOrg,
  options: { apps?: string[]; credential?: OktaCredential; transport?: TransportOptions; realTime?: boolean } = {},
): Promise<CaptureRun> {
  const events: CaptureEvent[] = [];
  const waits: Array<{ ms: number; reason: string }> = [];
  const listener = (event: CaptureEvent): void => {
    events.push(event);
    if (event.type === 'rate-limit-wait') waits.push({ ms: event.waitMs, reason: event.reason });
    if (event.type === 'retry') waits.push({ ms: event.delayMs, reason: 'retry' });
  };
  const credential = options.credential ?? { type: 'api-token', token: org.token };
  const transport = new OktaTransport(createOktaClient(org.url, credential), {
    listener,
    initialBackoffMs: 1,
    ...(options.realTime ? {} : { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20))) }),
    ...options.transport,
  });
  const snapshot = await captureSnapshot({ transport, apps: options.apps ?? [], listener });
  return { snapshot, events, requests: transport.requestCount, waits };
}
