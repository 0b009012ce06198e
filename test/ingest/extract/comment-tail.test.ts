// Stage 4 (trim.ts with comment-tail.ts), from the x-forms round of 2026-12-06: the comment section
// left at the end of the chosen body on a page whose class and id names say nothing (made-up
// hashed names here) — its label ("Comments", "Reader Comments (2)", "Leave a Reply"), a thread
// too short to be found by shape, and the notices around the form — goes from the label on, when
// the story before it outweighs what follows. Every page here is written for the rule; each
// positive case fails with the rule switched off (trimTrace answering true for 'comment-tail').
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { trimTrace } from '../../../src/ingest/extract/trim.js';

afterEach(() => {
  trimTrace.on = null;
});

const sentence = (n: number): string =>
  `The ferry board said on its ${n}th sitting that the night crossing to the island would run again from May, with a second boat on summer weekends.`;
const post = [1, 2, 3, 4].map((n) => `<p>${sentence(n)}</p>`).join('');

/** The story's column: the headline, the story, and what the template sets after it in the same column. */
const page = (body: string, after: string): string =>
  `<!doctype html><html lang="en"><head><title>Night ferry returns</title></head><body><div class="k3Lm"><div class="p8Qr">` +
  `<h1>Night ferry returns</h1><div class="s2Tt">${body}${after}</div></div></div></body></html>`;

const run = (html: string, off = false): string => {
  trimTrace.on = off ? (why) => why === 'comment-tail' : null;
  try {
    return extractArticle({ bytes: html }).text ?? '';
  } finally {
    trimTrace.on = null;
  }
};

test('a closed comment section (heading, a feed notice, an empty list, the closed notice) goes after the story', () => {
  const after =
    `<div class="c7Ww"><h3 class="h1Aa">Comments</h3><div class="f4Bb"><p><a href="/feed.xml"><img src="/feed.png" width="10" height="10" alt=""></a> You can follow this conversation by subscribing to the <a href="/feed.xml">comment feed</a> for this post.</p></div><div class="l9Cc"></div></div>` +
    `<p class="x5Dd">The comments to this entry are closed.</p>`;
  const text = run(page(post, after));
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(4)), text);
  assert.ok(!text.includes('follow this conversation') && !text.includes('closed'), text);
  const off = run(page(post, after), true);
  assert.ok(off.includes('follow this conversation') || off.includes('closed'), off);
});

test('a thread of two comments under its count goes with the count', () => {
  const item = (who: string, words: string): string =>
    `<div class="r6Ee"><p>${words}</p><p class="m2Ff">October 15, 2012 | ${who}</p></div>`;
  const after =
    `<div class="t1Gg"><h3 class="h9Hh">Reader Comments (2)</h3>` +
    item('Danae', 'We loved the old night boat and cannot wait to take the children across on it again this summer, thank you!') +
    item('Rob', 'Finally some good news for the island.') +
    '</div>';
  const text = run(page(post, after));
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('Reader Comments') && !text.includes('children across'), text);
  const off = run(page(post, after), true);
  assert.ok(off.includes('children across'), off);
});

test('the prompts and notices left around a comment form go (the form itself is stage 1 furniture)', () => {
  const after =
    `<div class="q3Ii"><h3 class="v8Jj">Leave a Comment</h3>` +
    `<p class="w2Kk">The ferry board reserves the right to delete comments which contain profanity, personal attacks or advertising for a business.</p>` +
    `<form method="post" action="/c"><p><input name="author"> Name</p><p><input name="email"> Email</p><p><input name="url"> Website</p><textarea name="comment"></textarea><input type="submit" value="Submit"></form></div>`;
  const text = run(page(post, after));
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('Leave a Comment') && !text.includes('reserves the right'), text);
  const off = run(page(post, after), true);
  assert.ok(off.includes('reserves the right'), off);
});

