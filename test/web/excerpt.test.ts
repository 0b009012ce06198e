import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutExcerpt } from '../../src/text/teaser-excerpt.js';

describe('teaser excerpt', () => {
  it('keeps short text whole, collapsing whitespace', () => {
    assert.equal(cutExcerpt('  One   line.\n\nTwo. ', 100), 'One line. Two.');
  });
  it('cuts at a sentence end when one is near the limit', () => {
    const t = 'First sentence here. Second sentence is here too. Third one runs on and on past the limit.';
    assert.equal(cutExcerpt(t, 60), 'First sentence here. Second sentence is here too…');
  });
  it('cuts at a word boundary otherwise, never inside a word', () => {
    const t = 'Supporters gathered outside the compound on Wednesday holding photographs of relatives';
    const out = cutExcerpt(t, 40);
    assert.ok(out.length <= 40, out);
    assert.ok(out.endsWith('…'));
    const words = out.slice(0, -1).split(' ');
    for (const w of words) assert.ok(t.split(' ').includes(w), `cut inside a word: ${w}`);
  });
  it('cuts Arabic between words', () => {
    const t = 'قال الوزير إن الحكومة ستواصل العمل؟ وأضاف أن الخطة ستنفذ خلال العام المقبل دون تأخير كبير في التنفيذ';
    const out = cutExcerpt(t, 60);
    assert.ok(out.length <= 60 && out.endsWith('…'), out);
    for (const w of out.slice(0, -1).split(' ')) assert.ok(t.split(' ').includes(w), `cut inside a word: ${w}`);
  });
  it('handles text that is mostly whitespace and long texts', () => {
    assert.equal(cutExcerpt(`${' '.repeat(5000)}Late words.`, 50), 'Late words.');
    const long = 'Word '.repeat(10_000);
    const out = cutExcerpt(long, 100);
    assert.ok(out.length <= 100 && out.endsWith('…'));
  });
});
