// The desk's last English sentences built deep below it, now keys the desk words in the editor's
// language: the add chain's preview (its reason, the steps it tried, its advice, nested causes
// included), the per-feed problems of an OPML import, and the warnings of a topic's alert
// settings (which the desk did not show at all). The CLI and the logs keep their English.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chooseSource } from '../../src/ingest/discover/choose-source.js';
import type { DISCOVERY_NOTE_EN } from '../../src/ingest/discover/notes.js';
import { HttpFetcher } from '../../src/ingest/fetch/index.js';
import { type OPML_NOTE_EN, readOpml } from '../../src/ingest/opml/index.js';
import { opmlImportHandler } from '../../src/jobs/opml-import.js';
import type { Job } from '../../src/store/jobs.js';
import { formatTopicError, parseTopics } from '../../src/topics/definition.js';
import { DISCOVERY_NOTE_MESSAGES } from '../../src/web/desk/discovery-notes.js';
import { OPML_NOTE_MESSAGES } from '../../src/web/desk/opml-notes.js';
import { TOPIC_ISSUE_MESSAGES } from '../../src/web/desk/topic-issues.js';
import { type FixtureServer, startFixtureServer } from '../helpers/fixture-server.js';
import { CSRF, deskConfig, EDITOR, setLanguage, type TestDesk, withDesk } from './helpers.js';

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

let srv: FixtureServer;
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://news.example/</link>${[1, 2, 3]
  .map((i) => `<item><title>Item ${i}</title><link>https://news.example/${i}</link><guid>g${i}</guid></item>`)
  .join('')}</channel></rss>`;
const LISTING = `<!doctype html><html><head><title>City news</title></head><body><main>${[1, 2, 3, 4, 5]
  .map(
    (i) =>
      `<article><h2><a href="/news/story-${i}">Story number ${i} about the harbour works</a></h2><p>A short excerpt of story ${i}, long enough to be a summary.</p><time datetime="2026-06-0${i}">June ${i}</time></article>`,
  )
  .join('')}</main></body></html>`;
before(async () => {
  srv = await startFixtureServer({
    '/wire/latest.xml': { headers: { 'content-type': 'application/rss+xml' }, body: RSS },
    '/news': { headers: { 'content-type': 'text/html' }, body: LISTING },
  });
});
after(() => srv.close());

const preview = async (desk: TestDesk, url: string): Promise<string> => (await desk.post('/desk/sources/preview', { url })).text();

test('Arabic and Persian word every note of the add chain and of an OPML import, with the same placeholders', () => {
  for (const lang of ['ar', 'fa'] as const) {
    for (const [key, en] of Object.entries(DISCOVERY_NOTE_MESSAGES.en)) {
      const text = DISCOVERY_NOTE_MESSAGES[lang][key as keyof typeof DISCOVERY_NOTE_EN];
      assert.ok(text, `${lang} lacks ${key}`);
      // A quoted failure is the fetcher's English in English, the site's failure sentence elsewhere;
      // a singular ("one entry") may be worded without its number.
      const want =
        key === 'cause'
          ? ['failure']
          : /\.(?:otherAddress|commonPath|url|entry|teaser)$/.test(key) && !text.includes('{n}')
            ? []
            : placeholders(en);
      assert.deepEqual(placeholders(text), want, `${lang} ${key}`);
    }
    for (const [key, en] of Object.entries(OPML_NOTE_MESSAGES.en))
      assert.deepEqual(placeholders(OPML_NOTE_MESSAGES[lang][key as keyof typeof OPML_NOTE_EN] ?? ''), placeholders(en), `${lang} ${key}`);
    for (const [key, en] of Object.entries(TOPIC_ISSUE_MESSAGES.en).filter(
      ([k]) => k.startsWith('alert.') || k.startsWith('issue.alerts.'),
    ))
      assert.deepEqual(
        placeholders(TOPIC_ISSUE_MESSAGES[lang][key as keyof typeof TOPIC_ISSUE_MESSAGES.en] ?? ''),
        placeholders(en),
        `${lang} ${key}`,
      );
  }
});

test('the add chain gives notes beside the same English the CLI printed', async () => {
  const fetcher = new HttpFetcher(deskConfig());
  try {
    const missing = await chooseSource(fetcher, `${srv.url}/missing`);
    assert.ok('tried' in missing);
    assert.deepEqual(missing.tried, [
      `feed: ${srv.url}/missing is no feed (HTTP 404 from ${srv.url}/missing: nothing is at this address any more; check the URL, or re-add the site so its feed is discovered again); 11 other addresses tried (the page's feed links, /feed, /rss, /atom.xml …), none a feed`,
    ]);
    assert.equal(missing.advice, 'check the address in a browser; if the site blocks readers, there is nothing Newsdesk can follow');
    assert.equal(missing.triedNotes[0]?.key, 'tried.feedNot');
    assert.equal(missing.adviceNote.key, 'advice.browser');
    const feed = await chooseSource(fetcher, `${srv.url}/wire/latest.xml`);
    assert.ok('reason' in feed);
    assert.equal(feed.reason, 'the URL is a feed (3 entries)');
    assert.deepEqual(feed.reasonNote, { key: 'reason.feedDirect', params: { entries: { key: 'count.entries', params: { n: 3 } } } });
  } finally {
    await fetcher.close();
  }
});

