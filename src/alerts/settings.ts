// Alert settings ready to deliver: the topics reader's alert settings (src/topics/alerts.ts) with
// each webhook secret resolved to its value — from the environment (secretEnv), from a file
// (secretFile, as Docker and systemd pass secrets) or as written inline. Resolved whenever topics
// are loaded, so a rotated secret file or variable takes effect on the next reload.
//
// A secret that cannot be resolved does not cancel anything: its deliveries wait in the outbox
// (the worker records why) until the secret is there. Problems never include a secret's value.
import { readSecretText, secretFileProblem } from '../config/secret.js';
import type { Store } from '../store/store.js';
import type { EmailSettings } from '../topics/alerts.js';
import { parseTopicsValue, type TopicDefinition } from '../topics/definition.js';
import { MIN_SECRET_LENGTH, Secret, type SecretSource } from '../topics/secret.js';

export type { DigestEvery, EmailSettings } from '../topics/alerts.js';

/** A webhook with its secret, or, when the secret cannot be had here, why not. */
export type WebhookTarget = { url: string; secret: Secret } | { url: string; secret?: undefined; missing: string };

export interface TopicAlerts {
  topicId: string;
  topicName: string;
  webhook?: WebhookTarget;
  email?: EmailSettings;
  maxAgeHours: number;
}

export interface AlertConfigResult {
  /** By topic id; only topics with at least one channel. */
  alerts: Map<string, TopicAlerts>;
  /** One line per problem: "topic mek: alerts.webhook.secretEnv: …". */
  problems: string[];
}

export interface SecretIo {
  env: NodeJS.ProcessEnv;
  /** Reads a secretFile (a path relative to the working directory, like every path option). */
  readFile: (path: string) => string;
}

const withDefaults = (io: Partial<SecretIo>): SecretIo => ({
  env: io.env ?? process.env,
  readFile: io.readFile ?? readSecretText,
});

/** Resolves the webhook secrets of checked topics. */
export function resolveAlerts(topics: readonly TopicDefinition[], given: Partial<SecretIo> = {}): AlertConfigResult {
  const io = withDefaults(given);
  const alerts = new Map<string, TopicAlerts>();
  const problems: string[] = [];
  for (const t of topics) {
    if (!t.alerts) continue;
    const out: TopicAlerts = { topicId: t.id, topicName: t.name, maxAgeHours: t.alerts.maxAgeHours };
    if (t.alerts.email) out.email = t.alerts.email;
    const w = t.alerts.webhook;
    if (w) {
      const r = resolveSecret(w.secret, io);
      if (typeof r === 'string') {
        problems.push(`topic ${t.id}: alerts.webhook.${r}; its webhook deliveries wait in the outbox until it is`);
        out.webhook = { url: w.url, missing: `the webhook secret is not available: ${r}` };
      } else out.webhook = { url: w.url, secret: r };
    }
    alerts.set(t.id, out);
  }
  return { alerts, problems };
}

/** The secret, or what is wrong ("field: reason"). */
function resolveSecret(s: SecretSource, io: SecretIo): Secret | string {
  switch (s.from) {
    case 'inline':
      return s.secret;
    case 'withheld':
      return 'secret: was written inline in the topics file, and inline secrets are not stored in the database; run with the topics file (topicsFile, NEWSDESK_TOPICS) or give it as secretEnv or secretFile';
    case 'env': {
      const v = io.env[s.name];
      if (!v) return `secretEnv: environment variable ${s.name} is not set`;
      return long(v.trim(), `secretEnv: environment variable ${s.name}`);
    }
    case 'file': {
      let v: string;
      try {
        v = io.readFile(s.path);
      } catch (err) {
        return `secretFile: cannot read ${s.path}: ${secretFileProblem(err)}`;
      }
      // Secret files usually end with a newline (echo, editors); it is not part of the secret.
      return long(v.trim(), `secretFile: ${s.path}`);
    }
  }
}

function long(v: string, what: string): Secret | string {
  return v.length >= MIN_SECRET_LENGTH
    ? new Secret(v)
    : `${what} holds fewer than ${MIN_SECRET_LENGTH} characters; use a long random string`;
}

/**
 * Alert settings of the topics the store holds, for a process that has no topics file (`newsdesk
 * alerts run`, a server started without one). Inline secrets are not stored: see stored.ts.
 */
export async function storedAlertSettings(store: Pick<Store, 'topics'>, io: Partial<SecretIo> = {}): Promise<AlertConfigResult> {
  const defs = await store.topics.listDefinitions();
  const topics: TopicDefinition[] = [];
  const problems: string[] = [];
  for (const d of defs) {
    // One at a time: a definition that no longer checks (written by hand) costs only its own alerts.
    const parsed = parseTopicsValue([d.definition]);
    if (parsed.ok) topics.push(...parsed.topics);
    else
      problems.push(
        `topic ${d.id}: the stored definition does not check (${parsed.errors[0]?.message}); store the topics file again with newsdesk retag`,
      );
  }
  const r = resolveAlerts(topics, io);
  return { alerts: r.alerts, problems: [...problems, ...r.problems] };
}
