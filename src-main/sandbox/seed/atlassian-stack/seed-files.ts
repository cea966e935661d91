import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SandboxSeed } from '../seed-types.js';
import { parseSigningKeyFile, type SigningKeyMaterial } from './signing-keys.js';

/** Folder of the `atlassian-stack` seed: its org.json and the signing-keys.json it is built from. */
export const ATLASSIAN_STACK_DIRECTORY = fileURLToPath(new URL('../../../../resources/sandbox/atlassian-stack/', import.meta.url));
export const ORG_JSON_PATH = `${ATLASSIAN_STACK_DIRECTORY}org.json`;
export const SIGNING_KEYS_PATH = `${ATLASSIAN_STACK_DIRECTORY}signing-keys.json`;

/** Reads and checks signing-keys.json. */
export async function readSigningKeyFile(path = SIGNING_KEYS_PATH): Promise<SigningKeyMaterial[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  return parseSigningKeyFile(parsed, path);
}

/** Serializes a seed as org.json stores it: JSON with a 2-space indent and a final newline. */
export function serializeSeed(seed: SandboxSeed): string {
  return `${JSON.stringify(seed, null, 2)}\n`;
}
