// The desk: where editors manage sources, topics and curation, and admins manage users. Each area
// registers its own routes here; all of them sit behind a role (src/auth/viewer.ts) and check the
// CSRF token on every POST. What the desk needs from below the web layer (the add chain's
// preview, fetch now, re-tagging) comes in as functions in DeskDeps (deps.ts), built by src/server.
import { Hono } from 'hono';
import { requireRole } from '../../auth/viewer.js';
import { refusePage } from '../account/page.js';
import { auditRoutes } from './audit.js';
import { recordAudit } from './audit-log.js';
import { curationRoutes } from './curation.js';
import type { DeskDeps } from './deps.js';
import { settingsRoutes } from './settings.js';
import { sourcesDesk } from './sources.js';
import { storyCurationRoutes } from './story-curation.js';
import { topicsDesk } from './topics.js';

export type { DeskDeps } from './deps.js';

export function createDesk(deps: DeskDeps): Hono {
  // Every area reads the audit writer from here, so none can be built without one: the server's,
  // else the store's audit log (audit-log.ts).
  const full: DeskDeps & Required<Pick<DeskDeps, 'recordAudit'>> = { ...deps, recordAudit: deps.recordAudit ?? recordAudit(deps.store) };
  const desk = new Hono();
  desk.use('*', requireRole('editor', refusePage));
  desk.get('/', (c) => c.redirect('/desk/sources', 303));
  desk.route('/sources', sourcesDesk(full));
  desk.route('/topics', topicsDesk(full));
  curationRoutes(desk, full);
  storyCurationRoutes(desk, full.store, full.recordAudit);
  settingsRoutes(desk, full.store, full.recordAudit);
  auditRoutes(desk, full.store);
  return desk;
}
