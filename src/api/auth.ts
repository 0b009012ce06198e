// API tokens: writes always need the configured token; reads need it when the API is private.
// The token comes as "Authorization: Bearer <token>", or as the password of Basic authentication
// (any user name) so that browsers and feed readers can send it too (server/read-access.ts).
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

export type Access = 'read' | 'write';

/** The token a request carries, from a Bearer or a Basic Authorization header. */
function givenToken(header: string): string | undefined {
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

/** Undefined when allowed, else the problem (status and message). */
export function checkAccess(
  c: Context,
  access: Access,
  cfg: { apiToken: string; publicApi: boolean },
): { status: 401 | 403; message: string } | undefined {
  if (access === 'read' && cfg.publicApi) return undefined;
  if (!cfg.apiToken) {
    return { status: 403, message: 'This server has no API token configured: set apiToken (NEWSDESK_API_TOKEN) to allow this request.' };
  }
  const token = givenToken(c.req.header('authorization') ?? '');
  if (token === undefined) return { status: 401, message: 'Send the API token as "Authorization: Bearer <token>".' };
  const given = Buffer.from(token);
  const want = Buffer.from(cfg.apiToken);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { status: 401, message: 'The API token is not valid.' };
  return undefined;
}
