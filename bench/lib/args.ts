/** The value after `--name` on the command line, or `dflt` when it is absent or has no value. */
export function option(name: string, dflt: string, args: readonly string[] = process.argv.slice(2)): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
}