test('a label read inside a larger block: an unclosed <a name> wraps the heading and the sign-in notice in one block', () => {
  const after =
    '<div class="z4Xx"><a name="comment_list" /><h2>Comments (0)</h2><span class="z9Yy"><a name="comments"></a>You must be logged in to post comments. <a href="/login">Log in.</a></span></div>';
  const text = run(page(post, after));
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('Comments (0)') && !text.includes('logged in'), text);
  const off = run(page(post, after), true);
  assert.ok(off.includes('logged in'), off);
});

test('a page that is 95% comments, with hashed names, a count and a form: the post alone, as documented for named threads', () => {
  // bad-input.test.ts's page with its names hashed: the thread goes by shape (thread-blocks.ts, each
  // comment dated, with a reply link), and this rule must not take the post with the count above it.
  const comments: string[] = [];
  for (let i = 1; i <= 150; i++)
    comments.push(
      `<li class="g4Nn" id="z${1000 + i}"><p class="a7Oo">Reader ${i} said on March ${(i % 28) + 1}, 2024:</p><p>Comment number ${i} agrees with some of this and disagrees with the rest, at length, as comment threads do, with more words than the post had.</p><a href="#z${1000 + i}">Reply</a></li>`,
    );
  const short =
    '<p>The old lighthouse on the point was lit again on Saturday night, after eleven years dark, by volunteers who restored its lamp.</p><p>The keeper’s cottage will open as a small museum in the spring.</p>';
  const after =
    `<div class="b1Pp"><h2 class="y6Qq">150 comments</h2><ol class="u5Rr">${comments.join('')}</ol>` +
    `<div class="e3Ss"><h3>Leave a Reply</h3><form method="post" action="/c"><textarea name="comment"></textarea><input name="email" type="email"><input type="submit" value="Post"></form></div></div>`;
  for (const off of [false, true]) {
    const text = run(page(short, after), off);
    assert.ok(text.includes('The old lighthouse on the point was lit again'), text.slice(0, 300));
    assert.ok(text.includes('open as a small museum in the spring'), text);
    assert.ok(!text.includes('Comment number') && !text.includes('Reader 1 said'), text.slice(0, 600));
  }
});

test('a question and its answer keep the answer: an "add a comment" link under the question is no label', () => {
  // The question is longer than the answer, so only the link guard keeps the answer here.
  const question = [1, 2, 3]
    .map(
      (n) =>
        `<p>Question, part ${n}: does the second boat on summer weekends need a new permit from the harbour office, or is it covered by the licence the night crossing already runs under?</p>`,
    )
    .join('');
  const answer =
    '<div class="n2Tt"><p>Answer: the second boat is covered by the summer licence, so it needs no new permit from the harbour office.</p></div>';
  const html = page(`${question}<a class="o1Uu" href="#" onclick="return false">add a comment</a>${answer}`, '');
  const text = run(html);
  assert.ok(text.includes('Question, part 3') && text.includes('Answer: the second boat'), text);
});

test("readers' letters under a label keep the letters: more prose after a label than before it is kept", () => {
  const letters = page(
    `<p>${sentence(1)}</p><h2 class="j5Vv">Readers' comments</h2>${[2, 3, 4, 5]
      .map((n) => `<p>${sentence(n).replace('The ferry board said', 'As a reader I think')}</p>`)
      .join('')}`,
    '',
  );
  const text = run(letters);
  assert.ok(text.includes('As a reader I think on its 2th sitting') && text.includes('As a reader I think on its 5th sitting'), text);
});

test('a story line that only mentions comments stays: labels are whole short lines after the story began', () => {
  const body = `${post}<p>Comments from the island council are expected on Monday, after its own sitting on the timetable.</p><p class="z1Ww">No comment.</p><p>${sentence(5)}</p>`;
  const text = run(page(body, ''));
  assert.ok(text.includes('No comment.') && text.includes(sentence(5)), text);
});

