// Deterministic generator of a realistic feed corpus for bench/parse.ts: RSS 2.0 (with
// content:encoded, dc:, media:, itunes:), Atom 1.0 (xhtml and escaped html), RSS 1.0 (RDF) and
// JSON Feed, HTML-rich bodies, and text in English, Arabic, Persian, Russian and Chinese.
import { rng } from '../lib/rng.js';

export interface CorpusDoc {
  name: string;
  format: 'rss20' | 'atom10' | 'rss10' | 'json';
  bytes: Uint8Array;
  text: string;
  items: number;
}


const WORDS = {
  en: 'the government announced new measures on energy prices while markets reacted cautiously to reports of slower growth in the region analysts said talks would continue next week'.split(' '),
  ar: 'أعلنت الحكومة عن إجراءات جديدة بشأن أسعار الطاقة بينما تفاعلت الأسواق بحذر مع تقارير عن تباطؤ النمو في المنطقة وقال المحللون إن المحادثات ستستمر الأسبوع المقبل'.split(' '),
  fa: 'دولت اقدامات تازه‌ای درباره قیمت انرژی اعلام کرد و بازارها با احتیاط به گزارش‌های کندی رشد در منطقه واکنش نشان دادند تحلیلگران گفتند گفتگوها هفته آینده ادامه می‌یابد'.split(' '),
  ru: 'правительство объявило о новых мерах по ценам на энергию рынки осторожно отреагировали на сообщения о замедлении роста в регионе'.split(' '),
  zh: '政府 宣布 了 关于 能源 价格 的 新 措施 市场 对 该 地区 增长 放缓 的 报道 反应 谨慎 分析师 表示 会谈 将 于 下周 继续'.split(' '),
};
type Lang = keyof typeof WORDS;
const LANGS: Lang[] = ['en', 'en', 'ar', 'fa', 'ru', 'zh'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function generateCorpus(targetBytes: number, seed = 42): CorpusDoc[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const sentence = (lang: Lang, n: number): string => {
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(pick(WORDS[lang]));
    return w.join(' ');
  };
  const html = (lang: Lang): string => {
    const parts: string[] = [];
    const paras = int(3, 8);
    for (let p = 0; p < paras; p++) {
      const kind = r();
      const dir = lang === 'ar' || lang === 'fa' ? ' dir="rtl"' : '';
      if (kind < 0.6) {
        parts.push(`<p${dir}>${sentence(lang, int(15, 40))} <a href="/story/${int(1, 1e6)}?utm_source=rss">${sentence(lang, 3)}</a> &amp; <em>${sentence(lang, 2)}</em>&nbsp;— ${sentence(lang, int(5, 15))}.</p>`);
      } else if (kind < 0.75) {
        parts.push(`<figure><img src="https://cdn.example.com/img/${int(1, 1e6)}.jpg" alt="${sentence(lang, 3)}" width="640" height="360"><figcaption>${sentence(lang, 6)}</figcaption></figure>`);
      } else if (kind < 0.88) {
        parts.push(`<ul>${Array.from({ length: int(2, 5) }, () => `<li>${sentence(lang, int(4, 10))}</li>`).join('')}</ul>`);
      } else if (kind < 0.95) {
        parts.push(`<blockquote><p>${sentence(lang, int(10, 25))}</p></blockquote>`);
      } else {
        parts.push(`<p onclick="steal()">${sentence(lang, 8)}<script>alert(1)</script> <iframe src="https://www.youtube.com/embed/abc${int(1, 999)}"></iframe></p>`);
      }
    }
    return parts.join('\n');
  };
  const date = (): Date => new Date(Date.UTC(2024, int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59)));

  const docs: CorpusDoc[] = [];
  let total = 0;
  let n = 0;
  const enc = new TextEncoder();
  while (total < targetBytes) {
    const lang = pick(LANGS);
    const format = (['rss20', 'rss20', 'atom10', 'rss10', 'json'] as const)[n % 5]!;
    const items = int(15, 40);
    const host = `news${n}.example.${pick(['com', 'org', 'ir', 'ae'])}`;
    let text = '';
    if (format === 'rss20') {
      const body = Array.from({ length: items }, (_, i) => {
        const d = date();
        return `<item>
<title>${esc(sentence(lang, int(5, 12)))}</title>
<link>https://${host}/${d.getUTCFullYear()}/${i}/story-${int(1, 1e6)}.html</link>
<guid isPermaLink="false">${host}-${n}-${i}</guid>
<pubDate>${d.toUTCString()}</pubDate>
<dc:creator>${esc(sentence(lang, 2))}</dc:creator>
<category>${esc(sentence(lang, 1))}</category><category>${esc(sentence(lang, 1))}</category>
<description>${esc(sentence(lang, int(20, 50)))}</description>
<content:encoded><![CDATA[${html(lang)}]]></content:encoded>
<media:thumbnail url="https://cdn.example.com/t/${int(1, 1e6)}.jpg" width="150" height="100"/>
${r() < 0.2 ? `<enclosure url="https://${host}/audio/${i}.mp3" length="${int(1e5, 1e8)}" type="audio/mpeg"/>` : ''}
</item>`;
      }).join('\n');
      text = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
<title>${esc(sentence(lang, 4))}</title>
<link>https://${host}/</link>
<atom:link href="https://${host}/feed.xml" rel="self" type="application/rss+xml"/>
<description>${esc(sentence(lang, 12))}</description>
<language>${lang}</language>
<lastBuildDate>${date().toUTCString()}</lastBuildDate>
<itunes:author>${esc(sentence(lang, 2))}</itunes:author>
<image><url>https://${host}/logo.png</url><title>${esc(sentence(lang, 3))}</title><link>https://${host}/</link></image>
${body}
</channel>
</rss>`;
    } else if (format === 'atom10') {
      const body = Array.from({ length: items }, (_, i) => {
        const d = date();
        const xhtml = r() < 0.4;
        return `<entry>
<title type="html">${esc(sentence(lang, int(5, 12)))}</title>
<link rel="alternate" type="text/html" href="/${d.getUTCFullYear()}/${i}/post-${int(1, 1e6)}"/>
<id>tag:${host},2024:${n}-${i}</id>
<published>${d.toISOString()}</published>
<updated>${d.toISOString()}</updated>
<author><name>${esc(sentence(lang, 2))}</name><email>desk@${host}</email></author>
<category term="${esc(sentence(lang, 1))}"/>
<summary type="text">${esc(sentence(lang, int(20, 40)))}</summary>
${xhtml ? `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${html(lang).replace(/&nbsp;/g, '&#160;').replace(/<img([^>]*)>/g, '<img$1/>').replace(/<script>alert\(1\)<\/script>/g, '')}</div></content>` : `<content type="html">${esc(html(lang))}</content>`}
</entry>`;
      }).join('\n');
      text = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}" xml:base="https://${host}/">
<title>${esc(sentence(lang, 4))}</title>
<subtitle>${esc(sentence(lang, 10))}</subtitle>
<link rel="alternate" href="https://${host}/"/>
<link rel="self" href="https://${host}/atom.xml"/>
<id>tag:${host},2024:feed</id>
<updated>${date().toISOString()}</updated>
<generator uri="https://example.org/gen" version="1.0">Generator</generator>
${body}
</feed>`;
    } else if (format === 'rss10') {
      const body = Array.from({ length: items }, (_, i) => {
        const url = `https://${host}/r/${n}/${i}`;
        return `<item rdf:about="${url}">
<title>${esc(sentence(lang, int(5, 12)))}</title>
<link>${url}</link>
<description>${esc(html(lang))}</description>
<dc:date>${date().toISOString()}</dc:date>
<dc:creator>${esc(sentence(lang, 2))}</dc:creator>
<dc:subject>${esc(sentence(lang, 1))}</dc:subject>
</item>`;
      }).join('\n');
      text = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://${host}/">
<title>${esc(sentence(lang, 4))}</title>
<link>https://${host}/</link>
<description>${esc(sentence(lang, 10))}</description>
</channel>
${body}
</rdf:RDF>`;
    } else {
      const feed = {
        version: 'https://jsonfeed.org/version/1.1',
        title: sentence(lang, 4),
        home_page_url: `https://${host}/`,
        feed_url: `https://${host}/feed.json`,
        language: lang,
        authors: [{ name: sentence(lang, 2) }],
        items: Array.from({ length: items }, (_, i) => ({
          id: `${host}-${n}-${i}`,
          url: `https://${host}/j/${i}`,
          title: sentence(lang, int(5, 12)),
          content_html: html(lang),
          summary: sentence(lang, int(10, 30)),
          date_published: date().toISOString(),
          tags: [sentence(lang, 1), sentence(lang, 1)],
        })),
      };
      text = JSON.stringify(feed, null, 1);
    }
    const bytes = enc.encode(text);
    docs.push({ name: `${format}-${n}`, format, bytes, text, items });
    total += bytes.length;
    n++;
  }
  return docs;
}
