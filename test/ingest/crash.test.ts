// kill -9 during a poll: a child process polls a store file while one feed hangs mid-body; it is
// killed with SIGKILL. On restart nothing committed is lost, nothing is duplicated, and the dead
// worker's lease expires so the hanging source is polled again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { DEFAULT_LEASE_MS } from '../../src/jobs/scheduler.js';
import { harness, type Harness } from './harness.js';

const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const childPath = fileURLToPath(new URL(`./poll-child${ext}`, import.meta.url));
// Long enough that a child starved of CPU for a second or two on a loaded CI machine still renews
// in time (renewed every third of it): at 1.5 s the dead child's lease could run out before the
// probe just after the kill, and a live child's between two renewals.
const LEASE_MS = 4000;

function feed(name: string, n: number): string {
  return rssFeed(
    name,
    Array.from({ length: n }, (_, i) => ({ guid: `${name}-${i}`, title: `${name} ${i}`, link: `https://k.example/${name}/${i}` })),
  );
}

async function until(cond: () => Promise<boolean> | boolean, what: string, limitMs = 15_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kill -9 during a poll', () => {
  let srv: FixtureServer | undefined;
  let h: Harness | undefined;
  after(async () => {
    await h?.close();
    await srv?.close();
  });

  it('loses nothing committed, duplicates nothing, and re-polls the interrupted source after its lease', async () => {
    srv = await startFixtureServer();
    for (let i = 0; i < 5; i++) srv.route(`/fast${i}.xml`, { body: feed(`fast${i}`, 3) });
    srv.route('/slow.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>'); // …and never finishes
    });
    h = await harness({ workers: 4, perHostConcurrency: 4 }, { leaseMs: LEASE_MS });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.store.sources.add({ url: `${srv.url}/fast${i}.xml` })).source.id);
    const slowId = (await h.store.sources.add({ url: `${srv.url}/slow.xml` })).source.id;

    const execArgv = ext === '.ts' ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, [...execArgv, childPath, h.dbPath, String(LEASE_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = once(child, 'exit');
    try {
      // Committed means entries and the check's record (status) both written: a kill between the two
      // is another test (the lease covers it), and a loaded machine makes that window wide.
      const recorded = async () => (await Promise.all(ids.map((id) => h!.store.sources.get(id)))).every((s) => s?.status === 'ok');
      await until(
        async () => srv!.hits('/slow.xml') > 0 && (await h!.store.entries.count()) === 15 && (await recorded()),
        'the child to commit the fast feeds',
      );
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}; child stderr: ${stderr}`);
    }
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    assert.equal(signal, 'SIGKILL', `child exited on its own (code ${code}): ${stderr}`);

    // Nothing committed is lost.
    assert.equal(await h.store.entries.count(), 15);
    for (const id of ids) assert.equal((await h.store.sources.get(id))!.status, 'ok');
    const slow = (await h.store.sources.get(slowId))!;
    assert.equal(slow.lastCheckedAt, null, 'the interrupted check was never recorded');
    assert.deepEqual(
      await h.store.sources.claimDue(await h.store.clock.now(), 10, 'probe', 1000),
      [],
      'the dead child still holds its lease',
    );

    // Restart: the hanging feed now answers; the fast ones are due again with the same items.
    srv.route('/slow.xml', { body: feed('slow', 4) });
    for (const id of ids) await h.makeDue(id);
    await until(async () => {
      await h!.scheduler.pollOnce();
      return (await h!.store.sources.get(slowId))!.lastCheckedAt !== null;
    }, 'the lease to expire and the slow source to be polled');

    assert.equal(await h.store.entries.count({ sourceId: slowId }), 4);
    assert.equal(await h.store.entries.count(), 19, 'the re-polled fast feeds added no duplicates');
    for (const id of ids) assert.equal(await h.store.entries.count({ sourceId: id }), 3);
    assert.equal((await h.store.sources.get(slowId))!.status, 'ok');
  });

  it('keeps renewing the lease of a slow check while alive, and frees it within one lease after SIGKILL', async () => {
    // The default lease is short (renewed while working), so a killed poller's sources are not
    // left unpolled for long.
    assert.ok(DEFAULT_LEASE_MS <= 60_000, `default lease ${DEFAULT_LEASE_MS} ms`);
    const srv2 = await startFixtureServer();
    const h2 = await harness({ workers: 2, perHostConcurrency: 2 }, { leaseMs: LEASE_MS });
    try {
      srv2.route('/hang.xml', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>hang</title>'); // never ends
      });
      const id = (await h2.store.sources.add({ url: `${srv2.url}/hang.xml` })).source.id;
      const execArgv = ext === '.ts' ? ['--import', 'tsx'] : [];
      const child = spawn(process.execPath, [...execArgv, childPath, h2.dbPath, String(LEASE_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = once(child, 'exit');
      try {
        await until(() => srv2.hits('/hang.xml') > 0, 'the child to start the slow check');
        // Two leases long, the child is still working: its lease must still be live.
        await new Promise((r) => setTimeout(r, 2 * LEASE_MS));
        assert.deepEqual(
          await h2.store.sources.claimDue(await h2.store.clock.now(), 10, 'probe', 1000),
          [],
          'a live poller lost its lease',
        );
      } finally {
        child.kill('SIGKILL');
      }
      const [, signal] = await exited;
      assert.equal(signal, 'SIGKILL', stderr);
      // Freed once its last renewal runs out (until() gives up after 15 s; the old lease was 10 min).
      await until(
        async () => (await h2.store.sources.claimDue(await h2.store.clock.now(), 10, 'probe', 60_000)).some((s) => s.id === id),
        "the dead poller's lease to expire",
      );
    } finally {
      await h2.close();
      await srv2.close();
    }
  });
});
