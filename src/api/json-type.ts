// Whether a request's body is declared as JSON. The API read any body as JSON whatever its
// Content-Type (text/plain, form-encoded, none). That let an HTML form on another site post a JSON
// document as text/plain, the one body type a cross-site form sends without a CORS preflight; the
// credential checks (auth.ts) are what refused such a write, and a write route added without them
// would have taken it. Requiring a JSON type closes that class of request at the door: a browser
// sends application/json cross-site only after a preflight, which this server never grants.
// Taken: application/json and any application/…+json (RFC 6839), case-insensitive, with other
// parameters ignored except charset, which must be utf-8 (the only encoding read; RFC 8259 §8.1).

/**
 * Whether the request carries a body: a chunked one or a non-zero declared length; with neither
 * header, none over a socket (RFC 9112 §6.3) and, for a request made in-process, the body attached
 * to it. The Node adapter attaches a (empty) stream to every request but GET and HEAD, so reading
 * `body` for a socket's request took a plain `DELETE` (fetch and curl send no length) for a body
 * without a type and refused it with a 415 (r-api3).
 */
export function hasBody(req: Request, viaSocket: boolean): boolean {
  if (req.headers.get('transfer-encoding') !== null) return true;
  const length = req.headers.get('content-length');
  if (length !== null) return !/^\s*0+\s*$/.test(length);
  return !viaSocket && req.body !== null;
}

/** Whether a Content-Type value names JSON in UTF-8. */
export function isJsonType(value: string | null | undefined): boolean {
  if (!value) return false;
  const [type = '', ...params] = value.split(';');
  const media = type.trim().toLowerCase();
  if (!/^application\/(?:json|[a-z0-9!#$&^_.-]+\+json)$/.test(media)) return false;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return false;
  }
  return true;
}
