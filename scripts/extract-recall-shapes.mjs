#!/usr/bin/env node
// Story shapes the recall brief named, built as synthetic pages (x-recall2): a body cut by an ad
// slot, a pull quote, an inline promo, a newsletter box or a share bar; a story in two sibling
// containers; short or linked last paragraphs; lists, tables, headings and Q&A lines inside the
// body; a lead paragraph outside the body's container; a table layout; a long rail beside a short
// story. Each page is read by extractArticle and by Readability on linkedom, with its names as
// written and hashed; prints token recall and precision against the story text the page was built
// from. No data set is read.
//
//   npm run build && node scripts/extract-recall-shapes.mjs
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { extractArticle } = await import(join(ROOT, 'dist/src/ingest/extract/index.js'));
const { readabilityExtract, scorePage } = await import(join(ROOT, 'scripts/extract-eval-lib.mjs'));
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rnd() * a.length)];
const S = [
  'The council',
  'Local farmers',
  'The new mayor',
  'Engineers at the plant',
  'Residents of the valley',
  'The regional hospital',
  'Teachers in the district',
  'The transport authority',
  'A group of volunteers',
  'The harbour company',
];
const V = [
  'announced plans to rebuild',
  'voted against expanding',
  'spent months studying',
  'asked for more money to repair',
  'complained about delays in',
  'celebrated the reopening of',
  'questioned the cost of',
  'agreed to share',
];
const O = [
  'the old bridge over the river',
  'the northern rail line',
  'a flood barrier near the estuary',
  'the covered market',
  'two primary schools',
  'the water treatment works',
  'a wind farm on the ridge',
  'the central library',
];
const T = [
  'after a long winter of storms',
  'despite objections from neighbours',
  'before the election in May',
  'with support from national funds',
  'following a critical report',
  'while prices kept rising',
];
const sent = () => `${pick(S)} ${pick(V)} ${pick(O)} ${pick(T)}.`;
const para = (n = 3) => `<p>${Array.from({ length: n }, sent).join(' ')}</p>`;
const paras = (k, n = 3) => Array.from({ length: k }, () => para(n)).join('\n');
const shortP = () => `<p>${sent()}</p>`;
const nav = `<header><nav><ul>${['Home', 'News', 'Sport', 'Business', 'Culture', 'Weather'].map((x) => `<li><a href="/${x}">${x}</a></li>`).join('')}</ul></nav></header>`;
const side = `<aside class="sidebar"><h3>Most read</h3><ul>${Array.from({ length: 5 }, (_, i) => `<li><a href="/story/${i}">${pick(S)} ${pick(V)} ${pick(O)}</a></li>`).join('')}</ul></aside>`;
const foot = `<footer><p>Copyright 2024 Valley Gazette. All rights reserved.</p><ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>`;
const page = (body, cls = 'story-body') =>
  `<!doctype html><html><head><title>Valley council story | Valley Gazette</title></head><body>${nav}<main><article><h1>Valley council story</h1><p class="byline">By Jane Reporter</p><div class="${cls}">${body}</div></article>${side}</main>${foot}</body></html>`;
const pageRaw = (inner) =>
  `<!doctype html><html><head><title>Valley council story | Valley Gazette</title></head><body>${nav}<main><h1>Valley council story</h1><p class="byline">By Jane Reporter</p>${inner}${side}</main>${foot}</body></html>`;
