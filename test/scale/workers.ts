// Real `newsdesk worker` processes (the built CLI) for the scale tests: started with a store URL
// and settings in the environment, their health URL read from stdout, killed or stopped by signal.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cliCommand } from '../helpers/repo.js';

export interface WorkerProcess {
  name: string;
  child: ChildProcessWithoutNullStreams;
  /** http://127.0.0.1:PORT (health endpoints). */
  url: string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  readyz(): Promise<{ status: string; coordinator?: boolean } | undefined>;
}

/** The processes started in this test process and still running. */
const running = new Set<ChildProcessWithoutNullStreams>();
let stopping = false;

/**
 * Kills every process started here, and any started from now on: a test's `after` calls it. After
 * a failure node:test runs `after` while the test body may still be starting workers, and one
 * left alive would hold the runner open until CI's time limit.
 */
export function killAllProcesses(): void {
  stopping = true;
  for (const child of running) child.kill('SIGKILL');
}

export async function startWorkerProcess(name: string, database: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  return startNewsdeskProcess(name, ['worker', '--name', name], database, env);
}

/** Any long-running role of the CLI (`worker`, `serve`, `serve --no-poll`) that prints its URL first. */
export async function startNewsdeskProcess(
  name: string,
  command: string[],
  database: string,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const { cmd, args } = cliCommand();
  // NEWSDESK_SCALE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": flags Node refuses in
  // NODE_OPTIONS, for profiling the spawned processes.
  const nodeArgs = (process.env.NEWSDESK_SCALE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(cmd, [...nodeArgs, ...args, ...command], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
      NEWSDESK_DATABASE: database,
      NEWSDESK_HOST: '127.0.0.1',
      NEWSDESK_PORT: '0',
      NEWSDESK_ALLOW_HOSTS: '127.0.0.0/8',
      // Feeds and webhook receivers of the scale tests both listen on loopback.
      NEWSDESK_ALERT_ALLOW_HOSTS: '127.0.0.0/8',
      NEWSDESK_EXTRACT: 'off',
      NEWSDESK_LOG_LEVEL: 'warn',
      NEWSDESK_TOPICS: '',
      CI: 'true',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  if (stopping) child.kill('SIGKILL');
  let err = '';
  let out = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker ${name} did not start within 60 s:\n${err}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/^(http:\/\/\S+?)\/?\n/m);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${name} exited (${code}) before it started:\n${err}`));
    });
  });
  return {
    name,
    child,
    url,
    stderr: () => err,
    exited,
    readyz: async () => {
      try {
        const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
        return (await r.json()) as { status: string; coordinator?: boolean };
      } catch {
        return undefined;
      }
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it is true, failing with `what` after `ms`. */
export async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}
