// Measures how fast the sandbox org serves a full paging of an app's users and of a group's
// members through the real @okta/okta-sdk-nodejs client, at Okta's maximum and default page
// sizes. Run: npx tsx bench/sandbox-paging.ts [--users N]   (default 20000 users)
import { parseArgs } from 'node:util';
import { Client } from '@okta/okta-sdk-nodejs';
import { deriveOktaId } from '../src-shared/okta/ids.js';
import { emptySeed } from '../src-main/sandbox/seed/empty-seed.js';
import { startSandbox } from '../src-main/sandbox/server.js';
import type { SandboxSeed } from '../src-main/sandbox/seed/seed-types.js';

const { values } = parseArgs({ options: { users: { type: 'string', default: '20000' } } });
const userCount = Number(values.users);
if (!Number.isInteger(userCount) || userCount < 1) throw new Error(`Invalid --users '${values.users}': use a whole number of 1 or more.`);

const appId = deriveOktaId('app', 'bench:app');
const groupId = deriveOktaId('group', 'bench:group');

function benchSeed(): SandboxSeed {
  const seed = emptySeed('bench');
  for (let index = 0; index < userCount; index++) {
    const login = `user${index}@bench.example`;
    seed.users.push({ id: deriveOktaId('user', `bench:${index}`), status: 'ACTIVE', created: '2025-01-01T00:00:00.000Z', profile: { login, email: login, firstName: 'Bench', lastName: String(index) } });
  }
  seed.groups.push({ id: groupId, type: 'OKTA_GROUP', profile: { name: 'jira-software-users' }, created: '2025-01-01T00:00:00.000Z', lastUpdated: '2025-01-01T00:00:00.000Z' });
  seed.groupMembers[groupId] = seed.users.map((user) => String(user['id']));
  seed.apps.push({ id: appId, name: 'atlassian', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: '2025-01-01T00:00:00.000Z' });
  seed.appGroupAssignments[appId] = [{ id: groupId, priority: 0, profile: {} }];
  return seed;
}

async function timePaging(label: string, list: () => Promise<AsyncIterable<unknown>>, client: Client): Promise<void> {
  let requests = 0;
  const count = (): void => {
    requests++;
  };
  client.requestExecutor.on('request', count);
  const started = performance.now();
  let items = 0;
  for await (const item of await list()) if (item) items++;
  const seconds = (performance.now() - started) / 1000;
  client.requestExecutor.off('request', count);
  console.log(`${label.padEnd(34)} ${String(items).padStart(6)} items  ${String(requests).padStart(5)} requests  ${seconds.toFixed(2)} s  ${(items / seconds).toFixed(0)} items/s`);
}

const sandbox = await startSandbox({ seed: benchSeed(), rateLimits: { limits: { app: 1_000_000, group: 1_000_000 } } });
const client = new Client({ orgUrl: sandbox.url, token: sandbox.token, cacheMiddleware: null });
console.log(`sandbox paging, ${userCount} users, Node ${process.version}`);
await timePaging('app users, limit 500 (maximum)', () => client.applicationApi.listApplicationUsers({ appId, limit: 500 }), client);
await timePaging('app users, limit 50 (default)', () => client.applicationApi.listApplicationUsers({ appId }), client);
await timePaging('group members, limit 1000 (default)', () => client.groupApi.listGroupUsers({ groupId }), client);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
await sandbox.close();
