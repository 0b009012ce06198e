// Row shapes of the desk tables and their conversion, shared by both dialects (SQLite keeps JSON
// as text and booleans as 0/1; PostgreSQL hands JSONB back parsed and booleans as booleans).
import type { DeskSettings, DeskSourceSettings, DeskTopic, RejectedName } from './desk.js';

export interface SettingsRow {
  source_id: number;
  headers: unknown;
  allow_private: number | boolean;
  last_fetch_ms: number | null;
  updated_at: number;
}

export interface DeskSettingsRow {
  cluster_places: number | boolean;
  updated_by: string | null;
  updated_at: number | string | null;
}

export interface TopicRow {
  id: string;
  source: string;
  definition: unknown;
  version: number;
  updated_by: string;
  updated_at: number;
}

export interface RejectedRow {
  topic_id: string;
  name: string;
  rejected_by: string;
  rejected_at: number;
}

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  }
  return out;
}

export function toSettings(r: SettingsRow): DeskSourceSettings {
  return {
    sourceId: Number(r.source_id),
    headers: stringRecord(parsed(r.headers)),
    allowPrivate: r.allow_private === true || r.allow_private === 1,
    lastFetchMs: r.last_fetch_ms === null ? null : Number(r.last_fetch_ms),
    updatedAt: Number(r.updated_at),
  };
}

export function toDeskTopic(r: TopicRow): DeskTopic {
  return {
    id: r.id,
    source: r.source,
    definition: parsed(r.definition),
    version: Number(r.version),
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
  };
}

export function toRejected(r: RejectedRow): RejectedName {
  return { topicId: r.topic_id, name: r.name, rejectedBy: r.rejected_by, rejectedAt: Number(r.rejected_at) };
}

export function toDeskSettings(r: DeskSettingsRow): DeskSettings {
  return {
    clusterPlaces: r.cluster_places === true || r.cluster_places === 1,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at === null ? null : Number(r.updated_at),
  };
}
