// Secret options (OPTIONS entries with `secret`): read from a *_FILE path, and masked for display.
// readSecretText is also how webhook secrets are read (src/alerts/settings.ts, secretFile).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { SecretKind } from './options.js';

export const MASK = '***';

/** The most a secret file may hold: a secret is one line; a key file is a few kilobytes. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** A secret file that is not one: not a regular file, or too large. `reason` is for people. */
export class SecretFileError extends Error {
  override name = 'SecretFileError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The text of a secret file: a regular file of at most MAX_SECRET_FILE_BYTES, opened without
 * blocking. A path can name anything, and a desk editor names a webhook's secretFile: read as a
 * whole, `/dev/zero` grew the process until it was killed (and again at every start, since the
 * topic is stored), a FIFO or `/dev/stdin` blocked the thread that reloads topics for good, and a
 * large log file was read into memory on every reload. Errors from the file system (ENOENT,
 * EACCES) are thrown as they are.
 */
export function readSecretText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new SecretFileError('not a regular file');
    const tooLarge = new SecretFileError(`larger than ${MAX_SECRET_FILE_BYTES} bytes, which no secret is`);
    if (st.size > MAX_SECRET_FILE_BYTES) throw tooLarge;
    const buf = Buffer.alloc(MAX_SECRET_FILE_BYTES + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > MAX_SECRET_FILE_BYTES) throw tooLarge;
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Why a secret file could not be read, in a few words (never its contents). */
export function secretFileProblem(err: unknown): string {
  if (err instanceof SecretFileError) return err.reason;
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
}

/** The secret in a file named by NAME_FILE, without the line end editors and `echo` leave. */
export function readSecretFile(variable: string, path: string): string {
  try {
    return readSecretText(path).replace(/\r?\n$/, '');
  } catch (err) {
    throw new Error(`cannot read ${variable}=${path}: ${secretFileProblem(err)}`);
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
