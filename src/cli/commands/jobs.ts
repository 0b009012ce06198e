// `newsdesk jobs list|retry|purge`: the job queue as an operator sees it — what waits, what runs
// where, and what died and why — and the two things to do about it.
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { configWithDb } from '../open-store.js';
import { scanOptions } from '../args.js';
import { termText } from '../terminal-text.js';
import type { Job, JobState } from '../../store/jobs.js';

const usage = `
Usage: newsdesk jobs list [--state queued|running|done|dead] [--kind KIND] [--limit N] [--json] [--db DB]
       newsdesk jobs retry (ID | --all-dead) [--db DB]
       newsdesk jobs purge [--done] [--dead] [--older-than HOURS] [--db DB]

Background work (re-tagging history, digest runs, story re-clustering) is a queue of jobs that
every worker claims with leases. A job that keeps failing ends "dead" with its last error.

  list     newest first, with state, attempts, lease owner and the last error
  retry    puts a dead job (or every dead job) back in the queue with fresh attempts; one
           whose work is already queued or running again (a full-text retry of the same
           entry) stays dead and is named (exit status 1 for a job asked by id)
  purge    deletes finished jobs: --done and/or --dead (default both) finished more than
           --older-than HOURS ago (default 168, a week)

  --db DB  a SQLite file or a postgres:// URL (default: the "database" option, NEWSDESK_DATABASE)
`;

const HOUR_MS = 3_600_000;

const STATES: readonly JobState[] = ['queued', 'running', 'done', 'dead'];

function when(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function line(j: Job): string {
  const lease = j.state === 'running' ? ` lease=${j.leaseOwner ?? '?'} until ${when(j.leaseUntil)}` : '';
  const err = j.lastError ? ` error=${JSON.stringify(j.lastError)}` : '';
  return `${j.id}\t${j.kind}\t${j.state}\tattempts ${j.attempts}/${j.maxAttempts}\trun after ${when(j.runAfter)}${lease}${
    j.leaseExpiries ? ` lease-expiries=${j.leaseExpiries}` : ''
  }${err}`;
}

export default {
  summary: 'List, retry and purge background jobs (dead letters with their reason)',
  usage,
  async run(argv: string[]): Promise<number> {
    let db: string | undefined;
    let state: JobState | undefined;
    let kind: string | undefined;
    let limit = 50;
    let json = false;
    let allDead = false;
    let done = false;
    let dead = false;
    let olderThanHours = 168;
    const need = (name: string, v: string | undefined): string => {
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    const rest = scanOptions(
      argv,
      {
        '--db': (v) => (db = need('--db', v)),
        '--state': (v) => {
          const s = need('--state', v) as JobState;
          if (!STATES.includes(s)) throw new UsageError(`--state is one of ${STATES.join(', ')}`);
          state = s;
        },
        '--kind': (v) => (kind = need('--kind', v)),
        '--limit': (v) => {
          // Digits only: Number() takes "1e30" and "0x10", which are no count an operator types.
          const s = need('--limit', v);
          if (!/^\d{1,9}$/.test(s) || Number(s) < 1)
            throw new UsageError(`--limit takes a whole number from 1 to 999999999 (not "${termText(s)}")`);
          limit = Number(s);
        },
        '--older-than': (v) => {
          // Plain decimal hours, and no more than the milliseconds since 1970 hold: "1e308" hours
          // made the cut-off -Infinity, which PostgreSQL refuses as a bigint.
          const s = need('--older-than', v);
          const hours = Number(s);
          if (!/^\d{1,9}(\.\d{1,6})?$/.test(s) || hours * HOUR_MS > Date.now())
            throw new UsageError(`--older-than takes hours ≥ 0 as a plain number, at most the hours since 1970 (not "${termText(s)}")`);
          olderThanHours = hours;
        },
      },
      {
        // Switches: they take no value (scanOptions refused them as unknown options when they
        // were picked out of the positionals afterwards).
        switches: {
          '--json': () => (json = true),
          '--all-dead': () => (allDead = true),
          '--done': () => (done = true),
          '--dead': () => (dead = true),
        },
      },
    );
    const [verb, ...args] = rest;
    if (verb !== 'list' && verb !== 'retry' && verb !== 'purge') throw new UsageError('say list, retry or purge');
    const { openStore } = await import('../../store/index.js');
    const config = await configWithDb(db);
    const store = await openStore(config, { existing: true });
    try {
      // Due and run-out leases by the store's clock, as the runners judge them.
      const now = await store.clock.now();
      if (verb === 'list') {
        const jobs = await store.jobs.list({ ...(state ? { state } : {}), ...(kind ? { kind } : {}), limit });
        if (json) process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
        else {
          const c = await store.jobs.counts(now);
          process.stdout.write(
            `queued ${c.queued} (due ${c.due}), running ${c.running} (lease run out ${c.expired}), done ${c.done}, dead ${c.dead}\n`,
          );
          for (const j of jobs) process.stdout.write(`${line(j)}\n`);
        }
        return 0;
      }
      if (verb === 'retry') {
        const [given, ...extra] = args;
        if (given === undefined && !allDead) throw new UsageError('retry takes a job id, or --all-dead');
        if (given !== undefined && allDead) throw new UsageError('retry takes a job id or --all-dead, not both');
        if (extra.length) throw new UsageError(`retry takes one job id (not also "${termText(extra.join(' '))}")`);
        // Digits only, within the ids either store hands out: "1e30" passed Number.isInteger and
        // reached PostgreSQL as a bigint it cannot hold.
        if (given !== undefined && (!/^\d{1,15}$/.test(given) || Number(given) < 1))
          throw new UsageError(`"${termText(given)}" is not a job id (a whole number ≥ 1, as "newsdesk jobs list" shows)`);
        const id = given === undefined ? undefined : Number(given);
        const { queued: n, held } = await store.jobs.retry(id, now);
        process.stdout.write(`${n} job${n === 1 ? '' : 's'} queued again\n`);
        // A dead job whose pending key another job holds stays dead: that job does the same work.
        for (const h of held.slice(0, 20))
          process.stderr.write(
            `newsdesk jobs: job ${h.id} left dead: job ${h.heldBy} holds its pending key ${h.pendingKey} and does the same work\n`,
          );
        if (held.length > 20) process.stderr.write(`newsdesk jobs: ${held.length - 20} more left dead for the same reason\n`);
        if (id !== undefined && held.length) return 1;
        if (id !== undefined && n === 0) {
          process.stderr.write(
            `newsdesk jobs: job ${id} is not a dead job (no such job, or it is still queued, running or done); "newsdesk jobs list --state dead" lists the ones retry takes\n`,
          );
          return 1;
        }
        return 0;
      }
      const states: ('done' | 'dead')[] =
        done || dead ? [...(done ? ['done' as const] : []), ...(dead ? ['dead' as const] : [])] : ['done', 'dead'];
      const n = await store.jobs.purge(states, now - Math.round(olderThanHours * HOUR_MS));
      process.stdout.write(`${n} job${n === 1 ? '' : 's'} purged (${states.join(' and ')}, finished over ${olderThanHours} h ago)\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
} satisfies Command;
