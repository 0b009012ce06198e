// The foreground life of a running site, shared by `serve` and `demo`: print its URL, reload topics
// on SIGHUP, stop cleanly on Ctrl-C / SIGTERM.
import type { Config } from '../config/options.js';
import type { SiteRuntime } from '../server/runtime.js';
import { untilStopRequested } from './stop-signal.js';

/** SIGHUP reloads the topics file; a broken file keeps the current topics (the errors are logged). */
export function reloadOnHangup(reload: () => Promise<{ ok: boolean; errors: string[] }>): () => void {
  const onHup = (): void => {
    process.stderr.write('SIGHUP: reloading topics…\n');
    void reload().then(
      (r) =>
        process.stderr.write(
          r.ok ? 'topics reloaded\n' : `topics not reloaded (the current set stays active):\n  ${r.errors.join('\n  ')}\n`,
        ),
      (err: unknown) => process.stderr.write(`topics reload failed: ${(err as Error).message}\n`),
    );
  };
  process.on('SIGHUP', onHup);
  return () => process.off('SIGHUP', onHup);
}

/** Resolves on Ctrl-C / SIGTERM, at once when one came during start-up (stop-signal.ts). */
export async function untilSignal(): Promise<void> {
  await untilStopRequested();
}

/**
 * Prints the site's URL on stdout and `banner` on stderr, then serves until a signal and stops the
 * site; resolves to the exit status.
 */
export async function runSiteUntilSignal(site: Pick<SiteRuntime, 'url' | 'reloadTopics' | 'stop'>, banner: string): Promise<number> {
  const unhook = reloadOnHangup(site.reloadTopics);
  process.stdout.write(`${site.url}/\n`);
  process.stderr.write(`${banner}\n`);
  await untilSignal();
  unhook();
  process.stderr.write('stopping…\n');
  await site.stop();
  return 0;
}

/** The --host / --port flags as configuration overrides. */
export function listenOverrides(flags: { host?: string; port?: number }): Partial<Config> {
  const overrides: Partial<Config> = {};
  if (flags.host) overrides.host = flags.host;
  if (flags.port !== undefined) overrides.port = flags.port;
  return overrides;
}
