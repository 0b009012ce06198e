// The character loop squeezedLength (src/ingest/extract/squeeze.ts) stands for, with its stop rule:
// white space runs count as one, none at either end, counting stops once `stopAt` is reached. The
// plumbing and speed-round tests check the fast paths against it.
export function referenceSqueezedLength(s: string, stopAt: number): number {
  let n = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    if (/\s/.test(s[i]!)) gap = true;
    else {
      if (gap && n > 0) n++;
      n++;
      gap = false;
      if (n >= stopAt) return n;
    }
  }
  return n;
}
