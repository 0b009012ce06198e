// The arithmetic of scripts/extract-eval-lib.mjs (the extraction-quality scorer), on tiny
// hand-made examples whose scores are worked out by hand in the comments. Reads nothing from
// ../shared and no data set: the scorer alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/repo.js';

type PageScore = { p: number | null; r: number; f1: number; tp: number; extracted: number; gold: number };
type Lib = {
  normalize(text: string): string;
  tokenize(text: string): string[];
  scorePage(extracted: string, gold: string, opts?: { ngram?: number }): PageScore;
  aggregate(
    scores: PageScore[],
    opts?: { lowF1?: number },
  ): {
    pages: number;
    p: number | null;
    r: number | null;
    f1: number | null;
    pageF1: number | null;
    low: number;
    empty: number;
  };
  htmlToText(html: string): string;
  decodePage(buf: Buffer): string;
  splitCommand(s: string): string[];
  goldVariants(gold: string, optional?: number[], opts?: { maxOptional?: number }): string[];
  scorePageBest(extracted: string, golds: string[], opts?: { ngram?: number }): PageScore;
  hashName(token: string): string;
  transformNames(buf: Buffer, mode: string): Buffer;
  parseTransform(mode: string): { names: string | null; plainTags: boolean };
};

const lib = (await import(pathToFileURL(join(repoRoot(), 'scripts', 'extract-eval-lib.mjs')).href)) as Lib;
const close = (a: number | null, b: number, msg?: string) => {
  assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${msg ?? ''} ${a} != ${b}`);
};

test('tokenize: words of letters, marks and digits; case folded; punctuation dropped', () => {
  assert.deepEqual(lib.tokenize('The cat, the HAT — 2 cats!'), ['the', 'cat', 'the', 'hat', '2', 'cats']);
  // NFKC: the ligature and the full-width digits become plain letters and digits.
  assert.deepEqual(lib.tokenize('ﬁne １２'), ['fine', '12']);
  // A combining accent stays inside its word.
  assert.deepEqual(lib.tokenize('cafe\u0301 ok'), ['café', 'ok']);
});

test('tokenize: Arabic and Persian words, with ZWNJ, tatweel and letter variants folded', () => {
  // Persian "می‌خواهم" with a ZWNJ is one token, the same as typed without it.
  assert.deepEqual(lib.tokenize('من می\u200Cخواهم'), lib.tokenize('من میخواهم'));
  assert.equal(lib.tokenize('من می\u200Cخواهم').length, 2);
  // Arabic kaf/yeh and Persian keheh/yeh match; the tatweel is ignored.
  assert.deepEqual(lib.tokenize('كتابي'), lib.tokenize('کتابی'));
  assert.deepEqual(lib.tokenize('كتــاب'), lib.tokenize('كتاب'));
  // Arabic diacritics (combining marks) stay inside the word: no split.
  assert.equal(lib.tokenize('كَتَبَ الوَلَدُ').length, 2);
});

test('tokenize: scripts without spaces give one token per character; Korean keeps its words', () => {
  assert.deepEqual(lib.tokenize('東京は晴れ'), ['東', '京', 'は', '晴', 'れ']);
  assert.deepEqual(lib.tokenize('서울 시내'), ['서울', '시내']);
  assert.deepEqual(lib.tokenize('ภาษาไทย'), ['ภ', 'า', 'ษ', 'า', 'ไ', 'ท', 'ย']);
});

test('scorePage: bag-of-words precision, recall and F1 worked out by hand', () => {
  // Example 1. gold = {the:2, cat:1, sat:1, on:1, mat:1} (6 tokens)
  //            extracted = {the:2, cat:1, sat:1, share:1, this:1, story:1, on:1} (8 tokens)
  // tp = 2 (the) + 1 (cat) + 1 (sat) + 1 (on) = 5;  P = 5/8;  R = 5/6;  F1 = 2PR/(P+R) = 50/70 = 5/7.
  const s1 = lib.scorePage('The cat sat. Share this story. The on', 'The cat sat on the mat.');
  assert.equal(s1.tp, 5);
  assert.equal(s1.extracted, 8);
  assert.equal(s1.gold, 6);
  close(s1.p, 5 / 8);
  close(s1.r, 5 / 6);
  close(s1.f1, 5 / 7);

  // Example 2. Repeated tokens count with multiplicity: gold = {a:3, b:1}, extracted = {a:1, b:2, c:1}.
  // tp = min(1,3) + min(2,1) = 2;  P = 2/4;  R = 2/4;  F1 = 1/2.
  const s2 = lib.scorePage('a b b c', 'a a a b');
  assert.equal(s2.tp, 2);
  close(s2.p, 0.5);
  close(s2.r, 0.5);
  close(s2.f1, 0.5);

  // Order does not matter for the bag; it does for shingles (n = 2):
  // gold bigrams {a b, b c}; extracted "c a b" bigrams {c a, a b}: tp = 1, P = R = 1/2.
  close(lib.scorePage('c b a', 'a b c').f1, 1);
  const s3 = lib.scorePage('c a b', 'a b c', { ngram: 2 });
  close(s3.p, 0.5);
  close(s3.r, 0.5);
});

test('scorePage: empty extraction has no precision, zero recall and zero F1', () => {
  const s = lib.scorePage('', 'some gold text');
  assert.equal(s.p, null);
  assert.equal(s.r, 0);
  assert.equal(s.f1, 0);
  // Punctuation only is empty too.
  assert.equal(lib.scorePage(' — … !', 'gold').p, null);
  // Nothing shared: P = R = F1 = 0.
  const z = lib.scorePage('menu home login', 'the article');
  assert.deepEqual([z.p, z.r, z.f1], [0, 0, 0]);
});

test('aggregate: P averaged over non-empty pages, R over all, F1 the harmonic mean of the two', () => {
  const a = lib.scorePage('The cat sat. Share this story. The on', 'The cat sat on the mat.'); // P 5/8, R 5/6, F1 5/7
  const b = lib.scorePage('a b b c', 'a a a b'); // P 1/2, R 1/2, F1 1/2
  const c = lib.scorePage('', 'lost page'); // P -, R 0, F1 0
  const agg = lib.aggregate([a, b, c]);
  const P = (5 / 8 + 1 / 2) / 2; // 9/16
  const R = (5 / 6 + 1 / 2 + 0) / 3; // 4/9
  assert.equal(agg.pages, 3);
  close(agg.p, P);
  close(agg.r, R);
  close(agg.f1, (2 * P * R) / (P + R));
  close(agg.pageF1, (5 / 7 + 1 / 2 + 0) / 3);
  assert.equal(agg.low, 1); // only c is below 0.5 (b is exactly 0.5)
  assert.equal(agg.empty, 1);
});

test('htmlToText separates blocks, so words are not glued across paragraphs', () => {
  const t = lib.htmlToText('<p>end</p><p>Next <b>bold</b><br>line</p><script>x()</script><ul><li>one</li><li>two</li></ul>');
  assert.deepEqual(lib.tokenize(t), ['end', 'next', 'bold', 'line', 'one', 'two']);
  assert.ok(!t.includes('endNext'));
});

test('decodePage follows the declared charset, with windows-1252 for latin1 labels', () => {
  const bytes = Buffer.concat([
    Buffer.from('<meta charset="iso-8859-1"><p>'),
    Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]),
    Buffer.from('</p>'),
  ]);
  assert.ok(lib.decodePage(bytes).includes('\u201Ccafé\u201D'));
  assert.ok(lib.decodePage(Buffer.from('<p>caf\u00e9</p>', 'utf8')).includes('café'));
});

test('splitCommand splits like a shell for quotes and escapes', () => {
  assert.deepEqual(lib.splitCommand(`node "dist/my cli.js" extract --x='a b' c\\ d`), [
    'node',
    'dist/my cli.js',
    'extract',
    '--x=a b',
    'c d',
  ]);
});

test('goldVariants: every way of dropping the optional paragraphs, the full gold first', () => {
  const gold = 'alpha beta\n\nstandfirst words\n\ngamma delta\n\neditor note\n';
  // No optional paragraph: the gold as it is, once.
  assert.deepEqual(lib.goldVariants(gold, []), [gold]);
  assert.deepEqual(lib.goldVariants(gold), [gold]);
  // Paragraphs 1 and 3 optional: 4 variants, by bit mask (1 dropped, 3 dropped, both).
  assert.deepEqual(lib.goldVariants(gold, [1, 3]), [
    'alpha beta\n\nstandfirst words\n\ngamma delta\n\neditor note',
    'alpha beta\n\ngamma delta\n\neditor note',
    'alpha beta\n\nstandfirst words\n\ngamma delta',
    'alpha beta\n\ngamma delta',
  ]);
  // Over the limit: only all of them kept and all of them dropped.
  assert.deepEqual(lib.goldVariants(gold, [1, 3], { maxOptional: 1 }), [
    'alpha beta\n\nstandfirst words\n\ngamma delta\n\neditor note',
    'alpha beta\n\ngamma delta',
  ]);
  assert.throws(() => lib.goldVariants(gold, [4]), /not in the gold/);
});

test('scorePageBest: the variant with the highest F1, the first on a tie', () => {
  const golds = ['one two three four', 'one two'];
  // Extracted "one two": against the first P 1, R 0.5, F1 2/3; against the second F1 1.
  const best = lib.scorePageBest('one two', golds);
  close(best.f1, 1);
  assert.equal(best.gold, 2);
  // Extracted "one two three four": the first variant scores 1 and is kept.
  assert.equal(lib.scorePageBest('one two three four', golds).gold, 4);
  // A tie (nothing matches either): the first variant's counts.
  assert.equal(lib.scorePageBest('zzz', golds).gold, 4);
});

test('transformNames: class and id words hashed (same word, same stand-in) or dropped; nothing else moves', () => {
  const page =
    '<!doctype html><html class="no-js"><!-- <p class="note"> --><body id=top>' +
    '<div class=\'comment  list\' data-role="comment" ID="c1"><p class>Grüße</p><img src=a.png class=shot>' +
    '<script>var t = \'<div class="share">\';</script><a href="#top" class="share" id = "s">x</a></div></body>';
  const h = (t: string) => lib.hashName(t);
  const hashed = lib.transformNames(Buffer.from(page, 'utf8'), 'hash-names').toString('utf8');
  assert.equal(
    hashed,
    `<!doctype html><html class="${h('no-js')}"><!-- <p class="note"> --><body id=${h('top')}>` +
      `<div class='${h('comment')}  ${h('list')}' data-role="comment" ID="${h('c1')}"><p class>Grüße</p><img src=a.png class=${h('shot')}>` +
      `<script>var t = '<div class="share">';</script><a href="#top" class="${h('share')}" id = "${h('s')}">x</a></div></body>`,
  );
  // A stand-in is stable and carries no word of the name.
  assert.equal(lib.hashName('comment'), lib.hashName('comment'));
  assert.notEqual(lib.hashName('comment'), lib.hashName('comments'));
  assert.match(lib.hashName('comment'), /^z[0-9]+$/);
  const dropped = lib.transformNames(Buffer.from(page, 'utf8'), 'drop-names').toString('utf8');
  // Comments and scripts are left as they are: only attributes of tags lose their names.
  assert.ok(!/\b(class|id)\b\s*=/i.test(dropped.replace(/<script>.*<\/script>/, '').replace(/<!--.*?-->/g, '')), dropped);
  assert.ok(dropped.includes('data-role="comment"') && dropped.includes('Grüße') && dropped.includes('class="share"'));
  // Bytes outside the names stay as they were, whatever the encoding (here a windows-1252 é).
  const latin = Buffer.from([...Buffer.from('<p class="a">caf'), 0xe9, ...Buffer.from('</p>')]);
  assert.deepEqual(
    lib.transformNames(latin, 'hash-names'),
    Buffer.from([...Buffer.from(`<p class="${h('a')}">caf`), 0xe9, ...Buffer.from('</p>')]),
  );
});

test('transformNames plain-tags: semantic elements made <div>/<span>, roles and <time> stamps dropped; combines with hash-names', () => {
  const page =
    '<!doctype html><body role="document"><MAIN id=m><ARTICLE class="story" role=article><header><h1>T</h1>' +
    '<time datetime="2020-01-02" pubdate class=d>2 Jan</time></header><p>a <mark>b</mark> c</p>' +
    '<figure><img src=x.png><figcaption>cap</figcaption></figure><aside role=complementary>rel</aside>' +
    '<script>var t = "<nav role=navigation>";</script><!-- <section> --></Article><nav/></main>' +
    '<footer data-time="x"><address>addr</address><details><summary>s</summary>d</details></footer></body>';
  const plain = lib.transformNames(Buffer.from(page, 'utf8'), 'plain-tags').toString('utf8');
  assert.equal(
    plain,
    '<!doctype html><body ><div id=m><div class="story" ><div><h1>T</h1>' +
      '<span   class=d>2 Jan</span></div><p>a <span>b</span> c</p>' +
      '<div><img src=x.png><div>cap</div></div><div >rel</div>' +
      '<script>var t = "<nav role=navigation>";</script><!-- <section> --></div><div/></div>' +
      '<div data-time="x"><div>addr</div><div><div>s</div>d</div></div></body>',
  );
  // Both at once: names hashed, tags made plain, in one pass.
  const h = (t: string) => lib.hashName(t);
  assert.equal(
    lib
      .transformNames(Buffer.from('<aside class="rail" role="complementary"><time datetime=x>1</time></aside>'), 'hash-names,plain-tags')
      .toString(),
    `<div class="${h('rail')}" ><span >1</span></div>`,
  );
  assert.deepEqual(lib.parseTransform('plain-tags,hash-names'), { names: 'hash-names', plainTags: true });
  assert.throws(() => lib.parseTransform('hash-names,drop-names'));
  assert.throws(() => lib.parseTransform('plain'));
});
