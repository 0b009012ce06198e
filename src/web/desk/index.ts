// The desk: where editors manage sources, topics and curation, and admins manage users. Each area
// registers its own routes here; all of them sit behind a role (src/auth/viewer.ts) and check the
// CSRF token on every POST. What the desk needs from below the web layer (the add chain's
// preview, fetch now, re-tagging) comes in as functions in DeskDeps, built by src/server.
import { Hono } from 'hono';
import { requireRole } from '../../auth/viewer.js';
import type { Config } from '../../config/options.js';
import type { AuditRecord } from '../../domain/audit.js';
import type { Logger } from '../../log/logger.js';
import type { Store } from '../../store/store.js';
import { auditRoutes } from './audit.js';
import { recordAudit } from './audit-log.js';
import { curationRoutes } from './curation.js';
import { storyCurationRoutes } from './story-curation.js';

export interface DeskDeps {
  store: Store;
  config: Config;
  log: Logger;
  /**
   * Writes one change to the audit log. Every desk handler that changes something calls it;
   * createDesk fills it in with the store's audit log (audit-log.ts) when the server gives none.
   */
  recordAudit?: (record: AuditRecord) => Promise<void>;
}

export function createDesk(deps: DeskDeps): Hono {
  const record = deps.recordAudit ?? recordAudit(deps.store);
  // Every area below reads the audit writer from here, so none can be built without one.
  const full: Required<DeskDeps> = { ...deps, recordAudit: record };
  const desk = new Hono();
  desk.use('*', requireRole('editor'));
  desk.get('/', (c) => c.redirect('/desk/sources', 303));
  curationRoutes(desk, full.store);
  storyCurationRoutes(desk, full.store, full.recordAudit);
  auditRoutes(desk, full.store);
  return desk;
}
