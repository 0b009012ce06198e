// Child process for the kill -9 test: polls the store file given on the command line once.
// Usage: node poll-child.js DB_PATH LEASE_MS
import { pino } from 'pino';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { testConfig } from './harness.js';

const [dbPath, leaseMs] = process.argv.slice(2);
if (!dbPath || !leaseMs) {
  process.stderr.write('usage: poll-child DB_PATH LEASE_MS\n');
  process.exit(2);
}
const config = testConfig(dbPath, { workers: 4, perHostConcurrency: 4, totalTimeoutMs: 60_000 });
const store = await SqliteStore.open({ path: dbPath });
const scheduler = new Scheduler({ store, config, log: pino({ level: 'silent' }), leaseMs: Number(leaseMs), owner: 'child' });
process.stdout.write('polling\n');
const summary = await scheduler.pollOnce();
process.stdout.write(`${JSON.stringify(summary)}\n`);
await scheduler.close();
await store.close();