test('a table whose column head is "Comment" keeps the story after it: a cell is a value, not a label', () => {
  const row = (a: string, b: string, c: string): string => `<tr><td><p>${a}</p></td><td><p>${b}</p></td><td><p>${c}</p></td></tr>`;
  const table = `<table>${row('<b>Status</b>', '<b>Next</b>', '<b>Comment</b>')}${row('new', 'queued', 'Picked up when ready.')}${row('queued', 'started', 'Requeued after a timeout.')}</table>`;
  const html = page(`${post}${table}<p>${sentence(5)}</p>`, '');
  const text = run(html);
  assert.ok(text.includes(sentence(5)) && text.includes('Requeued after a timeout'), text);
});

test('a story section headed "Comments" with more sections after it keeps them: the story goes on', () => {
  const body =
    `${post}<h2 class="r1Zz">Comments</h2><p>${sentence(5).replace('The ferry board said', 'The code review found')}</p>` +
    `<h2 class="r1Zz">Conclusion</h2><p>${sentence(6)}</p>`;
  const text = run(page(body, ''));
  assert.ok(text.includes('The code review found') && text.includes(sentence(6)), text);
});

test('a heading ranked below the label belongs to the comment section: "Comments", then "Your view counts" and its call, go', () => {
  const after =
    '<h2 class="r1Zz">Comments</h2><h3 class="r2Zz">Your view counts</h3>' +
    '<p class="r3Zz">Join our community and talk with us: you need a reader account, which takes a minute to make and costs nothing.</p>' +
    '<div class="r4Zz"><a href="/login">Log in</a> <a href="/register">Register</a></div>';
  const text = run(page(post, after));
  assert.ok(text.includes(sentence(4)), text);
  assert.ok(!text.includes('Join our community'), text);
  const off = run(page(post, after), true);
  assert.ok(off.includes('Join our community'), off);
});

// x-opening: the trackback list of a blog's comment section (Movable Type, TypePad, WordPress):
// the notes other blogs' software sent when they linked to the post, under the protocol's name.
test('a TypePad trackback section (its heading, the trackback address, the list of blogs that link here) goes after the post', () => {
  const after =
    '<div class="k1Tb"><h3 class="k2Tb">TrackBack</h3>' +
    '<p class="k3Tb">TrackBack URL for this entry:<br>https://www.example.org/services/trackback/6a00e5521</p>' +
    '<p class="k4Tb">Listed below are links to weblogs that reference Night ferry returns:</p>' +
    '<div class="k5Tb"><p><a href="https://islandblog.example.net/ferry">Back on the water</a> from Island notes: the night boat is running again, and we were on the first crossing with forty other people.</p></div></div>';
  const text = run(page(post, after));
  assert.ok(text.includes(sentence(1)) && text.includes(sentence(4)), text);
  assert.ok(!text.includes('TrackBack') && !text.includes('Listed below') && !text.includes('first crossing'), text);
  const off = run(page(post, after), true);
  assert.ok(off.includes('Listed below'), off);
});

test('a WordPress "Trackbacks/Pingbacks" list goes; a story section about trackbacks, with more sections after it, stays', () => {
  const body =
    `${post}<h2 class="r1Zz">Trackbacks</h2><p>${sentence(5).replace('The ferry board said', 'Old blogs told each other')}</p>` +
    `<h2 class="r1Zz">Why they faded</h2><p>${sentence(6)}</p>`;
  const after =
    '<h3 class="p1Pb">Trackbacks/Pingbacks</h3><ol class="p2Pb">' +
    '<li><a href="https://harbour.example.com/2012/ferry">Harbour diary: the night ferry, week one</a> - [...] the board said on its 4th sitting that the crossing would run again [...]</li>' +
    '<li><a href="https://coast.example.com/boats">Boats of the coast</a> - [...] a second boat on summer weekends [...]</li></ol>';
  const text = run(page(body, after));
  assert.ok(text.includes('Old blogs told each other') && text.includes(sentence(6)), text);
  assert.ok(!text.includes('Trackbacks/Pingbacks') && !text.includes('Harbour diary'), text);
  const off = run(page(body, after), true);
  assert.ok(off.includes('Harbour diary'), off);
});
