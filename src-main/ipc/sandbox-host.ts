import type { SandboxView } from '../../src-shared/ipc/ipc-views.js';
import type { Logger } from '../logging/logger.js';
import { startSandbox, type SandboxOrg } from '../sandbox/server.js';
import { DEFAULT_SEED, loadSeed } from '../sandbox/seed/load-seed.js';
import { addConnection } from '../services/add-connection.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { deleteConnectionSecret } from '../services/connection-credentials.js';

/** Name of the connection the app saves for the sandbox org, the same the CLI demo uses. */
export const DEMO_CONNECTION_NAME = 'sandbox-demo';

/**
 * The sandbox Okta org that drill mode and the demo connection run on, started on loopback by
 * the main process. Starting it saves (or replaces) the `sandbox-demo` connection with the
 * sandbox's token; stopping it removes that token again, because it dies with the sandbox.
 */
export class SandboxHost {
  #org: SandboxOrg | undefined;
  #startedAt = '';
  #starting: Promise<SandboxView> | undefined;

  constructor(
    private readonly services: ButterflyServices,
    private readonly logger: Logger,
  ) {}

  /** The running org, or undefined; its token never leaves the main process. */
  get org(): SandboxOrg | undefined {
    return this.#org;
  }

  view(): SandboxView {
    if (this.#org === undefined) return { running: false };
    return { running: true, orgUrl: this.#org.url, connectionName: DEMO_CONNECTION_NAME, seed: DEFAULT_SEED, startedAt: this.#startedAt };
  }

  /** Starts the org and saves the demo connection, or returns the running one. Concurrent calls share one start. */
  async start(): Promise<SandboxView> {
    if (this.#org !== undefined) return this.view();
    this.#starting ??= this.#start().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  async #start(): Promise<SandboxView> {
    const startedAt = new Date().toISOString();
    const org = await startSandbox({ seed: await loadSeed(DEFAULT_SEED), logger: this.logger });
    try {
      await addConnection(this.services, { name: DEMO_CONNECTION_NAME, orgUrl: org.url, credential: { type: 'api-token', token: org.token }, replace: true });
    } catch (error) {
      await org.close();
      throw error;
    }
    this.#org = org;
    this.#startedAt = startedAt;
    this.logger.info({ url: org.url }, 'sandbox org started for the desktop app');
    return this.view();
  }

  /** Stops the org and removes the demo connection's token; does nothing when it is not running. */
  async stop(): Promise<SandboxView> {
    const org = this.#org;
    if (org === undefined) return this.view();
    this.#org = undefined;
    await org.close();
    const connection = this.services.vault.findConnection(DEMO_CONNECTION_NAME);
    if (connection !== undefined) await deleteConnectionSecret(this.services.secrets, connection.id);
    this.logger.info('sandbox org stopped');
    return this.view();
  }
}
