import { userInfo } from 'node:os';
import { parseScopeEntry } from '../../src-shared/restore/scope-parsing.js';
import { ScopeError } from '../../src-shared/restore/scope-resolution.js';
import type { PlanOptions } from '../../src-shared/restore/restore-plan.js';
import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import { executeRestore, resumeRestore, RestoreRefusedError, type RestoreOutcome } from '../restore/run-restore.js';
import { confirmationFor } from '../restore/restore-inputs.js';
import { planFingerprint } from '../restore/plan-fingerprint.js';
import { prepareRestore } from '../restore/restore-service.js';
import { progressViewFor } from './capture-progress-view.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { printExecutionEvent, printOutcome } from './restore-outcome-view.js';
import { printPlan, restoreCommandLine } from './restore-plan-view.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly restore <snapshot> --to <connection> --scope SCOPE… (--dry-run | --execute --confirm DOMAIN) [options]
       butterfly restore --resume <restore-id>

Puts the chosen scope of a stored snapshot back into an org. The org is captured first and the
plan is computed against it: every request, the access it gives back or takes, the steps only
a person can do, and what is left as it is. --dry-run stops there and sends nothing. --execute
stores the org as a pre-restore snapshot (the undo point), journals each step in the vault,
stops at the first failure, and verifies the result by capturing the org again.

Scopes (repeat --scope for several):
  app:<appId>                  The app and everything captured because of it.
  kind:<kind>                  Every resource of a kind, such as kind:group-rule.
  id:<id>  or  id:<kind>:<id>  One resource (a group id also takes its members).
  field:<id>:<pointer>         One field, such as field:prm123:/properties/atlassianProducts.

