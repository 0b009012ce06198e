import type { Auth } from '../../auth/session.js';
import type { AuditRecord } from '../../domain/audit.js';
import type { Logger } from '../../log/logger.js';
import type { Store } from '../../store/store.js';

/** What the accounts pages need: the store, the Auth service (src/auth/session.ts), the audit log. */
export interface AccountDeps {
  store: Store;
  auth: Auth;
  log: Logger;
  recordAudit?: ((record: AuditRecord) => Promise<void>) | undefined;
}
