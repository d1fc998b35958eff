import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cliIo';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict flag parsing for one command: unknown flags, missing values and stray
 * positionals become a one-line UsageError naming the command.
 */
export function parseCommandArgs<const O extends Options>(command: string, argv: string[], options: O, positionals: { min: number; max: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`warroom ${command}: ${describeParseError(error)}. Run 'warroom --help'.`);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`warroom ${command}: missing argument. Run 'warroom --help'.`);
  if (count > positionals.max) throw new UsageError(`warroom ${command}: unexpected argument '${parsed.positionals[positionals.max]}'. Run 'warroom --help'.`);
  return parsed;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages are multi-sentence; keep the first, lower-cased like ours.
  const first = message.split('. ')[0] ?? message;
  return first.charAt(0).toLowerCase() + first.slice(1).replace(/\.$/, '');
}

export function parsePort(command: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`warroom ${command}: --port must be a number from 0 to 65535, not '${value}'.`);
  return port;
}
