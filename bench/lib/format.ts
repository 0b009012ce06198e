/** "a/b" as printed in bench tables: the ratio with `digits` decimals (ours/theirs, topic/static …). */
export function ratio(a: number, b: number, digits = 2): string {
  return (a / b).toFixed(digits);
}