test('a preview that finds nothing says what it tried and what to do in Arabic, the HTTP status in its words', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'ar');
    const page = await preview(desk, `${srv.url}/missing`);
    assert.match(page, /الموجز: http:\/\/127\.0\.0\.1:\d+\/missing ليس موجزاً \(ردّ الخادم برمز حالة HTTP ‏404\)/);
    assert.ok(page.includes('افتح العنوان في متصفح'), 'the advice is not in Arabic');
    assert.ok(!page.includes('is no feed') && !page.includes('check the address in a browser'), 'English left in the Arabic preview');
  });
});

test('a preview that finds a feed or a listing gives its reason in Persian, nested parts and digits included', async () => {
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const feed = await preview(desk, `${srv.url}/wire/latest.xml`);
    assert.ok(feed.includes('این نشانی خوراک است (۳ مطلب)'), 'the feed reason is not in Persian');
    assert.ok(!feed.includes('the URL is a feed'));
    const listing = await preview(desk, `${srv.url}/news`);
    assert.match(listing, /data-found="listing"/);
    assert.match(
      listing,
      /نه خوراکی پیدا شد نه نقشهٔ سایت خبری؛ ۵ پیش‌نمایش پیدا شد در بلوک‌های تکراری &lt;article&gt;|نه خوراکی پیدا شد نه نقشهٔ سایت خبری؛ ۵ پیش‌نمایش در /,
    );
    assert.ok(!/teasers? in|with an excerpt|no feed or news sitemap/.test(listing), 'English left in the Persian listing reason');
  });
});

