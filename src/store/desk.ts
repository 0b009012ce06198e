// The desk's own records (migration 012): per-source settings the sources table has no column for
// (private request headers, allowing a private address, the last fetch's duration), topics
// defined at the desk (their source text as the editor wrote it, and the parsed definition), and
// suggested names an editor rejected, so they are not suggested again; and (migration 026) the
// desk-wide settings the pipeline reads (how stories are grouped).
//
// Private headers are credentials: they are stored here and read only by the server when it
// fetches; nothing renders or returns them (the desk shows "set").

export interface DeskSourceSettings {
  sourceId: number;
  /** Extra request headers for a private feed (Authorization, cookies, API keys): secret. */
  headers: Record<string, string>;
  /** Fetch this source even though it resolves to a private or loopback address. */
  allowPrivate: boolean;
  /** Milliseconds the last check took (fetch, parse and store), when one was timed. */
  lastFetchMs: number | null;
  updatedAt: number;
}

export type DeskSourcePatch = Partial<Pick<DeskSourceSettings, 'headers' | 'allowPrivate' | 'lastFetchMs'>>;

export interface DeskTopic {
  id: string;
  /** The topic as the editor wrote it (YAML or JSON, same schema as the topics file). */
  source: string;
  /** The parsed, checked definition (topics/stored.ts storedDefinition), JSON-ready. */
  definition: unknown;
  /** 1 on creation, +1 on every save: an edit made against an older version is refused. */
  version: number;
  updatedBy: string;
  updatedAt: number;
}

export interface DeskTopicInput {
  id: string;
  source: string;
  definition: unknown;
  updatedBy: string;
}

export interface RejectedName {
  topicId: string;
  /** The name as suggested (normalised by the caller). */
  name: string;
  rejectedBy: string;
  rejectedAt: number;
}

/** Settings of the whole desk (one record; the desk's settings page writes it). */
export interface DeskSettings {
  /**
   * Group stories with country names compared across scripts (the clusterer's `places`: "Niger",
   * «النيجر» and «نیجر» are one place). Off by default: it helps headline-only desks (news
   * sitemaps, feeds without summaries) and costs full-text ones a few wrong joins (docs/desk.md,
   * "Country names across scripts"). Read by the pipeline's story step and re-clustering.
   */
  clusterPlaces: boolean;
  /** Who saved them last (null: never saved, the defaults). */
  updatedBy: string | null;
  updatedAt: number | null;
}

export type DeskSettingsPatch = Partial<Pick<DeskSettings, 'clusterPlaces'>>;

/** The source settings a desk form shows (headers are write-only, never shown). */
export type ShownSourceSettings = Partial<Pick<DeskSourceSettings, 'allowPrivate'>>;

/** The settings of a desk that never saved any. */
export const DEFAULT_DESK_SETTINGS: DeskSettings = { clusterPlaces: false, updatedBy: null, updatedAt: null };

export interface DeskRepo {
  /** The desk-wide settings (the defaults until first saved). */
  deskSettings(): Promise<DeskSettings>;
  /**
   * Saves desk-wide settings; fields absent from the patch keep their value. With `shown` (a desk
   * form's save, domain/shown-check.ts), a field whose stored value is no longer the shown one is
   * not written and is named in `refused` (present only with `shown`), checked and written in one
   * transaction; when every field is refused nothing is written (not even who saved).
   */
  setDeskSettings(
    patch: DeskSettingsPatch,
    by: string,
    now?: number,
    shown?: DeskSettingsPatch,
  ): Promise<DeskSettings & { refused?: (keyof DeskSettingsPatch)[] }>;

  sourceSettings(sourceId: number): Promise<DeskSourceSettings | undefined>;
  /** Settings of every source that has any, by source id (the health table). */
  allSourceSettings(): Promise<Map<number, DeskSourceSettings>>;
  /**
   * Creates or updates a source's settings; fields absent from the patch keep their value. With
   * `shown`, as setDeskSettings: the permission is written only when still the shown one.
   */
  setSourceSettings(
    sourceId: number,
    patch: DeskSourcePatch,
    now?: number,
    shown?: ShownSourceSettings,
  ): Promise<DeskSourceSettings & { refused?: (keyof ShownSourceSettings)[] }>;

  listTopics(): Promise<DeskTopic[]>;
  getTopic(id: string): Promise<DeskTopic | undefined>;
  /**
   * Saves a topic. With `expectedVersion`, the save happens only when the stored version is that
   * one (0: the topic must not exist yet); otherwise `conflict` carries the stored one.
   */
  saveTopic(
    input: DeskTopicInput,
    expectedVersion?: number,
    now?: number,
  ): Promise<{ topic: DeskTopic } | { conflict: DeskTopic | undefined }>;
  removeTopic(id: string): Promise<boolean>;

  rejectName(topicId: string, name: string, by: string, now?: number): Promise<void>;
  rejectedNames(topicId: string): Promise<RejectedName[]>;
}
