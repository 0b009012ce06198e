// One change an editor made at the desk, as the audit log keeps it: who, what, on which thing,
// and the value before and after (JSON-ready, secrets never included).
export interface AuditRecord {
  /** The user who made the change (null for the CLI or the system). */
  actorId: number | null;
  actorName: string;
  /** A dotted action name, e.g. `source.add`, `topic.save`, `teaser.pin`, `story.merge`. */
  action: string;
  /** What was changed, e.g. `source:12`, `topic:acme`, `entry:345`, `story:9`. */
  target: string;
  before: unknown;
  after: unknown;
}
