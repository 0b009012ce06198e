// Who may call the API. The session middleware (src/auth/session.ts) has already turned an
// Authorization header (Bearer, or Basic with the token as password) or a session cookie into a
// viewer. Reads are open on a public site and need any viewer on a private one; writes need a
// write-scope token of an editor or admin (the configured apiToken is one). A browser session
// cannot write through the API: a cookie is sent by cross-site requests too, a token is not.
import type { Context } from 'hono';
import { tokenFromHeader } from '../auth/tokens.js';
import { hasRole, viewerOf } from '../auth/viewer.js';

export type Access = 'read' | 'write';

export interface AccessConfig {
  apiToken: string;
  publicApi: boolean;
  siteAccess: 'public' | 'private';
}

/** Undefined when allowed, else the problem (status and message). */
export function checkAccess(c: Context, access: Access, cfg: AccessConfig): { status: 401 | 403; message: string } | undefined {
  const v = viewerOf(c);
  if (access === 'read') {
    if ((cfg.publicApi && cfg.siteAccess === 'public') || v) return undefined;
  } else if (v) {
    if (v.via !== 'token')
      return {
        status: 403,
        message: 'API writes need an API token ("Authorization: Bearer <token>"); a signed-in browser session cannot write here.',
      };
    if (v.scope !== 'write') return { status: 403, message: 'This token has read scope; writing needs a token with write scope.' };
    if (!hasRole(v, 'editor')) return { status: 403, message: "This token's user has the reader role, which cannot write." };
    return undefined;
  }
  if (tokenFromHeader(c.req.header('authorization')) !== undefined) return { status: 401, message: 'The API token is not valid.' };
  return {
    status: 401,
    message: `Send an API token as "Authorization: Bearer <token>" (create one at /desk/account or with "newsdesk token create"${cfg.apiToken ? '' : ', or set apiToken'}).`,
  };
}
