import type { IncomingMessage } from 'node:http';
import { SandboxError } from './sandbox-error.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';

/** Largest request body the sandbox reads, in bytes; Okta's own bodies are far smaller. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The client closed the connection before it had sent the whole request body. */
export class ClientAbortedError extends Error {
  constructor() {
    super('The client closed the connection before the request body was complete.');
    this.name = 'ClientAbortedError';
  }
}

/**
 * Reads the whole request body as UTF-8. Rejects bodies over 5 MiB with a 413 `SandboxError`,
 * and throws `ClientAbortedError` when the client goes away mid-upload.
 */
export async function readRequestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) throw bodyTooLarge();
      chunks.push(buffer);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') throw new ClientAbortedError();
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function bodyTooLarge(): SandboxError {
  return new SandboxError(413, OKTA_ERROR.malformedBody, `Request body larger than ${MAX_BODY_BYTES} bytes.`);
}
