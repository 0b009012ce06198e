// API tokens: writes always need the configured token; reads need it when the API is private.
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

export type Access = 'read' | 'write';

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
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) return { status: 401, message: 'Send the API token as "Authorization: Bearer <token>".' };
  const given = Buffer.from(m[1]!.trim());
  const want = Buffer.from(cfg.apiToken);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { status: 401, message: 'The API token is not valid.' };
  return undefined;
}
