// Command-line scanning shared by the commands. Each command still owns its options and messages;
// these take over the loop, the `--` terminator and the "needs a value" checks.
import { UsageError } from './command.js';

/**
 * Returns the positional arguments of `argv`, handing each `--name VALUE` (and, with `inline`,
 * `--name=VALUE`) to the handler of that name, and calling the switch of each `--flag` that takes
 * no value. Everything after a bare `--` is positional; an unknown `--option` is a UsageError. A
 * handler gets undefined when the value is missing.
 */
export function scanOptions(
  argv: readonly string[],
  handlers: Record<string, (value: string | undefined) => void>,
  { inline = true, switches = {} }: { inline?: boolean; switches?: Record<string, () => void> } = {},
): string[] {
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const flag = Object.hasOwn(switches, a) ? switches[a] : undefined;
    if (flag) {
      flag();
      continue;
    }
    const eq = inline ? a.indexOf('=') : -1;
    const name = eq < 0 ? a : a.slice(0, eq);
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw new UsageError(`unknown option ${a}`);
    handler(eq < 0 ? argv[++i] : a.slice(eq + 1));
  }
  return positionals;
}

/** `argv[i]`, the value of an option; a UsageError with `message` when the command line ends first. */
export function optionValue(argv: readonly string[], i: number, message: string): string {
  const v = argv[i];
  if (v === undefined) throw new UsageError(message);
  return v;
}

/**
 * `argv[i]`, the value of `flag`, for commands whose values never start with `--`: a UsageError
 * when the command line ends first or the next word is another option (`--host --port 80`).
 */
export function flagValue(argv: readonly string[], i: number, flag: string): string {
  const v = argv[i];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

/** The value of a `--port PORT` option: 0 (any free port) to 65535. */
export function portOption(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not ${value}`);
  return Number(value);
}

/** The value of a `--batch N` option: entries per batch, a whole number from 1 to 100000. */
export function batchOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError('--batch must be a whole number from 1 to 100000');
  return n;
}

/** The value of `--url`-style options: present and absolute. */
export function absoluteUrl(option: string, value: string | undefined): string {
  if (!value) throw new UsageError(`${option} needs a value`);
  try {
    new URL(value);
  } catch {
    throw new UsageError(`${option} ${value} is not an absolute URL`);
  }
  return value;
}

/** The usual `[--db PATH] POSITIONAL…` command line (no `--db=PATH` form). */
export function dbAndPositionals(argv: readonly string[]): { db?: string | undefined; rest: string[] } {
  let db: string | undefined;
  const rest = scanOptions(
    argv,
    {
      '--db': (v) => {
        if (v === undefined) throw new UsageError('--db needs a path');
        db = v;
      },
    },
    { inline: false },
  );
  return { db, rest };
}
