// A byline under an element whose class names a part beside the story ("sidebar", "widget",
// "related") is read when that element holds the story itself: the body, or a wrapper around the
// page's headline (x-bodyclass). Made-up pages; each byline and date asserted here came out null
// on the build before the round (checked against main's dist).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { prose } from './helpers.js';

const URL = 'https://quay.example/2024/03/night-ferry';

function page(bodyAttrs: string, main: string, side = '') {
  const html = `<!DOCTYPE html><html lang="en"><head><title>Quay Notes: Night ferry returns</title></head>
<body ${bodyAttrs}><div id="page"><header><p><a href="/">Quay Notes</a></p></header>
${main}
${side}
<footer><p>All rights reserved.</p></footer></div></body></html>`;
  return extractArticle({ bytes: Buffer.from(html), url: URL });
}

// The post: a title heading (the title's part after the blog's name) and a byline the reader's
// class words name, with a date after the name, as blog templates print it.
const post = `<h3 class="post-title">Night ferry returns</h3>
<div class="post-header"><span class="post-author vcard">Posted by <span class="fn">Jane Roe</span> on <span class="post-timestamp">March 9, 2024</span></span></div>
${prose('The ferry post', 6)}`;

test("the body's layout classes do not put the story's byline outside the story", () => {
  const r = page('class="single right-sidebar has-widgets"', `<div class="content"><div class="post">${post}</div></div>`);
  assert.equal(r.byline, 'Jane Roe');
  assert.equal(r.published?.slice(0, 10), '2024-03-09');
});

test('a wrapper named as a widget or sidebar that holds the headline holds the story, and its byline is read', () => {
  // A blog platform's "widget" that holds the post; a theme's column named "sidebar" that holds the article.
  const widget = page('', `<div class="section" id="main"><div class="widget Blog" id="Blog1"><div class="post">${post}</div></div></div>`);
  assert.equal(widget.byline, 'Jane Roe');
  assert.equal(widget.published?.slice(0, 10), '2024-03-09');
  // (There Readability takes the byline element's text as it stands; the date is the byline's, read here.)
  const column = page('', `<div class="cell sidebar" id="sidebar"><div class="post">${post}</div></div>`);
  assert.equal(column.published?.slice(0, 10), '2024-03-09');
  // A form around the whole page (server frameworks post the page back) holds the story too.
  const form = page('', `<form id="mainForm" method="post" action="/"><div class="post">${post}</div></form>`);
  assert.equal(form.published?.slice(0, 10), '2024-03-09');
});

test('a sidebar that does not hold the headline is still outside the story', () => {
  // The story names no writer; the sidebar's profile widget does, with a date: neither is the story's.
  const story = `<div class="post"><h3 class="post-title">Night ferry returns</h3>${prose('The ferry post', 6)}</div>`;
  const side = `<div class="sidebar" id="sidebar-right"><div class="widget Profile"><h2>About me</h2>
<span class="post-author vcard">Posted by <span class="fn">Sam Poe</span> on <span class="post-timestamp">January 2, 2020</span></span></div></div>`;
  const r = page('class="right-sidebar"', `<div class="widget Blog" id="Blog1">${story}</div>`, side);
  assert.equal(r.byline, null);
  assert.equal(r.published, null);
});
