// Measures written for alphabetic text, read on Chinese and Japanese (cjk.ts): a word ends at a
// space, and a sentence runs to 80 characters or more. Chinese puts no space between words and
// says in 30–40 characters what English says in 80–120. The pages are written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { BLOCK_MODEL } from '../../../src/ingest/extract/block-model.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { blockFeatures, DENSE_FEATURES } from '../../../src/ingest/extract/learned-blocks.js';
import { blockOf, blocksOf } from '../../../src/ingest/extract/trim.js';
import { cjkCount, weightedLength } from '../../../src/ingest/extract/cjk.js';
import { withModel } from './helpers.js';

const ZH = [
  '市议会星期二晚上投票决定关闭河上的老桥进行维修，此前工程师在上个月的检查中发现两个桥墩出现裂缝。',
  '市议会表示，车辆将绕行市中心至少六个星期，关闭的桥旁边将在月底前开放一座临时人行桥。',
  '主街上的店主说，他们担心绕行会让顾客不再上门，而北区居民则对这一决定表示欢迎。',
];

function body(html: string): DomElement {
  const doc = parseDocument(`<!doctype html><html><head><title>t</title></head><body><div id="b">${html}</div></body></html>`);
  return doc.querySelector('#b') as DomElement;
}

test('CJK characters are counted and weighed; other text is not', () => {
  assert.equal(cjkCount('老桥 closed 今天'), 4);
  assert.equal(cjkCount('東京タワー 서울'), 7);
  assert.equal(weightedLength('plain text'), 10);
  assert.equal(weightedLength('老桥ab'), 8);
});

test('a Chinese sentence of 40 characters is prose to the trim; a Latin line of 40 is not', () => {
  for (const s of ZH) {
    assert.ok(s.length < 80, 'the sentence is shorter than the Latin threshold');
    assert.equal(blockOf(body(`<p>${s}</p>`).firstChild as DomElement)?.cls, 'good', s);
  }
  const latin = 'Traffic will be diverted for six weeks.';
  assert.equal(blockOf(body(`<p>${latin}</p>`).firstChild as DomElement)?.cls, 'neutral');
  // Link text stays link text whatever the script: a short line of Chinese links is not prose.
  assert.equal(blockOf(body(`<p><a href="/a">${ZH[1]}</a></p>`).firstChild as DomElement)?.cls, 'bad');
});

test('the learned stage counts each Chinese character as a word, as a word-segmenting tokenizer roughly would', () => {
  const root = body(ZH.map((s) => `<p>${s}</p>`).join(''));
  const blocks = blocksOf(root);
  const rows = blockFeatures(blocks, root, BLOCK_MODEL.buckets);
  const w = DENSE_FEATURES.indexOf('log_words');
  for (let i = 0; i < blocks.length; i++) {
    const chars = cjkCount(blocks[i]!.str);
    assert.equal(rows[i]![w], Math.log1p(chars) / 4, blocks[i]!.str);
  }
});

test('closing lines that quote Chinese headlines are not taken for labels by the learned stage', () => {
  const paragraphs = [
    'The regional council voted on Tuesday evening to close the old bridge over the river for repairs, after engineers found cracks in two of its supporting piers during an inspection last month.',
    'Traffic will be diverted through the town centre for at least six weeks, the council said, and a temporary footbridge is to open next to the closed crossing by the end of the month.',
    'Shop owners on the main street said they feared the diversion would keep customers away, while residents of the northern district welcomed the decision as overdue after years of complaints.',
    'How the morning papers in Beijing put the story on their front pages:',
  ];
  const lines = [
    'Beijing Morning Post: 老桥今天关闭维修',
    'Beijing Evening News: 市中心交通绕行六周',
    'Beijing Youth Daily: 临时人行桥月底开放',
  ];
  const html = `<!doctype html><html lang="en"><head><title>Old bridge to close for repairs | Valley Post</title></head><body><div id="main"><h1>Old bridge to close for repairs</h1><div class="story">${[...paragraphs, ...lines].map((p) => `<p>${p}</p>`).join('')}</div></div></body></html>`;
  const text = withModel(BLOCK_MODEL, () => extractArticle({ bytes: Buffer.from(html) }).text ?? '');
  for (const l of lines) assert.ok(text.includes(l), l);
});

test('a Chinese, Japanese or Korean publication date line is a date line; a bare time label is not', () => {
  for (const line of [
    '发布时间：2022-02-06 13:48',
    '發表日期: 2021年5月3日',
    '发表时间： 06/02/2022 - 13:48',
    '公開日：2023年4月1日',
    '기사입력 2023.04.01 10:00',
  ]) {
    assert.equal(blockOf(body(`<p>${line}</p>`).firstChild as DomElement)?.cls, 'meta', line);
  }
  // An event notice's time line ("时间：" alone) is the notice's text.
  assert.notEqual(blockOf(body('<p>时间：2022年3月1日上午9时</p>').firstChild as DomElement)?.cls, 'meta');
});

test('the date line the template sets above a Chinese story goes with the furniture', () => {
  const html = `<!doctype html><html lang="zh"><head><title>老桥将关闭维修</title></head><body><div id="main"><h1>老桥将关闭维修</h1><div class="story"><p>发布时间：2022-02-06 13:48</p>${[...ZH, ...ZH].map((p) => `<p>${p}</p>`).join('')}</div></div></body></html>`;
  const text = extractArticle({ bytes: Buffer.from(html) }).text ?? '';
  assert.ok(text.includes(ZH[0]!));
  assert.ok(!text.includes('发布时间'), text.slice(0, 80));
});