test("an OPML import's refused feeds are named with their reason in Persian; the job records the English too", async () => {
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="Relative" xmlUrl="feeds/world.xml"/>
<outline type="rss" text="Good" xmlUrl="https://good.example/feed"/></body></opml>`;
  assert.deepEqual(
    readOpml(opml).refused.map((r) => r.reason),
    ['a file: address; only http and https feeds are subscribed', 'not an absolute address (give the full http or https URL of the feed)'],
    'the English of the CLI and the logs is unchanged',
  );
  await withDesk(async (desk, store) => {
    await setLanguage(store, EDITOR.name, 'fa');
    const form = new FormData();
    form.set('_csrf', CSRF);
    form.set('opml', new File([opml], 'subs.opml', { type: 'text/x-opml' }));
    const res = await desk.request('/desk/sources/opml', { method: 'POST', body: form });
    assert.equal(res.status, 303);
    const page = await (await desk.request(res.headers.get('location')!)).text();
    assert.ok(page.includes('نشانی از نوع file: است؛ فقط خوراک‌های http و https افزوده می‌شوند'), 'the file: refusal is not in Persian');
    assert.ok(page.includes('نشانی کامل نیست'), 'the relative address refusal is not in Persian');
    assert.ok(!page.includes('only http and https') && !page.includes('not an absolute address'), 'English left on the Persian job page');
  });
});

test('the import job records a refused address of its payload and a failed add with their notes', async () => {
  const progress: Record<string, unknown>[] = [];
  const handler = opmlImportHandler({
    sources: {
      add: async () => {
        throw new Error('the store is read-only');
      },
    },
    jobs: {
      recordProgress: async (_id, _owner, p) => {
        progress.push(structuredClone(p));
        return true;
      },
    },
  });
  const job = {
    id: 1,
    kind: 'opml-import',
    payload: { feeds: [{ url: 'ftp://old.example/feed' }, { url: 'https://ok.example/feed' }] },
    leaseOwner: 'test',
    progress: null,
  } as unknown as Job;
  await handler(job, { signal: new AbortController().signal } as Parameters<typeof handler>[1]);
  const failed = progress.at(-1)?.failed as { url: string; problem: string; note?: { key: string } }[];
  assert.deepEqual(
    failed.map((f) => [f.problem, f.note?.key]),
    [
      ['a ftp: address; only http and https feeds are subscribed', 'opml.scheme'],
      ['the store is read-only', 'opml.addFailed'],
    ],
  );
});

const ALERTING = `- id: acme
  name: Acme
  entities:
    - name: Acme Robotics
  alerts:
    webhook: https://hooks.example/acme
    email: { to: desk@example.org, every: weekly, hour: 25 }
`;

test('alert warnings keep their English for the CLI and the logs', () => {
  const r = parseTopics(ALERTING);
  assert.ok(r.ok);
  assert.deepEqual(
    r.warnings.map((w) => formatTopicError(w, 'topics.yaml')),
    [
      'topics.yaml:6:14: [0].alerts.webhook: needs a secret to sign its requests, so the receiver can tell them from forgeries: give secretEnv: NAME (an environment variable), secretFile: PATH (a file, as Docker and systemd pass secrets) or secret: "<16 or more random characters>"; the webhook alert of topic "acme" is off',
      'topics.yaml:7:43: [0].alerts.email.every: "weekly" is not hourly or daily; the email alert of topic "acme" is off',
      'topics.yaml:7:57: [0].alerts.email.hour: is not a whole hour from 0 to 23 (UTC); the email alert of topic "acme" is off',
    ],
  );
});

test("the topic editor shows a definition's alert warnings, in Arabic for an Arabic editor", async () => {
  await withDesk(async (desk, store) => {
    const english = await (
      await desk.post('/desk/topics/save', { source: ALERTING, version: '0', originalId: '', action: 'preview' })
    ).text();
    assert.match(english, /<div role="status" id="topic-warnings">/);
    assert.ok(english.includes('the webhook alert of topic &quot;acme&quot; is off'), english.slice(0, 0));
    await setLanguage(store, EDITOR.name, 'ar');
    const page = await (await desk.post('/desk/topics/save', { source: ALERTING, version: '0', originalId: '', action: 'preview' })).text();
    const block = /<div role="status" id="topic-warnings">[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    assert.ok(block.includes('يحتاج إلى سرّ يوقّع به طلباته'), 'the webhook problem is not in Arabic');
    assert.ok(block.includes('تنبيه webhook للموضوع «acme» متوقف'), 'what follows is not in Arabic');
    assert.ok(block.includes('ليست ساعة كاملة من 0 إلى 23'), 'the e-mail hour problem is not in Arabic');
    assert.ok(block.includes('&quot;weekly&quot; ليست hourly ولا daily'), 'the digest period problem is not in Arabic');
    assert.ok(!/needs a secret|is not a whole hour|alert of topic/.test(block), 'English left in the Arabic warnings');
  });
});

const PRIVATE_HOOK = `- id: acme
  name: Acme
  entities:
    - name: Acme Robotics
  alerts:
    webhook: { url: "http://10.20.0.5:9000/hook", secretEnv: ACME_HOOK_SECRET }
`;

test('a webhook written with a private address is a warning naming alertAllowHosts, not allowHosts, in every language', async () => {
  const r = parseTopics(PRIVATE_HOOK);
  assert.ok(r.ok);
  assert.ok(r.topics[0]?.alerts?.webhook, 'the webhook stays on: the operator may have listed the address');
  const [warning] = r.warnings.map((w) => formatTopicError(w, 'topics.yaml'));
  assert.match(
    warning ?? '',
    /only if the server operator lists it in alertAllowHosts \(NEWSDESK_ALERT_ALLOW_HOSTS\); allowHosts, which lets feeds be read there, does not apply/,
  );
  assert.doesNotMatch(warning ?? '', /10\.20\.0\.5/, 'the address is not repeated (warnings are logged)');
  for (const url of [
    'https://hooks.example/acme',
    'http://93.184.215.14/hook',
    'http://[::ffff:93.184.215.14]/hook',
    'http://[2606:4700::1]/hook',
  ]) {
    const pub = parseTopics(PRIVATE_HOOK.replace('http://10.20.0.5:9000/hook', url));
    assert.ok(pub.ok);
    assert.deepEqual(pub.warnings, [], `${url}: a public address gets no warning`);
  }
  for (const url of [
    'http://127.0.0.1/h',
    'http://[::ffff:192.168.1.2]/h',
    'http://localhost:8080/h',
    'http://169.254.169.254/h',
    // Every form the guard refuses warns too: a trailing dot, IPv4-compatible IPv6 (::127.0.0.1 is
    // written [::7f00:1]), IPv6 outside the global range, the odd IPv4 forms a URL normalises.
    'http://localhost./h',
    'http://hooks.localhost./h',
    'http://[::127.0.0.1]/h',
    'http://[::a14:5]/h',
    'http://[100::1]/h',
    'http://0/h',
    'http://2130706433/h',
  ]) {
    const priv = parseTopics(PRIVATE_HOOK.replace('http://10.20.0.5:9000/hook', url));
    assert.ok(priv.ok);
    assert.equal(priv.warnings.length, 1, url);
  }
  await withDesk(async (desk, store) => {
    const shown = async (): Promise<string> => {
      const page = await (
        await desk.post('/desk/topics/save', { source: PRIVATE_HOOK, version: '0', originalId: '', action: 'preview' })
      ).text();
      return /<div role="status" id="topic-warnings">[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    };
    assert.match(await shown(), /alertAllowHosts \(NEWSDESK_ALERT_ALLOW_HOSTS\)/);
    for (const [lang, words] of [
      ['ar', 'لا يرسل إليه Newsdesk إلا إذا أدرجه مشغّل الخادم في alertAllowHosts'],
      ['fa', 'Newsdesk تنها وقتی به آن می‌فرستد که گردانندهٔ سرور آن را در alertAllowHosts'],
    ] as const) {
      await setLanguage(store, EDITOR.name, lang);
      const block = await shown();
      assert.ok(block.includes(words), `${lang}: ${block}`);
      assert.ok(!/posts to it only|does not apply/.test(block), `English left in the ${lang} warning`);
    }
  });
});
