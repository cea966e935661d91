/**
 * Writes resources/sandbox/atlassian-stack/org.json from the generator and the committed
 * signing certificates. Running it twice gives the same bytes.
 *
 * Run:  npx tsx src-main/sandbox/seed/write-seed.ts
 */
import { writeFile } from 'node:fs/promises';
import { ORG_JSON_PATH, readSigningKeyFile, serializeSeed } from './atlassian-stack/seed-files.js';
import { buildAtlassianStackSeed } from './build-atlassian-stack.js';

const seed = buildAtlassianStackSeed(await readSigningKeyFile());
await writeFile(ORG_JSON_PATH, serializeSeed(seed));
console.log(`Wrote ${ORG_JSON_PATH}: ${seed.users.length} users, ${seed.groups.length} groups, ${seed.groupRules.length} group rules.`);
