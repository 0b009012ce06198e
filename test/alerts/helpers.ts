// Shared by the alert and topic-store tests: a store on a temporary file, entries, and a matcher
// compiled from a topics document written here.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAlerts, type TopicAlerts } from '../../src/alerts/settings.js';
import { GuardedWebhookPoster } from '../../src/alerts/webhook.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { parseTopics, type TopicDefinition } from '../../src/topics/definition.js';
import { compileTopics, type TopicMatcher } from '../../src/topics/matcher.js';

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'newsdesk-alerts-')), 'test.db');
}

export async function openStore(path = tempDbPath()): Promise<SqliteStore> {
  return SqliteStore.open({ path });
}

export { addEntries, newEntry } from '../helpers/entries.js';

export interface CompiledTopics {
  parsed: TopicDefinition[];
  raw: unknown[];
  matcher: TopicMatcher;
  /** Their alert settings, secrets resolved, as the topics runtime hands them to the worker. */
  alerts: Map<string, TopicAlerts>;
}

/** Topics from raw objects (as a topics.json would hold them), compiled with the real matcher. */
export function compile(raw: unknown[]): CompiledTopics {
  const res = parseTopics(JSON.stringify({ topics: raw }));
  if (!res.ok) throw new Error(`bad test topics: ${JSON.stringify(res.errors)}`);
  return { parsed: res.topics, raw, matcher: compileTopics(res.topics), alerts: resolveAlerts(res.topics).alerts };
}

export const MEK = {
  id: 'mek',
  name: "People's Mojahedin Organization of Iran",
  entities: [
    {
      name: 'Mojahedin-e Khalq',
      aliases: ["People's Mojahedin Organization of Iran"],
      acronyms: ['MEK', 'PMOI'],
      context: ['Iran', 'Rajavi'],
    },
  ],
};

export const SOLAR = {
  id: 'solar',
  name: 'Solar power',
  entities: [{ name: 'solar power', aliases: ['photovoltaic', 'solar panels'] }],
};

/** A poster as the server builds one, allowed to reach test receivers on 127.0.0.1. */
export function testPoster(): GuardedWebhookPoster {
  return new GuardedWebhookPoster({
    userAgent: 'newsdesk-test',
    connectTimeoutMs: 2000,
    totalTimeoutMs: 5000,
    alertAllowHosts: ['127.0.0.1'],
  });
}

/** A webhook receiver on 127.0.0.1 that answers 200 and keeps each body posted to it, with a poster to reach it. */
export interface RecordingHook {
  bodies: string[];
  url: string;
  poster: GuardedWebhookPoster;
  close(): Promise<void>;
}

export async function recordingHook(): Promise<RecordingHook> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const poster = testPoster();
  return {
    bodies,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    poster,
    async close() {
      await poster.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A recording webhook receiver for the tests of one describe block: opened before them and closed
 * after them. Read its fields inside a test (they exist once the block's `before` has run).
 */
export function suiteHook(): Omit<RecordingHook, 'close'> {
  let hook: RecordingHook | undefined;
  before(async () => {
    hook = await recordingHook();
  });
  after(() => hook?.close());
  const open = (): RecordingHook => {
    if (hook === undefined) throw new Error('suiteHook() read outside a test of its describe block');
    return hook;
  };
  return {
    get bodies() {
      return open().bodies;
    },
    get url() {
      return open().url;
    },
    get poster() {
      return open().poster;
    },
  };
}
