/** The value after `--name` on the command line, or `dflt` when it is absent or has no value. */
export function option(name: string, dflt: string, args: readonly string[] = process.argv.slice(2)): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
}

/** The positive number after `--name`, or `dflt` when it is absent or not a positive number. */
export function numberOption(name: string, dflt: number, args: readonly string[] = process.argv.slice(2)): number {
  const v = Number(option(name, '', args));
  return Number.isFinite(v) && v > 0 ? v : dflt;
}
