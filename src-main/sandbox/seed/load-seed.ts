import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { SandboxSeed } from './seed-types.js';

/** Folder holding one sub-folder per seed, each with an `org.json`. */
export const SEEDS_DIRECTORY = fileURLToPath(new URL('../../../resources/sandbox/', import.meta.url));

export const DEFAULT_SEED = 'atlassian-stack';

const ARRAY_SECTIONS = ['userTypes', 'users', 'groups', 'groupRules', 'apps', 'profileMappings', 'policies', 'networkZones', 'deviceAssurances'] as const;
const MAP_SECTIONS = [
  'groupMembers', 'appKeys', 'appUserSchemas', 'appGroupAssignments', 'appUserAssignments',
  'provisioning', 'groupPushMappings', 'policyRules', 'appAccessPolicies',
] as const;

/** Lists the seeds shipped in resources/sandbox. */
export async function listSeeds(): Promise<string[]> {
  const entries = await readdir(SEEDS_DIRECTORY, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

/**
 * Reads and checks the shape of a seed. Throws an error that names the seed and the section
 * when the file is missing or a section has the wrong type.
 */
export async function loadSeed(name: string): Promise<SandboxSeed> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid seed name '${name}': use lowercase letters, digits and hyphens.`);

  const available = await listSeeds();
  if (!available.includes(name)) {
    throw new Error(`Unknown sandbox seed '${name}'. Available seeds: ${available.join(', ')}.`);
  }

  const path = `${SEEDS_DIRECTORY}${name}/org.json`;
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  return checkSeedShape(parsed, path);
}

/** Checks that every section of a parsed seed has the expected container type. */
export function checkSeedShape(parsed: unknown, source: string): SandboxSeed {
  if (!isJsonObject(parsed)) throw new Error(`Sandbox seed ${source} is not a JSON object.`);
  for (const section of ARRAY_SECTIONS) {
    if (!Array.isArray(parsed[section])) throw new Error(`Sandbox seed ${source}: section '${section}' must be an array.`);
  }
  for (const section of MAP_SECTIONS) {
    if (!isJsonObject(parsed[section])) throw new Error(`Sandbox seed ${source}: section '${section}' must be an object.`);
  }
  return parsed as unknown as SandboxSeed;
}
