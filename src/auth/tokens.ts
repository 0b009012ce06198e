// Secrets handed to browsers and API clients: session cookies and API tokens. Each is 32 random
// bytes; the store keeps only their SHA-256, so reading the database gives no one a way in. API
// tokens carry a recognisable prefix (nd_) so secret scanners and people can tell what leaked.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'nd_';
/** The shape of an API token: the prefix and 32 bytes in base64url (43 characters). */
const TOKEN_SHAPE = /^nd_[A-Za-z0-9_-]{43}$/;

/** Last-used is written at most this often per token: a busy client must not write on every request. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomSecret()}`;
}

export function looksLikeApiToken(s: string): boolean {
  return TOKEN_SHAPE.test(s);
}

/** The digest stored for a secret (hex SHA-256). */
export function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The token a request carries: "Authorization: Bearer <token>", or the password of Basic authentication (any user name). */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (bearer) return bearer[1]!.trim();
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (basic) {
    const pair = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    return colon < 0 ? undefined : pair.slice(colon + 1);
  }
  return undefined;
}
