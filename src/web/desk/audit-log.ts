// The desk's one way to write the audit log: every area's DeskDeps.recordAudit defaults to this
// (createDesk), so a change made anywhere at the desk lands in store.curation's audit log.
import type { Context } from 'hono';
import { viewerOf } from '../../auth/viewer.js';
import type { AuditRecord } from '../../domain/audit.js';
import type { Actor } from '../../store/curation.js';
import type { Store } from '../../store/store.js';

export function recordAudit(store: Store): (record: AuditRecord) => Promise<void> {
  return (record) => store.curation.record(record);
}

/** Who is making a change, as the audit log names them. */
export function actorOf(c: Context): Actor {
  const v = viewerOf(c);
  return v ? { id: v.userId, name: v.name } : { id: null, name: 'unknown' };
}
