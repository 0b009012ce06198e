// An order-independent digest of a table: each row's canonical values are hashed, and the hashes
// are added up modulo 2^64. Addition (unlike XOR) does not cancel two equal rows, and neither side
// has to read rows in the same order — SQLite and PostgreSQL sort text differently.
import { createHash } from 'node:crypto';
import { canonical } from './values.js';
import type { ColumnKind, Value } from './types.js';

const MASK = (1n << 64n) - 1n;

export class TableDigest {
  private sum = 0n;
  rows = 0;

  constructor(private readonly kinds: readonly ColumnKind[]) {}

  add(row: readonly Value[]): void {
    const text = JSON.stringify(row.map((v, i) => canonical(v, this.kinds[i] ?? 'any')));
    const h = createHash('sha256').update(text).digest();
    this.sum = (this.sum + h.readBigUInt64BE(0)) & MASK;
    this.rows++;
  }

  /** 16 hex digits. */
  get hex(): string {
    return this.sum.toString(16).padStart(16, '0');
  }
}
