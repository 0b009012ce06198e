import type { SharedClock } from '../clock.js';
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
import { CODE_POINT_ORDER, Db, jsonb, noNul, prepared, type Sql } from './db.js';
import { checkShown } from '../../domain/shown-check.js';

/** SettingsRow's columns, named so the two statements a check sends can be prepared. */
const SETTINGS_COLUMNS = 'source_id, headers, allow_private, last_fetch_ms, updated_at';

export class PostgresDeskRepo implements DeskRepo {
  constructor(
    private readonly db: Db,
    /** Dates rows written without a time (see the methods' `now`). */
    private readonly clock: SharedClock,
  ) {}

  async deskSettings(): Promise<DeskSettings> {
    // Read on every check by the story step: prepared once per connection.
    const r = await this.db.one<DeskSettingsRow>(prepared('SELECT cluster_places, updated_by, updated_at FROM desk_settings WHERE id = 1'));
    return r ? toDeskSettings(r) : { ...DEFAULT_DESK_SETTINGS };
  }

  async setDeskSettings(
    patch: DeskSettingsPatch,
    by: string,
    at?: number,
    shown?: DeskSettingsPatch,
  ): Promise<DeskSettings & { refused?: (keyof DeskSettingsPatch)[] }> {
    const now = at ?? (await this.clock.now());
    if (shown === undefined) return this.upsertDeskSettings(this.db, patch, by, now);
    // Checked against the shown values (domain/shown-check.ts) in one transaction, the row locked:
    // a row of defaults is put in first, so that two first saves do not both read "none".
    return this.db.tx(async (c) => {
      await c.query('INSERT INTO desk_settings (id) VALUES (1) ON CONFLICT (id) DO NOTHING');
      const row = (
        await c.query<DeskSettingsRow>('SELECT cluster_places, updated_by, updated_at FROM desk_settings WHERE id = 1 FOR UPDATE')
      ).rows[0];
      const current = row ? toDeskSettings(row) : { ...DEFAULT_DESK_SETTINGS };
      const checked = checkShown<keyof DeskSettingsPatch, boolean>(current, patch, shown);
      if (Object.keys(checked.patch).length === 0) return { ...current, refused: checked.refused };
      return { ...(await this.upsertDeskSettings(c, checked.patch, by, now)), refused: checked.refused };
    });
  }

  private async upsertDeskSettings(q: Sql | Db, patch: DeskSettingsPatch, by: string, now: number): Promise<DeskSettings> {
    // One statement: a new row takes the defaults for what the patch leaves out, an existing one
    // changes only what the patch names.
    const given = patch.clusterPlaces !== undefined;
    const text = `INSERT INTO desk_settings (id, cluster_places, updated_by, updated_at) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET cluster_places = ${given ? 'EXCLUDED' : 'desk_settings'}.cluster_places,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING cluster_places, updated_by, updated_at`;
    const values = [patch.clusterPlaces ?? DEFAULT_DESK_SETTINGS.clusterPlaces, by, now];
    const row = q instanceof Db ? await q.one<DeskSettingsRow>(text, values) : (await q.query<DeskSettingsRow>(text, values)).rows[0];
    return toDeskSettings(row!);
  }

  async sourceSettings(sourceId: number): Promise<DeskSourceSettings | undefined> {
    const r = await this.db.one<SettingsRow>(prepared(`SELECT ${SETTINGS_COLUMNS} FROM desk_source_settings WHERE source_id = $1`), [
      sourceId,
    ]);
    return r ? toSettings(r) : undefined;
  }

  async allSourceSettings(): Promise<Map<number, DeskSourceSettings>> {
    const rows = await this.db.rows<SettingsRow>('SELECT * FROM desk_source_settings');
    return new Map(rows.map((r) => [Number(r.source_id), toSettings(r)]));
  }

  async setSourceSettings(
    sourceId: number,
    patch: DeskSourcePatch,
    at?: number,
    shown?: ShownSourceSettings,
  ): Promise<DeskSourceSettings & { refused?: (keyof ShownSourceSettings)[] }> {
    const now = at ?? (await this.clock.now());
    if (shown === undefined) return this.upsertSourceSettings(this.db, sourceId, patch, now);
    // As setDeskSettings: a row of defaults first (the same as none), locked, checked, written.
    return this.db.tx(async (c) => {
      await c.query('INSERT INTO desk_source_settings (source_id, updated_at) VALUES ($1, $2) ON CONFLICT (source_id) DO NOTHING', [
        sourceId,
        now,
      ]);
      const row = (
        await c.query<SettingsRow>(`SELECT ${SETTINGS_COLUMNS} FROM desk_source_settings WHERE source_id = $1 FOR UPDATE`, [sourceId])
      ).rows[0];
      const current = toSettings(row!);
      const checked = checkShown<keyof ShownSourceSettings, boolean>(current, { allowPrivate: patch.allowPrivate }, shown);
      const { allowPrivate: _asked, ...others } = patch;
      const rest: DeskSourcePatch = {
        ...others,
        ...(checked.patch.allowPrivate !== undefined ? { allowPrivate: checked.patch.allowPrivate } : {}),
      };
      if (Object.keys(rest).length === 0) return { ...current, refused: checked.refused };
      return { ...(await this.upsertSourceSettings(c, sourceId, rest, now)), refused: checked.refused };
    });
  }

