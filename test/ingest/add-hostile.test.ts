// `newsdesk add` reads candidates in a worker (src/cli/commands/add.ts), so its deadline
// (discoveryTimeoutMs) holds even while a huge candidate is being parsed: the parse is stopped and
// the command says it stopped, where a parse on the command's own thread would run to its end
// (and then subscribe to the document) whatever the deadline. The feed is a local file (file:
// URLs allowed), so the deadline is spent parsing, not fetching 40 MB from a busy test server.
// The deadline is well under the parse's own time (about 3.9 s for these 200,000 items in the pool
// on a quiet machine of this project's CI, 2026-12-05), so a fast machine cannot finish the parse
// first; a loaded one only parses slower. The 120 s `timeout` is a hang guard.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { hugeFeed } from '../helpers/huge-feed.js';

describe('newsdesk add and a huge candidate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-add-hostile-'));
  const huge = join(dir, 'huge.xml');
  before(() => writeFileSync(huge, hugeFeed(200_000)));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops at the deadline while the candidate is still being parsed', { timeout: 120_000 }, async () => {
    const r = await runCli(['add', '--db', join(dir, 'add.db'), pathToFileURL(huge).href], {
      NEWSDESK_ALLOW_FILE_URLS: 'true',
      NEWSDESK_DISCOVERY_TIMEOUT_MS: '2000',
      NEWSDESK_MAX_BODY_BYTES: String(96 << 20),
    });
    assert.equal(r.code, 1, `the feed was parsed to its end past the deadline: ${r.stdout}`);
    assert.match(r.stderr, /stopped after 2 s \(the deadline for finding a source\)/);
    assert.match(r.stderr, /huge\.xml is no feed \(reading the feed stopped: discovery ended/);
    assert.equal(r.stdout, '');
  });
});
