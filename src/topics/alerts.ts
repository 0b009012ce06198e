// The `alerts` part of a topic, beside its names in the topics file:
//
//   alerts:
//     webhook: { url: https://hooks.example/newsdesk, secretEnv: MEK_HOOK_SECRET }
//              # or secretFile: /run/secrets/mek_hook (Docker/systemd), or secret: "<16+ characters>"
//     email:   { to: [desk@example.org], every: daily, hour: 7 }   # every: hourly | daily (hour in UTC)
//     maxAgeHours: 72
//
// Read leniently, each channel on its own: a bad alert setting is a warning that turns that
// channel off and names the field, and never stops the topic itself from matching. Messages never
// repeat a secret, an address or a URL (its file:line:col says where it is): they go to logs.
// Resolving secretEnv / secretFile to a value is done where alerts are delivered (src/alerts).
import { z } from 'zod';
import { decideAddress, parseAddress } from '../domain/address-guard.js';
import { decodeAlertProblem, encodeAlertProblem as p, issueEnglish as alertEnglish, type TopicIssue } from './issues.js';
import { MIN_SECRET_LENGTH, Secret, WITHHELD_SECRET, type SecretSource } from './secret.js';

export type DigestEvery = 'hourly' | 'daily';

export interface WebhookSettings {
  /** http(s) URL, normalised. */
  url: string;
  secret: SecretSource;
}

export interface EmailSettings {
  to: string[];
  every: DigestEvery;
  /** UTC hour a daily digest goes out. */
  hour: number;
}

export interface AlertSettings {
  webhook?: WebhookSettings;
  email?: EmailSettings;
  /**
   * Entries published longer ago than this raise no alert when first stored (a new source's back
   * catalogue is history, not news).
   */
  maxAgeHours: number;
}

export const DEFAULT_MAX_AGE_HOURS = 72;

/** A problem in a topic's alerts, at a path below its `alerts` key. */
export interface AlertProblem {
  path: (string | number)[];
  /** In English (logs, the CLI). */
  message: string;
  /** The same as a topic issue (key and parameters), for the desk. */
  issue: TopicIssue;
}

/** The value as the problem quotes it. */
const quoted = (input: unknown): string => JSON.stringify(input);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

const httpUrl = z.string({ error: p('urlNotText') }).transform((s, ctx) => {
  let url: URL;
  try {
    url = new URL(s.trim());
  } catch {
    ctx.addIssue({ code: 'custom', message: p('urlInvalid') });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: p('urlScheme', { scheme: url.protocol }) });
    return z.NEVER;
  }
  return url.href;
});

/** The keys of a webhook, in the order they are documented; unknown ones are warnings. */
export const WebhookObject = z.object(
  {
    url: httpUrl,
    secret: z.string({ error: p('secretNotText') }).optional(),
    secretEnv: z
      .string({ error: p('secretEnvName') })
      .regex(ENV_NAME, p('secretEnvPattern'))
      .optional(),
    secretFile: z
      .string({ error: p('secretFilePath') })
      .trim()
      .min(1, p('secretFilePath'))
      .optional(),
  },
  { error: p('webhookNotMapping') },
);

const WebhookSchema = z.preprocess(
  // `webhook: https://…` alone is a URL without a secret: said below, at the webhook.
  (v) => (typeof v === 'string' ? { url: v } : v),
  WebhookObject.transform((w, ctx): WebhookSettings => {
    const given = (['secret', 'secretEnv', 'secretFile'] as const).filter((k) => w[k] !== undefined);
    const [first, second] = given;
    if (first === undefined) {
      ctx.addIssue({ code: 'custom', message: p('secretMissing') });
      return z.NEVER;
    }
    if (second !== undefined) {
      ctx.addIssue({ code: 'custom', path: [second], message: p('secretTwice', { given: given.join(' and ') }) });
      return z.NEVER;
    }
    let secret: SecretSource;
    if (first === 'secretEnv') secret = { from: 'env', name: w.secretEnv ?? '' };
    else if (first === 'secretFile') secret = { from: 'file', path: w.secretFile ?? '' };
    else if (w.secret === WITHHELD_SECRET) secret = { from: 'withheld' };
    else if ((w.secret ?? '').length < MIN_SECRET_LENGTH) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: p('secretShort', { min: MIN_SECRET_LENGTH }) });
      return z.NEVER;
    } else secret = { from: 'inline', secret: new Secret(w.secret ?? '') };
    return { url: w.url, secret };
  }),
);

const addresses = z
  .union([z.string(), z.array(z.string({ error: p('addressNotText') }))], { error: p('addressesNotList') })
  .transform((v, ctx) => {
    const list = typeof v === 'string' ? v.split(',') : v;
    const to: string[] = [];
    list.forEach((raw, i) => {
      const a = raw.trim();
      if (a === '') return;
      if (EMAIL.test(a)) to.push(a);
      // The address is not repeated: this message is logged, and the position says which one.
      else ctx.addIssue({ code: 'custom', path: typeof v === 'string' ? [] : [i], message: p('addressInvalid') });
    });
    if (to.length === 0 && list.every((a) => a.trim() === '')) ctx.addIssue({ code: 'custom', message: p('addressNone') });
    return to;
  });

