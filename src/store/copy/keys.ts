// The high-water mark of a table's copy is the key of the last row copied, kept as text in the
// target. Types are tagged so a 64-bit id or a byte key comes back exactly as it was read.
import type { KeyValues } from './types.js';

type Tagged = null | { i: string } | { n: number } | { s: string } | { b: string };

export function encodeKey(key: KeyValues | undefined): string | null {
  if (!key) return null;
  const tagged: Tagged[] = key.map((v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return { i: v.toString() };
    if (typeof v === 'number') return Number.isInteger(v) ? { i: String(v) } : { n: v };
    if (Buffer.isBuffer(v)) return { b: v.toString('hex') };
    if (v instanceof Date) return { s: v.toISOString() };
    return { s: typeof v === 'string' ? v : JSON.stringify(v) };
  });
  return JSON.stringify(tagged);
}

/** Decodes a mark; integers come back as bigint (each side binds those exactly). */
export function decodeKey(text: string | null): KeyValues | undefined {
  if (text === null) return undefined;
  const tagged = JSON.parse(text) as Tagged[];
  return tagged.map((t) => {
    if (t === null) return null;
    if ('i' in t) return BigInt(t.i);
    if ('n' in t) return t.n;
    if ('b' in t) return Buffer.from(t.b, 'hex');
    return t.s;
  });
}
