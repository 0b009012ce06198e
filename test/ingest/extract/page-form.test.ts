// Stage 1 (prune.ts): a form with a free-text box is a comment or contact form and furniture,
// unless it holds most of the page. ASP.NET Web Forms pages wrap the whole page, story and
// comment box alike, in one <form>; pruning that form used to leave nothing to extract. The
// pages below are written for the rule, not taken from any evaluation set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { paragraphs } from './helpers.js';

const sentence = (n: number): string =>
  `The harbour board said on its ${n}th sitting that the old crane on the east quay would be taken down before the winter storms set in.`;

function extract(html: string): string {
  return extractArticle({ bytes: html }).text ?? '';
}

test('a page wrapped in one <form> with a comment box keeps its story', () => {
  const html = `<!doctype html><html><head><title>The east quay crane</title></head><body>
    <form name="Form1" method="post" action="post.aspx" id="Form1">
      <input type="hidden" name="__VIEWSTATE" value="abc">
      <div id="header"><a href="/">Home</a> <a href="/login">Log in</a> <a href="/help">Help</a></div>
      <div id="content">
        <div id="left"><ul><li><a href="/a">Older post one</a></li><li><a href="/b">Older post two</a></li></ul></div>
        <div id="right">
          <div class="title"><a href="/post">The east quay crane</a></div>
          <div class="box">${paragraphs(sentence, 1, 6)}</div>
          <div class="info">Posted by harbourwatch, read 120 times</div>
          <div>Your reply:<br><textarea name="reply" rows="5"></textarea><input type="submit" value="Send"></div>
        </div>
      </div>
    </form></body></html>`;
  const text = extract(html);
  assert.ok(text.includes(sentence(1)), text);
  assert.ok(text.includes(sentence(6)), text);
});

test('a comment form beside the story is still furniture', () => {
  const html = `<!doctype html><html><head><title>The east quay crane</title></head><body>
    <div class="post"><h1>The east quay crane</h1>${paragraphs(sentence, 1, 4)}</div>
    <form method="post" action="/reply"><p>Leave a reply. Your address will not be shown to other readers of this page, and replies are read before they appear.</p>
      <textarea name="reply"></textarea><input type="submit" value="Send"></form>
    </body></html>`;
  const text = extract(html);
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('Leave a reply'), text);
});
