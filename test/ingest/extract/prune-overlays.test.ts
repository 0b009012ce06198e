// Stage 1 (prune.ts), from the second error analysis of the broad web set (data/extract-snippets,
// dev): cookie/consent notices and dialogs laid over the page are furniture. Each test builds its
// own small page, written for the rule, not taken from the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The allotment society agreed on its ${n}th meeting that the new water butts would be filled from the roof of the tool shed before the dry months.`;
const prose = (from: number, count: number): string => paragraphs(sentence, from, count);

const cookieText =
  'Privacy and cookies: this site uses cookies. By continuing to use this website you agree to their use. To find out more, including how to control cookies, see our cookie policy here, which explains what we store and for how long we keep it.';

function extract(html: string): string {
  return extractArticle({ bytes: html }).text ?? '';
}

test('a cookie-law notice named as such is furniture, and a short post is found instead', () => {
  const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>
    <div class="post"><h2><a href="/water-butts">Water butts</a></h2><p>${sentence(1)}</p></div>
    <div class="widget widget_eu_cookie_law_widget"><div id="eu-cookie-law"><form><p>${cookieText}</p><input type="submit" value="Close and accept"></form></div></div>
    </body></html>`;
  const text = extract(html);
  assert.ok(text.includes(sentence(1)), text);
  assert.ok(!text.includes('this site uses cookies'), text);
});

test('a dialog (role, element or name) laid over a short page is furniture', () => {
  const age =
    '<p>Confirm your age to watch programmes with an age rating at any time of day. You need an identity document for the check, which takes a few minutes and is valid for a year on this device.</p>';
  for (const wrap of [
    (x: string) => `<div role="dialog">${x}</div>`,
    (x: string) => `<dialog open>${x}</dialog>`,
    (x: string) => `<div class="b-dialog m-dark"><div class="dialog-content">${x}</div></div>`,
  ]) {
    const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>${wrap(age)}
      <div class="details"><h1>Water butts</h1><p>${sentence(1)}</p><p>${sentence(2)}</p></div></body></html>`;
    const text = extract(html);
    assert.ok(text.includes(sentence(2)), text);
    assert.ok(!text.includes('Confirm your age'), text);
  }
});

test('a block named as an overlay that holds most of the page is the page, not a notice', () => {
  const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>
    <div class="modal-viewer"><h1>Water butts</h1>${prose(1, 8)}</div><p>Short footer line.</p></body></html>`;
  const text = extract(html);
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(8)), text);
});

test('a recipe page called "cookies" is not a cookie notice', () => {
  const html = `<!doctype html><html lang="en"><head><title>Oat cookies</title></head><body>
    <div class="recipe cookies-recipe"><h1>Oat cookies</h1>${prose(1, 3)}</div></body></html>`;
  assert.ok(extract(html).includes(sentence(3)));
});

test('a block named as a footer, holding the publisher blurb in sentences, is furniture on a short page', () => {
  const blurb =
    '<p>The Allotment Gazette is an online service of the Garden Publishing Company and offers news, guides and databases for gardeners, growers and everyone else who works the soil on weekends.</p>';
  const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>
    <div class="page"><h1>Water butts</h1><p>${sentence(1)}</p><p>${sentence(2)}</p></div>
    <div class="footer_about">${blurb}</div>
    <div class="links">${Array.from({ length: 12 }, (_, i) => `<a href="/t/${i}">Topic number ${i}</a>`).join(' ')}</div></body></html>`;
  const text = extract(html);
  assert.ok(text.includes(sentence(2)), text);
  assert.ok(!text.includes('Garden Publishing Company'), text);
});

test('a post column a theme names "footer-…" is the page when it holds most of the text', () => {
  const html = `<!doctype html><html lang="en"><head><title>Water butts</title></head><body>
    <div class="footer-wide"><h1>Water butts</h1>${prose(1, 6)}</div><p>Imprint.</p></body></html>`;
  assert.ok(extract(html).includes(sentence(6)));
});
