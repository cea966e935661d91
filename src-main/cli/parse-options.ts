import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CommandError } from './command-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

type OptionValue<O> = O extends { type: 'boolean' }
  ? O extends { multiple: true } ? boolean[] : boolean
  : O extends { multiple: true } ? string[] : string;

/** The parsed values of a command's options, each possibly absent. */
export type ParsedOptions<T extends Options> = { [K in keyof T]?: OptionValue<T[K]> };

/**
 * Parses a command's arguments strictly (unknown options are usage errors) and returns the
 * option values and the positional arguments. A parse error becomes a CommandError that ends
 * with the command's help text.
 */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, help: string): { values: ParsedOptions<T>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedOptions<T>, positionals: parsed.positionals };
  } catch (error) {
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
  }
}

/** Returns the only positional argument, or throws a usage error naming what is missing or extra. */
export function singlePositional(positionals: string[], what: string, help: string): string {
  if (positionals.length === 0) throw new CommandError(`Missing ${what}.\n\n${help}`);
  if (positionals.length > 1) throw new CommandError(`Unexpected argument '${positionals[1]}': give one ${what}.\n\n${help}`);
  return positionals[0] ?? '';
}
