// The desk's one way to write the audit log: every area's DeskDeps.recordAudit defaults to this
// (createDesk), so a change made anywhere at the desk lands in store.curation's audit log.
import type { AuditRecord } from '../../domain/audit.js';
import type { Store } from '../../store/store.js';

export function recordAudit(store: Store): (record: AuditRecord) => Promise<void> {
  return (record) => store.curation.record(record);
}
