import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a child run reported: the value it returned, or the error it threw. */
export type ChildOutcome =
  | { ok: true; value: unknown }
  | { ok: false; name: string; code: string | undefined; message: string };

export const REPOSITORY_ROOT = resolve(import.meta.dirname, '../..');

/** Returns a file URL for a module of this repository, for use in child code. */
export function moduleUrl(pathFromRoot: string): string {
  return pathToFileURL(resolve(REPOSITORY_ROOT, pathFromRoot)).href;
}

/**
 * Builds a `node` command line that runs `body` (the inside of an async function, TypeScript
 * imports allowed through tsx) and prints its outcome as one JSON line on standard output.
 */
export function childNodeCommand(imports: string, body: string): string[] {
  const code = `${imports}
try {
  const value = await (async () => { ${body} })();
  console.log(JSON.stringify({ ok: true, value: value ?? null }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, code: error.code, message: error.message }));
}`;
  return [process.execPath, '--import', 'tsx', '--input-type=module', '--eval', code];
}

/**
 * Runs `command` with `env` and returns the outcome printed on the last line of its standard
 * output. Rejects with the child's output when it printed no outcome.
 */
export function runChild(command: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<ChildOutcome> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error('runChild needs a command');

  return new Promise((resolvePromise, reject) => {
    execFile(program, args, { env, cwd: REPOSITORY_ROOT, timeout: timeoutMs }, (error, stdout, stderr) => {
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolvePromise(JSON.parse(lastLine) as ChildOutcome);
      } catch {
        reject(new Error(`The child printed no outcome (${error?.message ?? 'exit 0'}).\nstdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
  });
}
