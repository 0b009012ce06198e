// Alert settings live in the topic definition, beside its names:
//
//   alerts:
//     webhook: { url: https://hooks.example/newsdesk, secret: "…" }   # or secretEnv: HOOK_SECRET
//     email:   { to: [desk@example.org], every: daily, hour: 7 }     # every: hourly | daily (hour in UTC)
//     maxAgeHours: 72
//
// Parsed here from the raw topic objects (the matcher ignores them), so a bad alert setting names
// the topic and the field, and never stops the topic itself from matching.
import { parse as parseYaml } from 'yaml';

export type DigestEvery = 'hourly' | 'daily';

export interface WebhookAlert {
  url: string;
  secret: string;
}

export interface EmailAlert {
  to: string[];
  every: DigestEvery;
  /** UTC hour a daily digest goes out. */
  hour: number;
}

export interface TopicAlerts {
  topicId: string;
  topicName: string;
  webhook?: WebhookAlert;
  email?: EmailAlert;
  /**
   * Entries published longer ago than this raise no alert when first stored (a new source's back
   * catalogue is history, not news).
   */
  maxAgeHours: number;
}

export interface AlertConfigResult {
  /** By topic id; only topics with at least one channel. */
  alerts: Map<string, TopicAlerts>;
  /** One line per problem: "topic mek: alerts.webhook.url: …". Those channels are left off. */
  problems: string[];
}

export const DEFAULT_MAX_AGE_HOURS = 72;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** Reads the `alerts` part of each raw topic object ({id, name, alerts, …}). */
export function parseTopicAlerts(topics: readonly unknown[], env: NodeJS.ProcessEnv = process.env): AlertConfigResult {
  const alerts = new Map<string, TopicAlerts>();
  const problems: string[] = [];
  for (const t of topics) {
    if (!isRecord(t) || typeof t.id !== 'string' || t.alerts === undefined || t.alerts === null) continue;
    const id = t.id;
    const at = (field: string, msg: string): void => {
      problems.push(`topic ${id}: alerts${field}: ${msg}`);
    };
    const raw = t.alerts;
    if (!isRecord(raw)) {
      at('', 'must be a mapping with webhook and/or email');
      continue;
    }
    const out: TopicAlerts = {
      topicId: id,
      topicName: typeof t.name === 'string' && t.name.trim() ? t.name.trim() : id,
      maxAgeHours: DEFAULT_MAX_AGE_HOURS,
    };
    if (raw.maxAgeHours !== undefined) {
      const n = raw.maxAgeHours;
      if (typeof n === 'number' && Number.isFinite(n) && n > 0) out.maxAgeHours = n;
      else at('.maxAgeHours', `${JSON.stringify(n)} is not a positive number of hours`);
    }
    if (raw.webhook !== undefined) {
      const w = parseWebhook(raw.webhook, env, (f, m) => at(`.webhook${f}`, m));
      if (w) out.webhook = w;
    }
    if (raw.email !== undefined) {
      const e = parseEmail(raw.email, (f, m) => at(`.email${f}`, m));
      if (e) out.email = e;
    }
    for (const k of Object.keys(raw)) {
      if (!['webhook', 'email', 'maxAgeHours'].includes(k)) at(`.${k}`, 'unknown setting (known: webhook, email, maxAgeHours)');
    }
    if (out.webhook || out.email) alerts.set(id, out);
  }
  return { alerts, problems };
}

function parseWebhook(raw: unknown, env: NodeJS.ProcessEnv, fail: (field: string, msg: string) => void): WebhookAlert | undefined {
  if (typeof raw === 'string') raw = { url: raw };
  if (!isRecord(raw)) return (fail('', 'must be a mapping {url, secret}'), undefined);
  let url: URL;
  try {
    url = new URL(String(raw.url ?? ''));
  } catch {
    return (fail('.url', `${JSON.stringify(raw.url)} is not a full URL such as https://hooks.example/newsdesk`), undefined);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return (fail('.url', `${url.protocol} is not http or https`), undefined);
  let secret: string | undefined;
  if (typeof raw.secret === 'string' && raw.secret !== '') secret = raw.secret;
  else if (typeof raw.secretEnv === 'string') {
    secret = env[raw.secretEnv];
    if (!secret) return (fail('.secretEnv', `environment variable ${raw.secretEnv} is not set`), undefined);
  }
  if (!secret) {
    return (fail('', 'needs a secret (or secretEnv: NAME) to sign its requests, so the receiver can tell them from forgeries'), undefined);
  }
  if (secret.length < 16) return (fail('.secret', 'is shorter than 16 characters; use a long random string'), undefined);
  return { url: url.href, secret };
}

function parseEmail(raw: unknown, fail: (field: string, msg: string) => void): EmailAlert | undefined {
  if (!isRecord(raw)) return (fail('', 'must be a mapping {to, every}'), undefined);
  const list = typeof raw.to === 'string' ? raw.to.split(',') : Array.isArray(raw.to) ? raw.to : [];
  const to = list
    .filter((x): x is string => typeof x === 'string')
    .map((s) => s.trim())
    .filter(Boolean);
  if (to.length === 0) return (fail('.to', 'give at least one address'), undefined);
  const bad = to.filter((a) => !EMAIL.test(a));
  if (bad.length) return (fail('.to', `not an e-mail address: ${bad.join(', ')}`), undefined);
  const every = raw.every ?? 'daily';
  if (every !== 'hourly' && every !== 'daily') return (fail('.every', `${JSON.stringify(every)} is not hourly or daily`), undefined);
  let hour = 0;
  if (raw.hour !== undefined) {
    if (typeof raw.hour !== 'number' || !Number.isInteger(raw.hour) || raw.hour < 0 || raw.hour > 23) {
      return (fail('.hour', `${JSON.stringify(raw.hour)} is not a whole hour from 0 to 23 (UTC)`), undefined);
    }
    hour = raw.hour;
  }
  return { to, every, hour };
}

/**
 * The raw topic objects of a topics file (a list, or {topics: [...]}), as written: what alert
 * settings are read from and what the store keeps as the definition. Empty when the text is not
 * a valid topics document (the topics loader reports why).
 */
export function rawTopicObjects(source: string): unknown[] {
  let root: unknown;
  try {
    root = parseYaml(source);
  } catch {
    return [];
  }
  const list = Array.isArray(root) ? root : isRecord(root) ? root.topics : undefined;
  return Array.isArray(list) ? (list as unknown[]) : [];
}
