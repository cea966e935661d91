import { openServices, type ButterflyServices } from '../services/butterfly-services.js';
import type { CommandIo } from './command-io.js';

/** Opens the services for one command and closes them when it ends, whatever happens. */
export async function withServices<T>(io: CommandIo, run: (services: ButterflyServices) => Promise<T>): Promise<T> {
  const services = await openServices({
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
