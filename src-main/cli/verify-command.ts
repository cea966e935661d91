import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly verify [--json]

Decrypts every value in the vault, recomputes every content hash and the hash chain, and runs
SQLite's integrity check. Prints a summary; exits 1 when anything is wrong, naming the row.`;

/** Implements `butterfly verify`. */
export async function runVerifyCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CommandError(`Unexpected argument '${positionals[0]}'.\n\n${HELP}`);

  return withServices(io, async (services) => {
    const report = services.vault.verify();
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
      return report.problems.length === 0 ? 0 : 1;
    }
    io.out(`Checked ${report.snapshotsChecked} snapshots, ${report.blobsChecked} stored resources and ${report.valuesDecrypted} encrypted values in ${services.vault.path}.`);
    if (report.problems.length === 0) {
      io.out('No problems: every value decrypts, every hash matches and the chain is unbroken.');
      return 0;
    }
    io.out(`${report.problems.length} problem(s):`);
    for (const problem of report.problems) io.out(`  ${problem.code} at ${problem.where}: ${problem.message}`);
    return 1;
  }, { create: false });
}
