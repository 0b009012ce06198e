import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from '../../src/text/html-to-text.js';

test('paragraphs are separated by a blank line, entities decoded', () => {
  assert.equal(htmlToText('<p>Hello <b>world</b></p><p>AT&amp;T &lt;3 &eacute;t&eacute;</p>'), 'Hello world\n\nAT&T <3 été');
});

test('words are never glued across block tags, but inline tags join as written', () => {
  assert.equal(htmlToText('<div>one</div><div>two</div>'), 'one\n\ntwo');
  assert.equal(htmlToText('<h2>Title</h2>Body text'), 'Title\n\nBody text');
  assert.equal(htmlToText('fo<b>o</b> <i>bar</i>'), 'foo bar');
  assert.equal(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>'), 'a b\nc');
  assert.equal(htmlToText('<ul><li>first</li><li>second</li></ul>after'), 'first\nsecond\n\nafter');
  assert.equal(htmlToText('left<img src="x.png">right'), 'left right');
});

test('line breaks: one <br> is a new line, two are a paragraph break', () => {
  assert.equal(htmlToText('one<br>two<br><br>three'), 'one\ntwo\n\nthree');
});

test('script, style and other non-content are removed', () => {
  assert.equal(htmlToText('<script>var x = "<p>no</p>";</script>  <style>p{color:red}</style>text<noscript>enable js</noscript>'), 'text');
  assert.equal(htmlToText('<head><title>T</title></head><body><p>b</p></body>'), 'b');
  assert.equal(htmlToText('a<svg><text>svg text</text></svg>b'), 'ab');
});

test('whitespace collapses, including newlines and non-breaking spaces; the ends are trimmed', () => {
  assert.equal(htmlToText('  <p>  lots \n\t of   space&nbsp;&nbsp;here </p>  '), 'lots of space here');
  assert.equal(htmlToText(''), '');
  assert.equal(htmlToText('<p></p><div> </div>'), '');
});

test('Persian zero-width non-joiner and Arabic text survive untouched', () => {
  assert.equal(htmlToText('<p dir="rtl">می‌شود <b>امروز</b></p><p>قالت الحكومة</p>'), 'می‌شود امروز\n\nقالت الحكومة');
});

test('malformed HTML still yields its text', () => {
  assert.equal(htmlToText('<p>unclosed <b>bold <p>next'), 'unclosed bold\n\nnext');
  assert.equal(htmlToText('text with a < sign and & amp'), 'text with a < sign and & amp');
});
