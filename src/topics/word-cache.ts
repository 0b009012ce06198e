// A hash table from plain ASCII words, as they appear in a text, to what they resolve to,
// looked up without creating a string: the tokenizer hands over the word's position and a
// hash of its lower-cased letters, and the table compares characters in place. Most words of
// an article resolve to nothing, so this lookup is the matcher's inner loop; a Map would need
// a fresh string (and its garbage) for every word.
import { WORD_HASH_SEED } from '../text/normalize-tokens.js';

/** The tokenizer's hash of a lower-case ASCII word (see WORD_HASH_SEED). */
export function asciiWordHash(word: string): number {
  let h = WORD_HASH_SEED;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ (word.charCodeAt(i) | 0x20), 0x01000193);
  return h;
}

export class AsciiWordCache<V> {
  private slots: Int32Array;
  private keys: string[] = [];
  // Int32Array: FNV hashes use all 32 bits, which a plain array would store as heap numbers.
  private hashes = new Int32Array(1 << 11);
  private values: V[] = [];

  constructor(
    private readonly maxEntries: number,
    initialSlots = 1 << 12,
  ) {
    this.slots = new Int32Array(initialSlots).fill(-1);
  }

  get size(): number {
    return this.keys.length;
  }

  clear(): void {
    if (this.keys.length === 0) return;
    this.slots = new Int32Array(1 << 12).fill(-1);
    this.keys = [];
    this.hashes = new Int32Array(1 << 11);
    this.values = [];
  }

  /** Entry number of text[start, end) (compared case-insensitively) with hash `h`, or -1. */
  find(text: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i] as number;
      if (e < 0) return -1;
      if (this.hashes[e] !== h) continue;
      const key = this.keys[e] as string;
      if (key.length !== len) continue;
      let same = true;
      for (let k = 0; k < len; k++) {
        if ((text.charCodeAt(start + k) | 0x20) !== key.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (same) return e;
    }
  }

  /** The lower-cased word of an entry. */
  key(e: number): string {
    return this.keys[e] as string;
  }

  value(e: number): V {
    return this.values[e] as V;
  }

  get(text: string, start: number, end: number, h: number): V | undefined {
    const e = this.find(text, start, end, h);
    return e < 0 ? undefined : this.values[e];
  }

  /** Stores `value` for the lower-cased word `key` (hash `h`). */
  set(key: string, h: number, value: V): void {
    if (this.keys.length >= this.maxEntries) this.clear();
    if ((this.keys.length + 1) * 2 > this.slots.length) this.grow();
    const e = this.keys.length;
    if (e >= this.hashes.length) {
      const bigger = new Int32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.keys.push(key);
    this.hashes[e] = h;
    this.values.push(value);
    this.place(e, h);
  }

  private place(e: number, h: number): void {
    const mask = this.slots.length - 1;
    let i = h & mask;
    while ((this.slots[i] as number) >= 0) i = (i + 1) & mask;
    this.slots[i] = e;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let e = 0; e < this.keys.length; e++) this.place(e, this.hashes[e] as number);
  }
}