  private async upsertSourceSettings(q: Sql | Db, sourceId: number, patch: DeskSourcePatch, now: number): Promise<DeskSourceSettings> {
    // One statement (a check records its fetch duration this way): a new row takes the defaults
    // for what the patch leaves out, an existing one changes only what the patch names.
    const keep = (col: string, given: boolean): string => `${col} = ${given ? 'EXCLUDED' : 'desk_source_settings'}.${col}`;
    const statement =
      prepared(`INSERT INTO desk_source_settings (source_id, headers, allow_private, last_fetch_ms, updated_at) VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (source_id) DO UPDATE SET ${keep('headers', patch.headers !== undefined)},
         ${keep('allow_private', patch.allowPrivate !== undefined)}, ${keep('last_fetch_ms', patch.lastFetchMs !== undefined)},
         updated_at = EXCLUDED.updated_at
       RETURNING ${SETTINGS_COLUMNS}`);
    const values = [sourceId, jsonb(patch.headers ?? {}), patch.allowPrivate ?? false, patch.lastFetchMs ?? null, now];
    const row = q instanceof Db ? await q.one<SettingsRow>(statement, values) : (await q.query<SettingsRow>(statement, values)).rows[0];
    return toSettings(row!);
  }

  async listTopics(): Promise<DeskTopic[]> {
    return (await this.db.rows<TopicRow>(`SELECT * FROM desk_topics ORDER BY id ${CODE_POINT_ORDER}`)).map(toDeskTopic);
  }

  async getTopic(id: string): Promise<DeskTopic | undefined> {
    const r = await this.db.one<TopicRow>('SELECT * FROM desk_topics WHERE id = $1', [id]);
    return r ? toDeskTopic(r) : undefined;
  }

  async saveTopic(
    input: DeskTopicInput,
    expectedVersion?: number,
    at?: number,
  ): Promise<{ topic: DeskTopic } | { conflict: DeskTopic | undefined }> {
    const now = at ?? (await this.clock.now());
    return this.db.tx(async (c) => {
      const locked = async (): Promise<DeskTopic | undefined> => {
        const r = (await c.query<TopicRow>('SELECT * FROM desk_topics WHERE id = $1 FOR UPDATE', [input.id])).rows[0];
        return r ? toDeskTopic(r) : undefined;
      };
      const values = (t: DeskTopic): unknown[] => [t.id, t.source, jsonb(t.definition), t.version, t.updatedBy, now];
      const insert =
        'INSERT INTO desk_topics (id, source, definition, version, updated_by, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6)';
      const next = (cur: DeskTopic | undefined): DeskTopic => ({
        ...input,
        source: noNul(input.source),
        version: (cur?.version ?? 0) + 1,
        updatedAt: now,
      });
      let cur = await locked();
      if (!cur && (expectedVersion ?? 0) === 0) {
        // FOR UPDATE locks nothing for a new id: two editors creating one topic both read "none",
        // and an upsert let the second write over the first. The plain insert waits for a
        // concurrent creator's commit instead; then that topic is read, locked, as if it had been there.
        const topic = next(undefined);
        if ((await c.query(`${insert} ON CONFLICT (id) DO NOTHING`, values(topic))).rowCount === 1) return { topic };
        cur = await locked();
      }
      if (expectedVersion !== undefined && (cur?.version ?? 0) !== expectedVersion) return { conflict: cur };
      const topic = next(cur);
      await c.query(
        `${insert} ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, definition = EXCLUDED.definition, version = EXCLUDED.version,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        values(topic),
      );
      return { topic };
    });
  }

  async removeTopic(id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM desk_topics WHERE id = $1', [id])) > 0;
  }

  async rejectName(topicId: string, name: string, by: string, at?: number): Promise<void> {
    const now = at ?? (await this.clock.now());
    await this.db.run(
      'INSERT INTO desk_rejected_names (topic_id, name, rejected_by, rejected_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [topicId, noNul(name), by, now],
    );
  }

  async rejectedNames(topicId: string): Promise<RejectedName[]> {
    return (
      await this.db.rows<RejectedRow>(`SELECT * FROM desk_rejected_names WHERE topic_id = $1 ORDER BY name ${CODE_POINT_ORDER}`, [topicId])
    ).map(toRejected);
  }
}
