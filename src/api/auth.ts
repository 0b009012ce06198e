// Who may call the API. The session middleware (src/auth/session.ts) has already turned an
// Authorization header (Bearer, or Basic with the token as password) or a session cookie into a
// viewer. Reads are open on a public site and need any viewer on a private one; writes need a
// write-scope token of an editor or admin (the configured apiToken is one). A browser session
// cannot write through the API: a cookie is sent by cross-site requests too, a token is not.
// A credential given but not valid (unknown, revoked, its user disabled, not a token at all) is
// refused on every operation, reads of a public API included: a client whose token stopped working
// learns it at once rather than reading on as if it were anonymous (RFC 6750 section 3.1's
// invalid_token; a read without any credential stays public).
import type { Context } from 'hono';
import { crossSiteReason } from '../auth/cross-site.js';
import { tokenFromHeader } from '../auth/tokens.js';
import { hasRole, viewerOf } from '../auth/viewer.js';
import type { ApiErrorKey } from '../locale/api-errors.js';

export type Access = 'read' | 'write';

export interface AccessConfig {
  apiToken: string;
  publicApi: boolean;
  siteAccess: 'public' | 'private';
  /** This site's origin for the browser's cross-site marks (auth/cross-site.ts). */
  baseUrl?: string | undefined;
  trustProxy?: boolean | undefined;
}

/**
 * Basic credentials are ambient: a browser that once sent them (a private site's Basic challenge,
 * an address with `name:token@`) sends them again with every request to the site, another site's
 * form posts included, as it sends a cookie. A write made with them that the browser marks as
 * cross-site (Sec-Fetch-Site, Origin) is refused: a text/plain form holding JSON added a source
 * with the configured apiToken (found by r-public). A Bearer header no other site can make a
 * browser send, so those writes are unchanged; clients that send no marks (curl, scripts) too.
 */
function ambientCrossSite(c: Context, header: string | undefined, cfg: AccessConfig): boolean {
  if (header === undefined || !/^\s*basic\s/i.test(header)) return false;
  return crossSiteReason(c, { baseUrl: cfg.baseUrl ?? '', trustProxy: cfg.trustProxy ?? false }) !== undefined;
}

/** A refusal: status, the key of its sentence (src/locale/api-errors.ts), and the WWW-Authenticate challenge of a 401. */
export interface Denied {
  status: 401 | 403;
  key: ApiErrorKey;
  challenge?: string;
}

/** The challenge of a token given but not valid (RFC 6750 section 3.1); none names what was sent. */
const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';

/**
 * A private site (siteAccess=private, or the older publicApi=false): the API is private as a whole
 * then, its OpenAPI document, unknown addresses and 405s included (p-edges): every answer under
 * /api needs a viewer, as every page and feed does (README: "every page, feed and API call").
 */
export function apiPrivate(cfg: Pick<AccessConfig, 'publicApi' | 'siteAccess'>): boolean {
  return cfg.siteAccess === 'private' || !cfg.publicApi;
}

/** Undefined when allowed, else the problem (status, key and, for a 401, the challenge). */
export function checkAccess(c: Context, access: Access, cfg: AccessConfig): Denied | undefined {
  const v = viewerOf(c);
  const header = c.req.header('authorization');
  if (access === 'read') {
    if (v) return undefined;
    if (header === undefined && !apiPrivate(cfg)) return undefined;
  } else if (v) {
    if (v.via !== 'token') return { status: 403, key: 'auth.sessionCannotWrite' };
    if (ambientCrossSite(c, header, cfg)) return { status: 403, key: 'auth.crossSite' };
    if (v.scope !== 'write') return { status: 403, key: 'auth.readScope' };
    if (!hasRole(v, 'editor')) return { status: 403, key: 'auth.readerRole' };
    return undefined;
  }
  if (header !== undefined) {
    // The session middleware read the header and found no viewer: the token is unknown, revoked or
    // its user disabled (no reason is told apart, nor anything sent echoed back).
    // Worded by the site's mode: "or none at all for a public read" is wrong on a private site,
    // where none is a 401 as well (r-edges).
    const closed = apiPrivate(cfg);
    if (tokenFromHeader(header) !== undefined)
      return { status: 401, key: closed ? 'auth.tokenInvalid.private' : 'auth.tokenInvalid', challenge: INVALID_TOKEN_CHALLENGE };
    return { status: 401, key: closed ? 'auth.noToken.private' : 'auth.noToken', challenge: 'Bearer' };
  }
  // A server with no shared apiToken says it may be set (its own key: each key names one sentence).
  return { status: 401, key: cfg.apiToken ? 'auth.required' : 'auth.required.apiTokenUnset', challenge: 'Bearer' };
}
