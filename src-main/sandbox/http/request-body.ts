import type { IncomingMessage } from 'node:http';
import { SandboxError } from './sandbox-error.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';

/** Largest request body the sandbox reads, in bytes; Okta's own bodies are far smaller. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads the whole request body as UTF-8; rejects bodies over 5 MiB with a 413. */
export async function readRequestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new SandboxError(413, OKTA_ERROR.malformedBody, `Request body larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
