// "Did you mean --once?" for a mistyped option: the options a command's usage names, and the one
// nearest to what was typed (a letter or two off), if any.

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The option of `usage` nearest to `typed` (`--onse` → `--once`), when one is close enough. */
export function nearestOption(typed: string, usage: string): string | undefined {
  const name = typed.split('=')[0]!;
  const options = [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])].filter((o) => o !== name);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const o of options) {
    const dist = distance(name, o);
    if (dist < bestDistance) {
      best = o;
      bestDistance = dist;
    }
  }
  // Two edits for a long option, one for a short one: further than that is another word.
  return best !== undefined && bestDistance <= (name.length > 6 ? 2 : 1) ? best : undefined;
}
