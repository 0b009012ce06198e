// Secret options (OPTIONS entries with `secret`): read from a *_FILE path, and masked for display.
import { readFileSync } from 'node:fs';
import type { SecretKind } from './options.js';

export const MASK = '***';

/** The secret in a file named by NAME_FILE, without the line end editors and `echo` leave. */
export function readSecretFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new Error(`cannot read ${variable}=${path}: ${why}`);
  }
}

const SECRET_PARAM = /pass|secret|token|key/i;

/**
 * A value as `newsdesk config` shows it. A whole-value secret shows only whether it is set; a URL
 * keeps its scheme, user, host and path so the setting can still be checked.
 */
export function maskSecret(value: unknown, kind: SecretKind | undefined): unknown {
  if (kind === undefined || value === '' || typeof value !== 'string') return value;
  if (kind === true) return MASK;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return MASK;
  }
  if (url.password) url.password = MASK;
  for (const k of [...url.searchParams.keys()]) if (SECRET_PARAM.test(k)) url.searchParams.set(k, MASK);
  return url.href;
}