Options:
  --to NAME               The connection to restore into (another org is matched by name).
  --dry-run               Print the plan; send nothing.
  --execute               Run the plan. Needs --confirm with the org's domain.
  --confirm DOMAIN        The target org's domain, typed out, such as acme.okta.com.
  --allow-deletes         Also delete objects the snapshot lacks (only in sections captured complete).
  --signing-key           Also switch the app's active SAML signing key back (Atlassian must trust its certificate).
  --threshold-users N     Block when more than N users would lose a product (default 20).
  --threshold-percent P   Block when more than P% of assigned users would lose a product (default 10).
  --override-threshold    Run even when the access loss is above the threshold.
  --expect-plan FP        With --execute: run only if the plan equals the one a dry run printed
                          with this fingerprint; the org may have changed in between.
  --resume ID             Finish an interrupted or failed restore from its journal.
  --json                  Print the plan or the outcome as JSON.`;

/** Implements `butterfly restore`. Exits 0 when the plan is printed or the restore verifies clean, 1 otherwise. */
export async function runRestoreCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    to: { type: 'string' },
    scope: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    execute: { type: 'boolean' },
    confirm: { type: 'string' },
    'allow-deletes': { type: 'boolean' },
    'signing-key': { type: 'boolean' },
    'threshold-users': { type: 'string' },
    'threshold-percent': { type: 'string' },
    'override-threshold': { type: 'boolean' },
    'expect-plan': { type: 'string' },
    resume: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.resume !== undefined) {
    const extra = Object.keys(values).filter((name) => name !== 'resume' && name !== 'json' && values[name as keyof typeof values] !== undefined);
    if (extra.length > 0 || positionals.length > 0) {
      throw new CommandError(`--resume runs the rest of the stored plan as it was confirmed; it takes no other option (got ${[...extra.map((name) => `--${name}`), ...positionals].join(', ')}). To preview or change a restore, plan a new one with --dry-run.`);
    }
    return resume(io, values.resume, values.json === true);
  }

  const snapshotId = parseSnapshotId(positionals);
  if (values.to === undefined) throw new CommandError(`Name the connection to restore into with --to.\n\n${HELP}`);
  if (values['dry-run'] === values.execute) throw new CommandError(`Choose --dry-run to preview or --execute to run.\n\n${HELP}`);
  if (values.execute && values.confirm === undefined) throw new CommandError("--execute needs --confirm with the target org's domain, such as --confirm acme.okta.com.");
  const scope = parseScopes(values.scope ?? []);
  const options = planOptions(values);
  const request = { snapshotId, connectionName: values.to, scope, options };

  return withServices(io, async (services) => {
    const progress = progressViewFor(io);
    const listener = (event: Parameters<typeof progress.handle>[0]): void => progress.handle(event);
    try {
      if (values['dry-run']) {
        const prepared = await prepareRestore(services, { ...request, listener });
        progress.finish();
        if (values.json) io.out(JSON.stringify(prepared.plan, null, 2));
        else printPlan(io, prepared.plan);
        if (!values.json && prepared.plan.blockers.length === 0 && prepared.plan.steps.length > 0) {
          io.out(`Plan fingerprint: ${planFingerprint(prepared.plan)}`);
          io.out(`To run exactly this plan: ${restoreCommandLine(snapshotId, values.to ?? '', prepared.plan)} --execute --confirm ${confirmationFor(prepared.connection.orgUrl)} --expect-plan ${planFingerprint(prepared.plan)}`);
        }
        return prepared.plan.blockers.length === 0 ? 0 : 1;
      }
      const outcome = await executeRestore(services, {
        ...request,
        signal: stopOnInterrupt(io),
        confirm: values.confirm ?? '',
        approvedBy: approver(),
        ...(values['expect-plan'] !== undefined ? { expectedPlan: values['expect-plan'] } : {}),
        listener,
        onPlan: (plan) => {
          progress.finish();
          if (!values.json) printPlan(io, plan);
        },
        onEvent: (event) => printExecutionEvent(io, event),
      });
      return report(io, outcome, values.json === true, values.to ?? '');
    } catch (error) {
      progress.finish();
      if (error instanceof ScopeError) throw new CommandError(error.message);
      if (error instanceof RestoreRefusedError) {
        if (values.json) io.out(JSON.stringify({ error: error.message, plan: error.plan ?? null }, null, 2));
        else if (error.plan) printPlan(io, error.plan);
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  });
}

async function resume(io: CommandIo, restoreId: string, json: boolean): Promise<number> {
  return withServices(io, async (services) => {
    try {
      const progress = progressViewFor(io);
      const outcome = await resumeRestore(services, restoreId, { listener: (event) => progress.handle(event), onEvent: (event) => printExecutionEvent(io, event), signal: stopOnInterrupt(io) }).finally(() => progress.finish());
      return report(io, outcome, json, outcome.record.connectionName);
    } catch (error) {
      if (error instanceof RestoreRefusedError) {
        if (json) io.out(JSON.stringify({ error: error.message }, null, 2));
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  }, { create: false });
}

function report(io: CommandIo, outcome: RestoreOutcome, json: boolean, connectionName: string): number {
  if (json) io.out(JSON.stringify({ restore: outcome.record, execution: outcome.execution, verification: outcome.verification ?? null }, null, 2));
  else printOutcome(io, outcome, connectionName);
  return outcome.verification?.clean === true ? 0 : 1;
}

function parseSnapshotId(positionals: string[]): number {
  if (positionals.length !== 1) throw new CommandError(`Give one snapshot id to restore from (see 'butterfly snapshots').\n\n${HELP}`);
  const raw = positionals[0] ?? '';
  if (!/^[1-9][0-9]*$/.test(raw)) throw new CommandError(`Invalid snapshot id '${raw}': use a number from 'butterfly snapshots'.`);
  return Number(raw);
}

function parseScopes(texts: string[]): ScopeEntry[] {
  if (texts.length === 0) throw new CommandError(`Choose what to restore with --scope, such as --scope app:<appId>.\n\n${HELP}`);
  try {
    return texts.map(parseScopeEntry);
  } catch (error) {
    if (error instanceof ScopeError) throw new CommandError(error.message);
    throw error;
  }
}

function planOptions(values: { 'allow-deletes'?: boolean; 'signing-key'?: boolean; 'threshold-users'?: string; 'threshold-percent'?: string; 'override-threshold'?: boolean }): Partial<PlanOptions> {
  const options: Partial<PlanOptions> = {
    allowDeletes: values['allow-deletes'] === true,
    restoreSigningKey: values['signing-key'] === true,
    overrideThreshold: values['override-threshold'] === true,
  };
  if (values['threshold-users'] !== undefined) options.thresholdUsers = parseCount(values['threshold-users'], '--threshold-users');
  if (values['threshold-percent'] !== undefined) options.thresholdPercent = parseCount(values['threshold-percent'], '--threshold-percent');
  return options;
}

function parseCount(raw: string, option: string): number {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(raw)) throw new CommandError(`Invalid ${option} '${raw}': give a number such as 20.`);
  return Number(raw);
}

/**
 * Returns a signal that fires on the first Ctrl-C, so the restore stops after the step under
 * way and its journal and status record it, with the resume command; a second Ctrl-C ends the
 * process at once.
 */
function stopOnInterrupt(io: CommandIo): AbortSignal {
  const controller = new AbortController();
  io.onInterrupt?.(() => {
    io.err('Stopping after the step under way. Press Ctrl-C again to end at once; the journal then shows that step as interrupted.');
    controller.abort();
  });
  return controller.signal;
}

/** Returns the operating-system user who ran the command, recorded as the approver. */
function approver(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}
