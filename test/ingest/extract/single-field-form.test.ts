// Stage 1 (prune.ts with single-field-form.ts), from the over-wide round (x-over): a form with one
// field to type in — a sign-up written with `<input type="text">`, a search box — is furniture with
// the box around it, as the e-mail field's box is. Pages written for the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { singleField } from '../../../src/ingest/extract/single-field-form.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The lock keepers said on day ${n} that the canal would stay closed to barges until the new gates, cast in the foundry by the river, were hung.`;

test('a sign-up box around a form with one text field goes from the body', () => {
  const box = `<div class="box-2"><h4>Canal letters</h4><p>Each Monday the week on the towpath, straight to your inbox, free.</p>
    <form><input type="text" name="addr" placeholder="Address"><input type="submit" value="Go"></form></div>`;
  const html = `<!doctype html><html lang="en"><head><title>The canal gates</title></head><body>
    <div class="wrap"><div class="col-8"><h1>The canal gates</h1>${paragraphs(sentence, 1, 4)}${box}${paragraphs(sentence, 5, 2)}</div></div></body></html>`;
  const text = extractArticle({ bytes: html }).text ?? '';
  assert.ok(text.includes(sentence(4)) && text.includes(sentence(6)), text);
  assert.ok(!text.includes('straight to your inbox'), text);
  assert.ok(!text.includes('Canal letters'), text);
});

const formOf = (inner: string): DomElement =>
  parseDocument(`<!doctype html><html><body><form>${inner}</form></body></html>`).getElementsByTagName('form')[0] as DomElement;

test('one field to type in, not a comment, contact or log-in form', () => {
  assert.ok(singleField(formOf('<input type="text"><input type="submit">')));
  assert.ok(singleField(formOf('<input name="q"><input type="hidden" name="x"><button>Search</button>')));
  assert.equal(singleField(formOf('<input type="text" name="name"><input type="email" name="mail"><input type="submit">')), null);
  assert.equal(singleField(formOf('<input type="text"><textarea></textarea>')), null);
  assert.equal(singleField(formOf('<input type="text" name="user"><input type="password">')), null);
  assert.equal(singleField(formOf('<select><option>A</option></select><input type="text">')), null);
  assert.equal(singleField(formOf('<input type="submit" value="Vote">')), null);
});
