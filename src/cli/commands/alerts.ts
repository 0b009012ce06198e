// `newsdesk alerts …`: the alert outbox — what is queued, what was sent, retrying, delivering.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import { stopRequested, untilStopRequested } from '../stop-signal.js';

const usage = `
Usage: newsdesk alerts status [--topic ID] [--db PATH]
       newsdesk alerts log    [--topic ID] [--limit N] [--json] [--db PATH]
       newsdesk alerts retry  [--topic ID] [--db PATH]
       newsdesk alerts run    [--once] [--topics FILE] [--db PATH]

Alerts are set per topic in the topics file (see docs/topics.md):
  alerts:
    webhook: {url: https://hooks.example/newsdesk, secretEnv: MEK_HOOK_SECRET}   # or secretFile: PATH
    email:   {to: [desk@example.org], every: hourly | daily, hour: 7}

Each new entry that matches a topic queues one delivery per channel; a delivery is never sent
twice. Failed deliveries are retried with growing delays (30 s up to 6 h, for about two days),
then marked failed; they stay listed, and "retry" queues them again.

  status   deliveries per state, the next one due, and the latest attempts
  log      the delivery log, newest first (--json: one JSON object per line)
  retry    queue failed deliveries again, due now
  run      deliver what is due (--once: what is due now, then exit; else keep going until Ctrl-C).
           Alert settings come from the topics file (--topics, or the topicsFile option) when
           given, else from the stored topics, which keep no inline secret (use secretEnv or
           secretFile there).

E-mail needs smtpUrl (NEWSDESK_SMTP_URL) and mailFrom (NEWSDESK_MAIL_FROM). Webhook requests are
signed: X-Newsdesk-Signature: sha256=HMAC_SHA256(secret, "<X-Newsdesk-Timestamp>.<body>").
`;

interface Args {
  sub: 'status' | 'log' | 'retry' | 'run';
  topic?: string | undefined;
  db?: string | undefined;
  limit: number;
  json: boolean;
  once: boolean;
  topics?: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const [sub, ...rest] = argv;
  if (sub !== 'status' && sub !== 'log' && sub !== 'retry' && sub !== 'run') {
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'give a subcommand: status, log, retry or run');
  }
  const args: Args = { sub, limit: 20, json: false, once: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--topic') args.topic = value();
    else if (a === '--db') args.db = value();
    else if (a === '--topics') args.topics = value();
    else if (a === '--json') args.json = true;
    else if (a === '--once') args.once = true;
    else if (a === '--limit') {
      args.limit = Number(value());
      if (!Number.isInteger(args.limit) || args.limit < 1) throw new UsageError('--limit must be a positive whole number');
    } else throw new UsageError(`unexpected argument ${a}`);
  }
  return args;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export default {
  summary: 'Alert outbox: status, delivery log, retry failed deliveries, run the worker',
  usage,
  async run(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    const [{ openStore }, { shownTarget, maskAddressesIn }] = await Promise.all([
      import('../../store/index.js'),
      import('../../alerts/redact.js'),
    ]);
    const config = await configWithDb(args.db);
    const store = await openStore(config);
    const out = (s: string): boolean => process.stdout.write(`${s}\n`);
    try {
      if (args.sub === 'status') {
        const stats = await store.alerts.stats(args.topic);
        out(
          Object.entries(stats)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
        );
        const next = await store.alerts.nextDueAt();
        out(`next due: ${next === undefined ? 'nothing queued' : iso(next)}`);
        for (const l of await store.alerts.log({ topicId: args.topic, limit: Math.min(args.limit, 10) })) {
          out(
            `${iso(l.attemptedAt)} ${l.ok ? 'ok  ' : 'FAIL'} ${l.topicId} ${l.channel} ${l.deliveryIds.length} entr${l.deliveryIds.length === 1 ? 'y' : 'ies'} → ${shownTarget(l.target)}${l.error ? `: ${maskAddressesIn(l.error)}` : ''}`,
          );
        }
        return 0;
      }
      if (args.sub === 'log') {
        for (const l of await store.alerts.log({ topicId: args.topic, limit: args.limit })) {
          if (args.json) {
            out(
              JSON.stringify({
                ...l,
                target: shownTarget(l.target),
                error: l.error === null ? null : maskAddressesIn(l.error),
                attemptedAt: iso(l.attemptedAt),
              }),
            );
          } else {
            out(
              `${iso(l.attemptedAt)} ${l.ok ? 'ok  ' : 'FAIL'} ${l.topicId} ${l.channel} ${l.statusCode ?? '-'} ${Math.round(l.durationMs)}ms ` +
                `deliveries ${l.deliveryIds.join(',')} → ${shownTarget(l.target)}${l.error ? `: ${maskAddressesIn(l.error)}` : ''}`,
            );
          }
        }
        return 0;
      }
      if (args.sub === 'retry') {
        const n = await store.alerts.requeue(args.topic === undefined ? {} : { topicId: args.topic });
        out(`${n} failed deliver${n === 1 ? 'y' : 'ies'} queued again`);
        return 0;
      }
      const [
        { GuardedWebhookPoster },
        { SmtpMailer },
        { AlertWorker },
        { configureLogging },
        { resolveAlerts },
        { loadTopicsFile },
        { formatTopicError },
      ] = await Promise.all([
        import('../../alerts/webhook.js'),
        import('../../alerts/mailer.js'),
        import('../../alerts/worker.js'),
        import('../../log/logger.js'),
        import('../../alerts/settings.js'),
        import('../../topics/load.js'),
        import('../../topics/definition.js'),
      ]);
      const log = configureLogging(config).child({ module: 'alerts' });
      // With a topics file, its settings (inline secrets included) are used; else the stored ones.
      const file = args.topics ?? config.topicsFile;
      let alerts: ReturnType<typeof resolveAlerts>['alerts'] | undefined;
      if (file) {
        const parsed = await loadTopicsFile(file);
        if (!parsed.ok) {
          for (const e of parsed.errors) process.stderr.write(`newsdesk alerts: ${formatTopicError(e, file)}\n`);
          return 1;
        }
        const resolved = resolveAlerts(parsed.topics);
        for (const p of resolved.problems) process.stderr.write(`newsdesk alerts: warning: ${p}\n`);
        alerts = resolved.alerts;
      }
      const webhook = new GuardedWebhookPoster(config);
      const mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : undefined;
      const settings = alerts;
      const worker = new AlertWorker({
        store,
        webhook,
        mailer,
        baseUrl: config.baseUrl,
        log,
        ...(settings ? { alerts: () => settings } : {}),
      });
      try {
        if (args.once) {
          const s = await worker.runOnce();
          out(`claimed ${s.claimed}: ${s.sent} sent, ${s.retrying} to retry, ${s.failed} failed, ${s.cancelled} cancelled`);
          return s.retrying + s.failed > 0 ? 1 : 0;
        }
        if (stopRequested()) return 0;
        worker.start();
        await untilStopRequested();
        await worker.stop();
        return 0;
      } finally {
        await webhook.close();
        await mailer?.close();
      }
    } finally {
      await store.close();
    }
  },
  // `run` works until stopped; the other subcommands are over in a moment, so a stop asked for
  // meanwhile lets them finish.
  stopsCleanly: true,
} satisfies Command;
