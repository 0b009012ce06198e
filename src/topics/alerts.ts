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
  message: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

const httpUrl = z.string({ error: 'must be a full URL such as https://hooks.example/newsdesk' }).transform((s, ctx) => {
  let url: URL;
  try {
    url = new URL(s.trim());
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a full URL such as https://hooks.example/newsdesk' });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: `${url.protocol} is not http or https` });
    return z.NEVER;
  }
  return url.href;
});

/** The keys of a webhook, in the order they are documented; unknown ones are warnings. */
export const WebhookObject = z.object(
  {
    url: httpUrl,
    secret: z.string({ error: 'must be text (put it in quotes)' }).optional(),
    secretEnv: z
      .string({ error: 'must be the name of an environment variable' })
      .regex(ENV_NAME, 'must be the name of an environment variable, like MEK_HOOK_SECRET')
      .optional(),
    secretFile: z.string({ error: 'must be a file path' }).trim().min(1, 'must be a file path').optional(),
  },
  { error: 'must be a mapping {url, secretEnv} (or secretFile, or secret)' },
);

const WebhookSchema = z.preprocess(
  // `webhook: https://…` alone is a URL without a secret: said below, at the webhook.
  (v) => (typeof v === 'string' ? { url: v } : v),
  WebhookObject.transform((w, ctx): WebhookSettings => {
    const given = (['secret', 'secretEnv', 'secretFile'] as const).filter((k) => w[k] !== undefined);
    const [first, second] = given;
    if (first === undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'needs a secret to sign its requests, so the receiver can tell them from forgeries: give secretEnv: NAME (an environment variable), secretFile: PATH (a file, as Docker and systemd pass secrets) or secret: "<16 or more random characters>"',
      });
      return z.NEVER;
    }
    if (second !== undefined) {
      ctx.addIssue({ code: 'custom', path: [second], message: `give one of secret, secretEnv and secretFile, not ${given.join(' and ')}` });
      return z.NEVER;
    }
    let secret: SecretSource;
    if (first === 'secretEnv') secret = { from: 'env', name: w.secretEnv ?? '' };
    else if (first === 'secretFile') secret = { from: 'file', path: w.secretFile ?? '' };
    else if (w.secret === WITHHELD_SECRET) secret = { from: 'withheld' };
    else if ((w.secret ?? '').length < MIN_SECRET_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: `is shorter than ${MIN_SECRET_LENGTH} characters; use a long random string (openssl rand -hex 32)`,
      });
      return z.NEVER;
    } else secret = { from: 'inline', secret: new Secret(w.secret ?? '') };
    return { url: w.url, secret };
  }),
);

const addresses = z
  .union([z.string(), z.array(z.string({ error: 'must be an e-mail address' }))], {
    error: 'must be an address or a list of addresses',
  })
  .transform((v, ctx) => {
    const list = typeof v === 'string' ? v.split(',') : v;
    const to: string[] = [];
    list.forEach((raw, i) => {
      const a = raw.trim();
      if (a === '') return;
      if (EMAIL.test(a)) to.push(a);
      // The address is not repeated: this message is logged, and the position says which one.
      else ctx.addIssue({ code: 'custom', path: typeof v === 'string' ? [] : [i], message: 'is not an e-mail address (name@domain)' });
    });
    if (to.length === 0 && list.every((a) => a.trim() === '')) ctx.addIssue({ code: 'custom', message: 'give at least one address' });
    return to;
  });

export const EmailObject = z.object(
  {
    to: addresses,
    every: z.enum(['hourly', 'daily'], { error: (iss) => `${JSON.stringify(iss.input)} is not hourly or daily` }).default('daily'),
    hour: z
      .number({ error: (iss) => `${JSON.stringify(iss.input)} is not a whole hour from 0 to 23 (UTC)` })
      .int({ error: (iss) => `${JSON.stringify(iss.input)} is not a whole hour from 0 to 23 (UTC)` })
      .min(0, 'is not a whole hour from 0 to 23 (UTC)')
      .max(23, 'is not a whole hour from 0 to 23 (UTC)')
      .default(0),
  },
  { error: 'must be a mapping {to, every, hour}' },
);

const maxAgeHours = z
  .number({ error: (iss) => `${JSON.stringify(iss.input)} is not a positive number of hours` })
  .positive({ error: (iss) => `${JSON.stringify(iss.input)} is not a positive number of hours` })
  .finite();

/** The keys of `alerts`; each channel is read on its own, so one bad channel leaves the other on. */
export const AlertsObject = z.object(
  { webhook: z.unknown().optional(), email: z.unknown().optional(), maxAgeHours: z.unknown().optional() },
  { error: 'must be a mapping with webhook and/or email' },
);

/**
 * Reads a topic's `alerts` value. `settings` is undefined when no channel is usable; `problems`
 * say what was left off and where (paths below `alerts`).
 */
export function parseAlertSettings(raw: unknown, topicId: string): { settings: AlertSettings | undefined; problems: AlertProblem[] } {
  const problems: AlertProblem[] = [];
  if (raw === undefined || raw === null) return { settings: undefined, problems };
  const top = AlertsObject.safeParse(raw);
  if (!top.success) {
    problems.push({ path: [], message: `${top.error.issues[0]?.message}; the alerts of topic "${topicId}" are off` });
    return { settings: undefined, problems };
  }
  const a = top.data;
  const out: AlertSettings = { maxAgeHours: DEFAULT_MAX_AGE_HOURS };
  const channel = <T>(key: 'webhook' | 'email', schema: z.ZodType<T>): T | undefined => {
    if (a[key] === undefined || a[key] === null) return undefined;
    const r = schema.safeParse(a[key]);
    if (r.success) return r.data;
    for (const i of r.error.issues) {
      problems.push({
        path: [key, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        message: `${i.message}; the ${key} alert of topic "${topicId}" is off`,
      });
    }
    return undefined;
  };
  const webhook = channel('webhook', WebhookSchema);
  if (webhook) out.webhook = webhook;
  const email = channel('email', EmailObject);
  if (email) out.email = email;
  if (a.maxAgeHours !== undefined && a.maxAgeHours !== null) {
    const m = maxAgeHours.safeParse(a.maxAgeHours);
    if (m.success) out.maxAgeHours = m.data;
    else {
      problems.push({
        path: ['maxAgeHours'],
        message: `${m.error.issues[0]?.message}; topic "${topicId}" uses the default of ${DEFAULT_MAX_AGE_HOURS} hours`,
      });
    }
  }
  return { settings: out.webhook || out.email ? out : undefined, problems };
}
