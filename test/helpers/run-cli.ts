// Runs `newsdesk ARGS…` as a user would, from the same tree as the test (tsx or dist/), with a
// clean environment that lets the fetcher reach fixture servers on 127.0.0.1.
import { spawn } from 'node:child_process';
import { cliCommand } from './repo.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment a CLI process runs with in tests: only PATH and NODE_OPTIONS from ours (no
 * NEWSDESK_* of the machine), 127.0.0.1 allowed for the fixture servers, then `env` over that.
 */
export function cliEnv(env: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
    NEWSDESK_ALLOW_HOSTS: '127.0.0.1',
    CI: 'true',
    ...env,
  };
}

/** `as`: run as another user (a test running as root that needs file permissions to count). */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, as?: { uid: number; gid: number }): Promise<CliRun> {
  const { cmd, args: base } = cliCommand();
  return new Promise((resolve) => {
    const p = spawn(cmd, [...base, ...args], {
      env: cliEnv({ NEWSDESK_LOG_LEVEL: 'error', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(as ?? {}),
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
