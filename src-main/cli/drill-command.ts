import { applyDrill } from '../sandbox/drills/apply-drill.js';
import { DRILLS, drillByName, UnknownDrillError } from '../sandbox/drills/drill-catalog.js';
import type { Drill } from '../sandbox/drills/drill-types.js';
import { CommandError, type CommandIo } from './command-io.js';
import { printDrillList, printDrillReport } from './drill-report-view.js';
import { parseCommandArgs, singlePositional } from './parse-options.js';

const HELP = `Usage: butterfly drill <name> --org-url URL --token-stdin [--confirm HOST] [--json]
       butterfly drill --list [--json]

Applies a scripted incident to an Okta org through its Management API, making the change an
admin could make by mistake: a group rule deleted, a signing key rotated, an ACS URL pasted
wrong. Run it against the sandbox org ('butterfly sandbox') to practise finding and restoring
the change. The drills expect the sandbox seed atlassian-stack; on another org they stop with
an error naming the first object they cannot find.

Options:
  --org-url URL     The org's URL, such as http://127.0.0.1:8900 for the sandbox.
  --token-stdin     Read a read-write API token (SSWS) from standard input.
  --confirm HOST    Required when the org is not on 127.0.0.1 or localhost: the org's host
                    name, such as acme.oktapreview.com, to confirm it may be changed.
  --list            List the drills.
  --json            Print the report, or the list, as JSON.
  --help            Show this help.`;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Implements `butterfly drill`. */
export async function runDrillCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    'org-url': { type: 'string' },
    'token-stdin': { type: 'boolean' },
    confirm: { type: 'string' },
    list: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.list) {
    if (positionals.length > 0) throw new CommandError(`--list takes no drill name.\n\n${HELP}`);
    printDrillList(io, DRILLS, values.json === true);
    return 0;
  }

  const drill = knownDrill(singlePositional(positionals, 'drill name', HELP));
  const orgUrl = parseOrgUrl(values['org-url'], values.confirm);
  const token = await readToken(values['token-stdin'] === true, io);

  const report = await applyDrill(drill.name, { orgUrl, token, logger: io.logger });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printDrillReport(io, drill, report);
  return 0;
}

function knownDrill(name: string): Drill {
  try {
    return drillByName(name);
  } catch (error) {
    if (error instanceof UnknownDrillError) throw new CommandError(`${error.message} Run 'butterfly drill --list' to see what each does.`);
    throw error;
  }
}

/**
 * Checks the org URL as `connect` does (https, or http on loopback; no path), and requires
 * `--confirm HOST` before changing an org that is not on this machine.
 */
function parseOrgUrl(raw: string | undefined, confirm: string | undefined): string {
  if (raw === undefined) throw new CommandError(`Missing --org-url.\n\n${HELP}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CommandError(`Invalid --org-url '${raw}': use the org's address, such as http://127.0.0.1:8900 for the sandbox.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CommandError(`Invalid --org-url '${raw}': Okta orgs are reached over https; plain http is allowed only for a sandbox on 127.0.0.1.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new CommandError(`Invalid --org-url '${raw}': give the org's address without a path, such as ${url.origin}.`);
  }
  if (!loopback && confirm !== url.host) {
    throw new CommandError(`A drill breaks access in the org on purpose. To run it against ${url.origin}, add --confirm ${url.host}.`);
  }
  return url.origin;
}

async function readToken(fromStdin: boolean, io: CommandIo): Promise<string> {
  if (!fromStdin) throw new CommandError(`Missing --token-stdin: a drill needs a read-write API token on standard input.\n\n${HELP}`);
  if (!io.readStdin) throw new CommandError('--token-stdin needs standard input, which this caller does not provide.');
  const token = (await io.readStdin()).trim();
  if (token === '' || /\s/.test(token)) {
    throw new CommandError('--token-stdin read no API token: pipe the token alone, for example: printf %s "$TOKEN" | butterfly drill NAME --org-url URL --token-stdin');
  }
  return token;
}
