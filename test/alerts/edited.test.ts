// Alerts give the headline and excerpt readers are shown: an editor's, when set on the entry or on
// its story, as on the topic page and in its feeds (web/curated.ts); the webhook keeps the source's
// own as sourceTitle / sourceExcerpt (a title match's offsets are into it). Before p-alerts2 both
// the webhook body and the digest carried the source's headline and passage whatever the desk
// had written. A real webhook receiver on 127.0.0.1 and the store in both dialects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mailer, MailResult } from '../../src/alerts/mailer.js';
import type { DigestMail } from '../../src/alerts/message.js';
import { digestDueAt } from '../../src/alerts/schedule.js';
import { AlertWorker } from '../../src/alerts/worker.js';
import { definitionInputs } from '../../src/jobs/retag.js';
import { tagEntries } from '../../src/pipeline/steps/tag-topics.js';
import type { Store } from '../../src/store/store.js';
import { MEK, addEntries, compile, newEntry, suiteHook } from './helpers.js';
import { forEachDialect } from '../helpers/dialects.js';

const EDITOR = { id: null, name: 'test editor' };
const SECRET = 'test-secret-0123456789abcdef';

/** Keeps the digests a worker hands over (what goes into them is the point here, not SMTP). */
class KeepingMailer implements Mailer {
  readonly mails: DigestMail[] = [];
  async send(_to: string[], mail: DigestMail): Promise<MailResult> {
    this.mails.push(mail);
    return { response: '250 OK', messageId: `<${this.mails.length}@test>` };
  }
  async close(): Promise<void> {}
}

/** Three tagged entries: one with its own edited headline and excerpt, one in a story with an edited headline, one untouched. */
async function editedEntries(store: Store, now: number) {
  const [own, inStory, plain] = await addEntries(store, [
    newEntry('Mujahedin-e Khalq rally in Paris draws millions', 'Maryam Rajavi spoke to the Mujahedin-e Khalq crowd.', now - 300_000),
    newEntry('Mujahedin-e Khalq statement on sanctions', 'The Mujahedin-e Khalq asked for more sanctions.', now - 200_000),
    newEntry('Mujahedin-e Khalq camp in Albania', 'Camp Ashraf 3 hosts members.', now - 100_000),
  ]);
  await store.stories.assign([{ entryId: inStory!.id, storyKey: 'sanctions' }]);
  const storyId = (await store.entries.get(inStory!.id))!.storyId!;
  await store.curation.update(
    { kind: 'entry', id: own!.id },
    { headline: 'MEK rally in Paris (crowd figure disputed)', excerpt: 'Organisers gave a figure nobody could check.' },
    EDITOR,
    'entry.edit',
  );
  await store.curation.update({ kind: 'story', id: storyId }, { headline: 'Exiled opposition asks for sanctions' }, EDITOR, 'story.edit');
  return { own: own!, inStory: inStory!, plain: plain! };
}

forEachDialect((d) => {
  describe('alerts carry the edited headline and excerpt', () => {
    const hook = suiteHook();

    test('the webhook gives the edited title and excerpt, and the source text under source* names', async () => {
      const { bodies, url, poster } = hook;
      const store = await d.open();
      try {
        const topics = compile([{ ...MEK, alerts: { webhook: { url, secret: SECRET } } }]);
        await store.topics.syncDefinitions(definitionInputs(topics.parsed));
        const now = Date.now();
        const e = await editedEntries(store, now);
        assert.equal((await tagEntries(store, topics.matcher, [e.own, e.inStory, e.plain], { now })).alertsQueued, 3);
        bodies.length = 0;
        const run = await new AlertWorker({ store, webhook: poster, alerts: () => topics.alerts, clock: () => now }).runOnce();
        assert.equal(run.sent, 3);
        assert.equal(bodies.length, 1);
        type Sent = {
          id: number;
          title: string;
          excerpt: string;
          sourceTitle: string;
          sourceExcerpt: string;
          matches: { field: string; start: number; end: number }[];
        };
        const sent = new Map((JSON.parse(bodies[0]!) as { entries: Sent[] }).entries.map((x) => [x.id, x]));
        const own = sent.get(e.own.id)!;
        assert.equal(own.title, 'MEK rally in Paris (crowd figure disputed)');
        assert.equal(own.excerpt, 'Organisers gave a figure nobody could check.');
        assert.equal(own.sourceTitle, 'Mujahedin-e Khalq rally in Paris draws millions');
        assert.match(own.sourceExcerpt, /Maryam Rajavi spoke/);
        const m = own.matches.find((x) => x.field === 'title')!;
        assert.equal(own.sourceTitle.slice(m.start, m.end), 'Mujahedin-e Khalq', "a title match's offsets are into sourceTitle");
        const story = sent.get(e.inStory.id)!;
        assert.equal(story.title, 'Exiled opposition asks for sanctions', "the story's edited headline, as its teaser shows");
        assert.match(story.excerpt, /asked for more sanctions/, 'no edited excerpt: the passage around the match');
        assert.equal(story.sourceTitle, 'Mujahedin-e Khalq statement on sanctions');
        const plain = sent.get(e.plain.id)!;
        assert.equal(plain.title, plain.sourceTitle);
        assert.equal(plain.excerpt, plain.sourceExcerpt);
      } finally {
        await store.close();
      }
    });

    test('the digest gives the edited headline and excerpt, not the source text', async () => {
      const { poster } = hook;
      const store = await d.open();
      try {
        const topics = compile([{ ...MEK, alerts: { email: { to: ['desk@example.org'], every: 'hourly' } } }]);
        await store.topics.syncDefinitions(definitionInputs(topics.parsed));
        const now = Date.UTC(2026, 10, 28, 15, 20);
        const e = await editedEntries(store, now);
        await tagEntries(store, topics.matcher, [e.own, e.inStory, e.plain], { now });
        const mailer = new KeepingMailer();
        const run = await new AlertWorker({
          store,
          webhook: poster,
          mailer,
          alerts: () => topics.alerts,
          clock: () => digestDueAt(now, 'hourly'),
        }).runOnce();
        assert.equal(run.sent, 3);
        assert.equal(mailer.mails.length, 1);
        const { text, html } = mailer.mails[0]!;
        for (const part of [text, html]) {
          assert.ok(part.includes('MEK rally in Paris (crowd figure disputed)'), part);
          assert.ok(part.includes('Organisers gave a figure nobody could check.'));
          assert.ok(part.includes('Exiled opposition asks for sanctions'));
          assert.ok(part.includes('Mujahedin-e Khalq camp in Albania'), 'an entry nobody edited keeps its headline');
          assert.ok(!part.includes('draws millions') && !part.includes('Maryam Rajavi'), "the edited entry's source text is not shown");
          assert.ok(!part.includes('statement on sanctions'));
        }
      } finally {
        await store.close();
      }
    });
  });
});