const cases = {
  'mid ad block': () => {
    const a = paras(4),
      b = paras(4);
    return {
      html: page(`${a}<div class="ad-slot"><span>Advertisement</span><div><iframe src="https://ads.example/x"></iframe></div></div>${b}`),
      gold: a + b,
    };
  },
  'pull quote': () => {
    const a = paras(3),
      q = `<blockquote class="pullquote"><p>${sent()}</p></blockquote>`,
      b = paras(3);
    return { html: page(a + q + b), gold: a + b };
  },
  'inline read-more link': () => {
    const a = paras(3),
      b = paras(3);
    return { html: page(`${a}<p><strong>Read more:</strong> <a href="/other">${sent()}</a></p>${b}`), gold: a + b };
  },
  'inline related box mid': () => {
    const a = paras(3),
      b = paras(3);
    return {
      html: page(
        `${a}<div class="related"><h4>Related</h4><ul>${Array.from({ length: 3 }, (_, i) => `<li><a href="/r${i}">${sent()}</a></li>`).join('')}</ul></div>${b}`,
      ),
      gold: a + b,
    };
  },
  'newsletter box mid': () => {
    const a = paras(3),
      b = paras(3);
    return {
      html: page(
        `${a}<div class="newsletter"><h4>Get our morning briefing</h4><p>Sign up for our newsletter to get the news first.</p><form><input type="email"><button>Sign up</button></form></div>${b}`,
      ),
      gold: a + b,
    };
  },
  'two sibling body parts': () => {
    const a = paras(3),
      b = paras(3);
    return {
      html: pageRaw(
        `<div class="col"><div class="part">${a}</div><div class="ad-slot"><iframe src="https://ads.example/x"></iframe></div><div class="part">${b}</div></div>`,
      ),
      gold: a + b,
    };
  },
  'two sibling parts, promo between': () => {
    const a = paras(4),
      b = paras(4);
    return {
      html: pageRaw(
        `<div class="col"><div class="text">${a}</div><div class="promo"><a href="/sub"><img src="/p.jpg"></a><p>Subscribe today for unlimited access.</p></div><div class="text">${b}</div></div>`,
      ),
      gold: a + b,
    };
  },
  'short last paragraphs': () => {
    const a = paras(5),
      b = shortP() + shortP() + shortP();
    return { html: page(a + b), gold: a + b };
  },
  'headings and list in body': () => {
    const a = paras(2),
      l = `<h2>What happens next</h2><ul>${Array.from({ length: 4 }, () => `<li>${sent()}</li>`).join('')}</ul>`,
      b = paras(2);
    return { html: page(a + l + b), gold: a + l + b };
  },
  'data table in body': () => {
    const a = paras(3),
      t = `<table><tr><th>Year</th><th>Cost</th><th>Project</th></tr>${Array.from({ length: 4 }, (_, i) => `<tr><td>${2020 + i}</td><td>${(i + 3) * 1.5} million</td><td>${pick(O)}</td></tr>`).join('')}</table>`,
      b = paras(2);
    return { html: page(a + t + b), gold: a + t + b };
  },
  'br-separated text': () => {
    const s = Array.from({ length: 6 }, () => Array.from({ length: 3 }, sent).join(' '));
    return { html: page(s.join('<br><br>\n')), gold: s.join('\n\n') };
  },
  'last para call to action': () => {
    const a = paras(5),
      b = `<p>Tickets for the reopening cost five pounds and can be booked at the library desk or by calling 01234 567890.</p>`;
    return { html: page(a + b), gold: a + b };
  },
  'last para after figure': () => {
    const a = paras(4),
      f = `<figure><img src="/x.jpg"><figcaption>The bridge in March. Photo: J. Smith</figcaption></figure>`,
      b = paras(2);
    return { html: page(a + f + b), gold: a + b };
  },
  'q and a short lines': () => {
    const qa = Array.from({ length: 6 }, () => `<p><strong>Q:</strong> ${sent()}</p><p><strong>A:</strong> ${sent()} ${sent()}</p>`).join(
      '',
    );
    const a = paras(2);
    return { html: page(a + qa), gold: a + qa };
  },
  'body parts in divs with embed': () => {
    const a = paras(3),
      b = paras(3);
    return {
      html: page(
        `${a}<div class="embed"><blockquote class="twitter-tweet"><p>${sent()}</p>— Someone (@someone) <a href="https://twitter.com/x/status/1">May 1, 2024</a></blockquote></div>${b}`,
      ),
      gold: a + b,
    };
  },
  'editor note last italic': () => {
    const a = paras(4),
      b = `<p><em>This story has been updated to include comments from the transport authority.</em></p>`;
    return { html: page(a + b), gold: a + b };
  },
  'story continues after "Advertisement" text': () => {
    const a = paras(3),
      b = paras(3);
    return { html: page(`${a}<p class="x9">Advertisement</p>${b}`), gold: a + b };
  },
  'story continues after inline video': () => {
    const a = paras(3),
      b = paras(3);
    return { html: page(`${a}<div class="video"><video src="/v.mp4"></video><p>Watch: the bridge reopens</p></div>${b}`), gold: a + b };
  },

  'tail part after ad, 1 short para': () => {
    const a = paras(5),
      b = shortP();
    return {
      html: pageRaw(
        `<div class="col"><div class="part">${a}</div><div class="ad-slot"><iframe src="https://ads.example/x"></iframe></div><div class="part">${b}</div></div>`,
      ),
      gold: a + b,
    };
  },
  'tail outside article': () => {
    const a = paras(5),
      b = paras(2);
    return {
      html: `<!doctype html><html><head><title>Valley council story | Valley Gazette</title></head><body>${nav}<main><article><h1>Valley council story</h1><div class="body">${a}</div></article><div class="ad-slot"><iframe src="https://ads.example/x"></iframe></div><div class="body-more">${b}</div>${side}</main>${foot}</body></html>`,
      gold: a + b,
    };
  },
  'last paras with links': () => {
    const a = paras(5),
      b = `<p>${pick(S)} said in <a href="https://x.example/a">a statement on its website</a> that <a href="https://x.example/b">the report</a> would be published.</p><p>A spokesperson for <a href="https://x.example/c">the authority</a> declined to comment.</p>`;
    return { html: page(a + b), gold: a + b };
  },
  'last para a link sentence': () => {
    const a = paras(5),
      b = `<p>The full report is available <a href="https://council.example/report.pdf">on the council website</a>.</p>`;
    return { html: page(a + b), gold: a + b };
  },
  'share bar mid': () => {
    const a = paras(3),
      b = paras(3);
    return {
      html: page(
        `${a}<ul class="share"><li><a href="https://facebook.com/sharer">Facebook</a></li><li><a href="https://twitter.com/intent">Twitter</a></li><li><a href="mailto:">Email</a></li></ul>${b}`,
      ),
      gold: a + b,
    };
  },
  'key points list on top': () => {
    const k = `<ul>${Array.from({ length: 3 }, () => `<li>${sent()}</li>`).join('')}</ul>`,
      a = paras(5);
    return { html: page(k + a), gold: k + a };
  },
  'multi-para blockquote in story': () => {
    const a = paras(3),
      q = `<blockquote>${paras(2)}</blockquote>`,
      b = paras(2);
    return { html: page(a + q + b), gold: a + q + b };
  },
  'footnote div last': () => {
    const a = paras(5),
      b = `<div class="footnote"><p>${sent()} ${sent()}</p></div>`;
    return { html: page(a + b), gold: a + b };
  },
  'subheads then short sections': () => {
    const parts = Array.from({ length: 4 }, (_, i) => `<h3>Part ${i + 1}: ${pick(O)}</h3>${shortP()}`).join('');
    const a = paras(3);
    return { html: page(a + parts), gold: a + parts };
  },
  'table layout story': () => {
    const a = paras(5);
    return {
      html: `<!doctype html><html><head><title>Valley council story</title></head><body><table><tr><td colspan="2">${nav}</td></tr><tr><td class="left"><ul><li><a href="/a">Archive</a></li><li><a href="/b">Links</a></li></ul></td><td class="main"><h1>Valley council story</h1>${a}</td></tr><tr><td colspan="2">${foot}</td></tr></table></body></html>`,
      gold: a,
    };
  },
  'long rail beside short story': () => {
    const a = paras(2);
    const rail = `<div class="rail">${Array.from({ length: 6 }, () => `<div class="card"><h3><a href="/s">${sent()}</a></h3><p>${sent()}</p></div>`).join('')}</div>`;
    return { html: page(a).replace('</main>', `${rail}</main>`), gold: a };
  },
  'lead para outside body div': () => {
    const l = para(2),
      a = paras(5);
    return { html: pageRaw(`<div class="intro">${l}</div><div class="content">${a}</div>`), gold: l + a };
  },
};
const strip = (h) => h.replace(/<[^>]+>/g, ' ');
const hashed = (h) =>
  h.replace(
    /class="([^"]*)"/g,
    (_, c) =>
      `class="${c
        .split(/\s+/)
        .map((x) => 'h' + [...x].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(36))
        .join(' ')}"`,
  );
for (const [name, mk] of Object.entries(cases)) {
  seed = name.length * 97 + 1;
  const { html, gold } = mk();
  const row = [];
  for (const view of ['plain', 'hash']) {
    const h = view === 'hash' ? hashed(html) : html;
    const ours = extractArticle({ bytes: Buffer.from(h), url: 'https://valley.example/news/story' }).text ?? '';
    const rd = readabilityExtract(Buffer.from(h)).text ?? '';
    const so = scorePage(ours, strip(gold)),
      sr = scorePage(rd, strip(gold));
    row.push(`${view} ours R ${so.r.toFixed(2)} P ${so.p?.toFixed(2)}  rdb R ${sr.r.toFixed(2)} P ${sr.p?.toFixed(2)}`);
  }
  console.log(name.padEnd(40), row.join(' | '));
}