export const EmailObject = z.object(
  {
    to: addresses,
    every: z.enum(['hourly', 'daily'], { error: (iss) => p('every', { input: quoted(iss.input) }) }).default('daily'),
    hour: z
      .number({ error: (iss) => p('hour', { input: quoted(iss.input) }) })
      .int({ error: (iss) => p('hour', { input: quoted(iss.input) }) })
      .min(0, p('hourRange'))
      .max(23, p('hourRange'))
      .default(0),
  },
  { error: p('emailNotMapping') },
);

const maxAgeHours = z
  .number({ error: (iss) => p('maxAge', { input: quoted(iss.input) }) })
  .positive({ error: (iss) => p('maxAge', { input: quoted(iss.input) }) })
  .finite();

/** The keys of `alerts`; each channel is read on its own, so one bad channel leaves the other on. */
export const AlertsObject = z.object(
  { webhook: z.unknown().optional(), email: z.unknown().optional(), maxAgeHours: z.unknown().optional() },
  { error: p('notMapping') },
);

/**
 * Reads a topic's `alerts` value. `settings` is undefined when no channel is usable; `problems`
 * say what was left off and where (paths below `alerts`), and warn of a webhook written with a
 * private address, which stays on (only the operator's alertAllowHosts can open it).
 */
export function parseAlertSettings(raw: unknown, topicId: string): { settings: AlertSettings | undefined; problems: AlertProblem[] } {
  const problems: AlertProblem[] = [];
  /** One problem: the schema's message (a marked kind), and what follows from it. */
  const problem = (
    path: AlertProblem['path'],
    message: string | undefined,
    key: 'alerts.off' | 'alerts.channelOff' | 'alerts.maxAgeDefault' | 'alerts.webhookPrivate',
    more: Record<string, string | number>,
  ): void => {
    const { kind, params } = decodeAlertProblem(message);
    const issue: TopicIssue = { key, params: { ...params, ...more, problem: kind, topic: topicId } };
    problems.push({ path, message: alertEnglish(issue), issue });
  };
  if (raw === undefined || raw === null) return { settings: undefined, problems };
  const top = AlertsObject.safeParse(raw);
  if (!top.success) {
    problem([], top.error.issues[0]?.message, 'alerts.off', {});
    return { settings: undefined, problems };
  }
  const a = top.data;
  const out: AlertSettings = { maxAgeHours: DEFAULT_MAX_AGE_HOURS };
  const channel = <T>(key: 'webhook' | 'email', schema: z.ZodType<T>): T | undefined => {
    if (a[key] === undefined || a[key] === null) return undefined;
    const r = schema.safeParse(a[key]);
    if (r.success) return r.data;
    for (const i of r.error.issues)
      problem([key, ...i.path.map((x) => (typeof x === 'number' ? x : String(x)))], i.message, 'alerts.channelOff', { channel: key });
    return undefined;
  };
  const webhook = channel('webhook', WebhookSchema);
  if (webhook) out.webhook = webhook;
  // Kept on (the operator may have listed the address), but said: a webhook is refused a private
  // address unless alertAllowHosts names it, whatever the fetcher's allowHosts lets feeds reach.
  if (webhook && writtenPrivate(webhook.url)) problem(['webhook', 'url'], undefined, 'alerts.webhookPrivate', {});
  const email = channel('email', EmailObject);
  if (email) out.email = email;
  if (a.maxAgeHours !== undefined && a.maxAgeHours !== null) {
    const m = maxAgeHours.safeParse(a.maxAgeHours);
    if (m.success) out.maxAgeHours = m.data;
    else {
      problem(['maxAgeHours'], m.error.issues[0]?.message, 'alerts.maxAgeDefault', { hours: DEFAULT_MAX_AGE_HOURS });
    }
  }
  return { settings: out.webhook || out.email ? out : undefined, problems };
}

/**
 * Whether a webhook URL names its host by an address the webhooks' address guard refuses when no
 * allow list opens it (loopback, private, link-local, IPv4 carried in any IPv6 form, non-global
 * IPv6), or as localhost, a trailing dot included. The guard itself decides, so this warning and
 * the refusal at delivery cannot disagree. Only what is written: a name that resolves to such an
 * address is found when the webhook is posted (the delivery log says so).
 */
function writtenPrivate(url: string): boolean {
  const host = new URL(url).hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const addr = parseAddress(host);
  return addr !== undefined && !decideAddress(addr.toString(), NOTHING_LISTED).allowed;
}

const NOTHING_LISTED = { cidrs: [], hosts: [] };
