// What the CLI prints on a terminal: a feed's ESC/BEL/C1 sequences are shown as visible escapes,
// never sent raw (`add`, `sources`, `parse`, progress lines); and a reader that stops early
// (`newsdesk parse … | head`) ends the output quietly instead of an EPIPE stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { termJson, termText } from '../../src/cli/terminal-text.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { cliCommand } from '../helpers/repo.js';
import { runCli } from '../helpers/run-cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

/** Raw terminal controls: ESC, BEL, the one-character C1 CSI, DEL. */
const RAW = /[\u0007\u001b\u007f-\u009f]/;
// A clipboard write (OSC 52), a screen clear (CSI 2J) and a C1 CSI, in a feed title and item.
const EVIL = 'Evil\u001b]52;c;cm0gLXJmIH4=\u0007 \u001b[2J\u009b31m news';

describe('terminal text', () => {
  it('shows controls as visible escapes and keeps JSON values', () => {
    assert.equal(termText('a\u001b[2Jb\u0007\u009bc'), 'a\\x1b[2Jb\\x07\\x9bc');
    assert.equal(termText('line\nbreak\tand tab'), 'line\\x0abreak\\x09and tab');
    assert.equal(termText('right\u202eleft'), 'right\\u202eleft');
    assert.equal(termText('ordinary — text, عربي'), 'ordinary — text, عربي');
    const json = JSON.stringify({ t: EVIL });
    assert.doesNotMatch(termJson(json), RAW);
    assert.deepEqual(JSON.parse(termJson(json)), { t: EVIL });
  });
});

describe('CLI output', () => {
  let srv: FixtureServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-term-'));
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: EVIL,
      items: [{ id: '1', url: 'https://x.example/1', title: EVIL, content_text: 'x' }],
    });
    srv = await startFixtureServer({ '/evil.json': { headers: { 'content-type': 'application/feed+json' }, body: feed } });
    writeFileSync(join(dir, 'evil.json'), feed);
  });
  after(async () => {
    await srv.close();
  });

  it('add and sources print no raw terminal controls', async () => {
    const db = join(dir, 'a.db');
    const add = await runCli(['add', '--db', db, `${srv.url}/evil.json`]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /added #1: Evil/);
    assert.doesNotMatch(add.stdout, RAW, JSON.stringify(add.stdout));
    assert.match(add.stdout, /\\x9b31m/, 'the C1 CSI is shown, not dropped silently');
    // A title an older version stored with its controls.
    const store = await SqliteStore.open({ path: db });
    await store.sources.update(1, { title: EVIL, lastError: `bad \u001b[31mred\u001b[0m` });
    await store.close();
    for (const args of [['sources'], ['sources', '--json']]) {
      const r = await runCli([...args, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, RAW, `${args.join(' ')}: ${JSON.stringify(r.stdout)}`);
    }
    const poll = await runCli(['poll', '--once', '--all', '--db', db]);
    assert.doesNotMatch(poll.stderr + poll.stdout, RAW, JSON.stringify(poll.stderr));
  });

  it('parse writes JSON whose C1 characters are escaped', async () => {
    const r = await runCli(['parse', join(dir, 'evil.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW);
    assert.equal(JSON.parse(r.stdout).feed.title, EVIL);
  });

  it('parse … | head ends quietly on EPIPE', async () => {
    const { cmd, args } = cliCommand();
    const file = join(dir, 'evil.json');
    const p = spawn(cmd, [...args, 'parse', ...Array.from({ length: 3000 }, () => file)], {
      env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    await new Promise<void>((resolve) => p.stdout.once('data', () => resolve()));
    p.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => p.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Error/, stderr);
    assert.equal(code, 0);
  });
});
