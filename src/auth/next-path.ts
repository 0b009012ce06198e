// Where to go after signing in. Only a path on this site is followed: anything a browser could
// read as another origin (//host, /\host, an encoded backslash, a scheme such as https: or
// javascript:) is replaced by the fallback, so a link to /login?next=… cannot send a user away.

/** `next` when it is a same-site path, else `fallback`. */
export function safeNextPath(next: string | undefined | null, fallback = '/'): string {
  if (!next || next.length > 2000) return fallback;
  // Browsers strip tabs and newlines from URLs and treat \ as /; decode once so %5C and %2F count too.
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  for (const s of [next, decoded]) {
    if (!s.startsWith('/')) return fallback;
    if (/[\u0000-\u001f\u007f\\]/.test(s)) return fallback;
    if (s.startsWith('//')) return fallback;
  }
  // The path must resolve to this origin, and stay the same string a browser would follow.
  try {
    const base = 'https://this.invalid';
    const u = new URL(next, base);
    if (u.origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return next;
}
