// The story page's "All N copies" link had no singular form ("All 1 copies"; r-hidden left it
// alone). Since p-counts the fold lists shown copies only, so the link shows only past ten of them,
// but the view must still say one copy as each catalogue says it (en, ar, fa).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uiFor } from '../../src/web/ui.js';
import { storyPageView } from '../../src/web/views/story.js';

function page(lang: string, copiesTotal: number): string {
  const ui = uiFor(undefined, lang);
  return String(
    storyPageView({
      id: 1,
      headline: 'Dam gives way',
      articles: 1,
      size: 1 + copiesTotal,
      sources: 1,
      languages: ['en'],
      firstPublished: 0,
      lastPublished: 0,
      items: [
        {
          entryId: 2,
          title: 'Dam gives way',
          href: '/entries/2',
          source: { name: 'Alpha', href: '/sources/1' },
          lang: 'en',
          dir: 'ltr',
          publishedAt: 0,
          alsoCarriedBy: [],
          copies: [],
          copiesTotal,
          copiesHref: '/stories/1/copies/2',
        },
      ],
      pager: {},
      ui,
    }),
  );
}

test('"All N copies" has a form for one copy in every catalogue', () => {
  const one: Record<string, string> = { en: 'The one copy', ar: 'النسخة الوحيدة', fa: 'تنها رونوشت' };
  for (const [lang, text] of Object.entries(one)) {
    const p = page(lang, 1);
    assert.ok(p.includes(`>${text}</a>`), `${lang}: ${/<details class="copies"[\s\S]*?<\/details>/.exec(p)?.[0]}`);
    assert.ok(!p.includes('All 1 copies'), lang);
  }
  assert.ok(page('en', 12).includes('>All 12 copies</a>'), 'the plural as before');
});
