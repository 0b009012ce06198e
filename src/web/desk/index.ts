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

export interface DeskDeps {
  store: Store;
  config: Config;
  log: Logger;
  /**
   * Writes one change to the audit log. Every desk handler that changes something calls it; the
   * server wires it to the store's audit log (until then it is a no-op).
   */
  recordAudit?: (record: AuditRecord) => Promise<void>;
}

export function createDesk(_deps: DeskDeps): Hono {
  const desk = new Hono();
  desk.use('*', requireRole('editor'));
  desk.get('/', (c) => c.redirect('/desk/sources', 303));
  return desk;
}
