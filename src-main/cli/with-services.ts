import { openServices, type ButterflyServices } from '../services/butterfly-services.js';
import type { CommandIo } from './command-io.js';

/**
 * Opens the services for one command and closes them when it ends, whatever happens. Commands
 * that only read pass `create: false`, so a mistyped BUTTERFLY_HOME or a lost vault file is
 * reported instead of being replaced by a new, empty vault.
 */
export async function withServices<T>(io: CommandIo, run: (services: ButterflyServices) => Promise<T>, options: { create: boolean } = { create: true }): Promise<T> {
  const services = await openServices({
    create: options.create,
    env: io.env ?? process.env,
    logger: io.logger,
    promptPassphrase: io.promptPassphrase,
    keyringService: io.keyringService,
  });
  try {
    return await run(services);
  } finally {
    services.close();
  }
}
