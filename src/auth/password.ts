// Password hashing with scrypt (node:crypto), stored in a self-describing form:
//   scrypt$N=32768,r=8,p=1$<salt, base64>$<key, base64>
// so the cost can be raised later: a stored hash is verified with the parameters written in it,
// and needsRehash() tells the sign-in to store a new hash at today's cost.
//
// Why N=2^15, r=8, p=1: scrypt's cost is memory × time. 128·N·r = 32 MiB of memory per hash makes
// a GPU or ASIC guess expensive, and one hash takes about 100 ms on one core of a small server
// (bench/password.ts measures it), slow enough to make offline guessing costly, fast enough that
// a sign-in does not stall. p=1 keeps one
// sign-in on one core (the machine's other work goes on); these are the parameters OWASP's
// password storage guidance lists for scrypt as its minimum, raised by memory rather than time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { cleanInput } from '../text/control-chars.js';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const CURRENT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Shortest password accepted: long enough that guessing online or offline is not the weak point. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest: a bound on the work one request can ask for. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * The password as it is hashed: as a browser's form reaches us. The web reads every form field
 * through cleanInput (controls as spaces, lone surrogates as U+FFFD) and `newsdesk user add` and
 * `passwd` did not, so a password set at the terminal with a tab in it was never the one the
 * sign-in page compared: that account could not sign in, with nothing to say why (r-accounts).
 * Composed (NFC) so that the same letters typed on two keyboards are the same password.
 */
function asCompared(password: string): string {
  return cleanInput(password).normalize('NFC');
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // maxmem: scrypt refuses to use more than 32 MiB by default, which is exactly our cost.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCb(asCompared(password), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const FORMAT = /^scrypt\$N=(\d{1,10}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function parse(stored: string): Parsed | undefined {
  const m = FORMAT.exec(stored);
  if (!m) return undefined;
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds: a hash written by hand (or by an attacker with database access) must not make a
  // sign-in allocate gigabytes.
  if (
    params.N < 2 ||
    params.N > 2 ** 20 ||
    (params.N & (params.N - 1)) !== 0 ||
    params.r < 1 ||
    params.r > 32 ||
    params.p < 1 ||
    params.p > 16
  )
    return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** True when `password` matches `stored`; compares the keys in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const p = parse(stored);
  if (!p || p.key.length === 0) return false;
  const key = await derive(password, p.salt, p.params);
  return key.length === p.key.length && timingSafeEqual(key, p.key);
}

/** A stored hash made with other parameters than today's: hash again at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const p = parse(stored)?.params;
  return !p || p.N !== CURRENT.N || p.r !== CURRENT.r || p.p !== CURRENT.p;
}

/**
 * A hash of no one's password, verified when the name given matches no account, so a failed
 * sign-in takes as long whether or not the account exists.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, name?: string): 'too-short' | 'too-long' | 'same-as-name' | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (name && password.trim().toLowerCase() === name.trim().toLowerCase()) return 'same-as-name';
  return undefined;
}
