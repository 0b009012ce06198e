import type { Database } from 'better-sqlite3';
import {
  DEFAULT_DESK_SETTINGS,
  type DeskRepo,
  type DeskSettings,
  type DeskSettingsPatch,
  type DeskSourcePatch,
  type DeskSourceSettings,
  type DeskTopic,
  type DeskTopicInput,
  type RejectedName,
  type ShownSourceSettings,
} from '../desk.js';
import { checkShown } from '../../domain/shown-check.js';
import {
  toDeskSettings,
  toDeskTopic,
  toRejected,
  toSettings,
  type DeskSettingsRow,
  type RejectedRow,
  type SettingsRow,
  type TopicRow,
} from '../desk-rows.js';

export class SqliteDeskRepo implements DeskRepo {
  constructor(private readonly db: Database) {}

  async deskSettings(): Promise<DeskSettings> {
    const r = this.db.prepare('SELECT cluster_places, updated_by, updated_at FROM desk_settings WHERE id = 1').get() as
      | DeskSettingsRow
      | undefined;
    return r ? toDeskSettings(r) : { ...DEFAULT_DESK_SETTINGS };
  }

  async setDeskSettings(
    patch: DeskSettingsPatch,
    by: string,
    now = Date.now(),
    shown?: DeskSettingsPatch,
  ): Promise<DeskSettings & { refused?: (keyof DeskSettingsPatch)[] }> {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT cluster_places, updated_by, updated_at FROM desk_settings WHERE id = 1').get() as
        | DeskSettingsRow
        | undefined;
      const current = r ? toDeskSettings(r) : { ...DEFAULT_DESK_SETTINGS };
      // Checked against the shown values in this transaction (domain/shown-check.ts).
      const checked = checkShown<keyof DeskSettingsPatch, boolean>(current, patch, shown);
      if (shown !== undefined && Object.keys(checked.patch).length === 0) return { ...current, refused: checked.refused };
      const next: DeskSettings = { ...current, ...checked.patch, updatedBy: by, updatedAt: now };
      this.db
        .prepare(
          `INSERT INTO desk_settings (id, cluster_places, updated_by, updated_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET cluster_places = excluded.cluster_places, updated_by = excluded.updated_by,
             updated_at = excluded.updated_at`,
        )
        .run(next.clusterPlaces ? 1 : 0, by, now);
      return shown === undefined ? next : { ...next, refused: checked.refused };
    })();
  }

  async sourceSettings(sourceId: number): Promise<DeskSourceSettings | undefined> {
    const r = this.db.prepare('SELECT * FROM desk_source_settings WHERE source_id = ?').get(sourceId) as SettingsRow | undefined;
    return r ? toSettings(r) : undefined;
  }

  async allSourceSettings(): Promise<Map<number, DeskSourceSettings>> {
    const rows = this.db.prepare('SELECT * FROM desk_source_settings').all() as SettingsRow[];
    return new Map(rows.map((r) => [Number(r.source_id), toSettings(r)]));
  }

  async setSourceSettings(
    sourceId: number,
    patch: DeskSourcePatch,
    now = Date.now(),
    shown?: ShownSourceSettings,
  ): Promise<DeskSourceSettings & { refused?: (keyof ShownSourceSettings)[] }> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM desk_source_settings WHERE source_id = ?').get(sourceId) as SettingsRow | undefined;
      const cur = row ? toSettings(row) : { sourceId, headers: {}, allowPrivate: false, lastFetchMs: null, updatedAt: now };
      // The permission checked against the shown value in this transaction (domain/shown-check.ts).
      const checked = checkShown<keyof ShownSourceSettings, boolean>(cur, { allowPrivate: patch.allowPrivate }, shown);
      const { allowPrivate: _asked, ...others } = patch;
      const rest: DeskSourcePatch = {
        ...others,
        ...(checked.patch.allowPrivate !== undefined ? { allowPrivate: checked.patch.allowPrivate } : {}),
      };
      if (shown !== undefined && Object.keys(rest).length === 0) return { ...cur, refused: checked.refused };
      const next: DeskSourceSettings = { ...cur, ...rest, sourceId, updatedAt: now };
      this.db
        .prepare(
          `INSERT INTO desk_source_settings (source_id, headers, allow_private, last_fetch_ms, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (source_id) DO UPDATE SET headers = excluded.headers, allow_private = excluded.allow_private,
             last_fetch_ms = excluded.last_fetch_ms, updated_at = excluded.updated_at`,
        )
        .run(sourceId, JSON.stringify(next.headers), next.allowPrivate ? 1 : 0, next.lastFetchMs, now);
      return shown === undefined ? next : { ...next, refused: checked.refused };
    })();
  }

  async listTopics(): Promise<DeskTopic[]> {
    return (this.db.prepare('SELECT * FROM desk_topics ORDER BY id').all() as TopicRow[]).map(toDeskTopic);
  }

  async getTopic(id: string): Promise<DeskTopic | undefined> {
    const r = this.db.prepare('SELECT * FROM desk_topics WHERE id = ?').get(id) as TopicRow | undefined;
    return r ? toDeskTopic(r) : undefined;
  }

  async saveTopic(
    input: DeskTopicInput,
    expectedVersion?: number,
    now = Date.now(),
  ): Promise<{ topic: DeskTopic } | { conflict: DeskTopic | undefined }> {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT * FROM desk_topics WHERE id = ?').get(input.id) as TopicRow | undefined;
      const cur = r ? toDeskTopic(r) : undefined;
      if (expectedVersion !== undefined && (cur?.version ?? 0) !== expectedVersion) return { conflict: cur };
      const topic: DeskTopic = { ...input, version: (cur?.version ?? 0) + 1, updatedAt: now };
      this.db
        .prepare(
          `INSERT INTO desk_topics (id, source, definition, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET source = excluded.source, definition = excluded.definition, version = excluded.version,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(topic.id, topic.source, JSON.stringify(topic.definition), topic.version, topic.updatedBy, now);
      return { topic };
    })();
  }

  async removeTopic(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM desk_topics WHERE id = ?').run(id).changes > 0;
  }

  async rejectName(topicId: string, name: string, by: string, now = Date.now()): Promise<void> {
    this.db
      .prepare('INSERT INTO desk_rejected_names (topic_id, name, rejected_by, rejected_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(topicId, name, by, now);
  }

  async rejectedNames(topicId: string): Promise<RejectedName[]> {
    const rows = this.db.prepare('SELECT * FROM desk_rejected_names WHERE topic_id = ? ORDER BY name').all(topicId) as RejectedRow[];
    return rows.map(toRejected);
  }
}
