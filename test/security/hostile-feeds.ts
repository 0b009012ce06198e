// A hostile feed generator: RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents in which every field a
// reader shows carries an XSS payload (the DOMPurify fixtures, data/dompurify-payloads.json) and
// every field that holds an address carries a dangerous URL variant (scripts hidden from naive
// scheme checks by tabs, newlines, controls, case, entities). Items have unique ids so that all
// of them are stored; titles and bodies start with the vector's number, so that payloads a
// sanitiser empties do not collapse into one duplicate story.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Payload {
  title: string;
  payload: string;
}

export function loadPayloads(): Payload[] {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/security/data/dompurify-payloads.json'), 'utf8')) as Payload[];
}

/**
 * Address variants; `i` makes each unique. The XML forms are written as they appear in the
 * document (entities decoded by the XML parser), the JSON forms as the decoded string.
 */
export const URL_VARIANTS: readonly { xml: string; json: string }[] = [
  { xml: 'java&#x9;script:alert(1)', json: 'java\tscript:alert(1)' },
  { xml: 'java&#xA;script:alert(1)', json: 'java\nscript:alert(1)' },
  { xml: 'jav&amp;#x0A;ascript:alert(1)', json: 'jav&#x0A;ascript:alert(1)' },
  { xml: ' javascript:alert(1)', json: '\u0001javascript:alert(1)' },
  { xml: 'JaVaScRiPt:alert(1)', json: '\u0000javascript:alert(1)' },
  { xml: 'javascript&amp;colon;alert(1)', json: 'javascript&colon;alert(1)' },
  { xml: 'data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;', json: 'data:text/html,<script>alert(1)</script>' },
  { xml: 'vbscript:msgbox(1)', json: 'vbscript:msgbox(1)' },
  { xml: '&#x20;&#x0D;javascript:alert(1)', json: '\u001bjavascript:alert(1)' },
  { xml: 'https://evil.example/"onmouseover="alert(1)', json: 'https://evil.example/"onmouseover="alert(1)' },
];

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** XML 1.0 cannot carry most C0 controls, even as references: they are left out of XML documents. */
const xmlText = (s: string): string => xmlEscape(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
const cdata = (s: string): string =>
  s.includes(']]>') ? xmlText(s) : `<![CDATA[${s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')}]]>`;

const variant = (i: number) => URL_VARIANTS[i % URL_VARIANTS.length]!;
const date = (i: number): Date => new Date(Date.UTC(2026, 10, 1) - i * 60_000);

export function hostileRss(payloads: readonly Payload[], offset: number): string {
  const items = payloads.map((p, k) => {
    const i = offset + k;
    const u = `${variant(i).xml}//${i}`;
    const body = `<p>vector ${i}</p>${p.payload}`;
    return `<item>
<title>${xmlText(`${i} ${p.payload}`)}</title>
<link>${u}</link>
<guid isPermaLink="true">${variant(i + 1).xml}//g${i}</guid>
<description>${xmlText(body)}</description>
<content:encoded>${cdata(body)}</content:encoded>
<author>${xmlText(p.payload)}</author>
<dc:creator>${xmlText(p.payload)}</dc:creator>
<category>${xmlText(p.payload)}</category>
<comments>${variant(i + 2).xml}</comments>
<enclosure url="${variant(i + 3).xml}" type="image/png" length="1"/>
<source url="${variant(i + 4).xml}">${xmlText(p.payload)}</source>
<pubDate>${date(i).toUTCString()}</pubDate>
</item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>RSS &lt;img src=x onerror=alert(1)&gt; "probe"</title>
<link>${variant(0).xml}</link>
<description>&lt;script&gt;alert(1)&lt;/script&gt;</description>
<image><url>${variant(1).xml}</url><title>&lt;svg onload=alert(1)&gt;</title><link>${variant(2).xml}</link></image>
${items.join('\n')}
</channel>
</rss>`;
}

export function hostileAtom(payloads: readonly Payload[], offset: number): string {
  const entries = payloads.map((p, k) => {
    const i = offset + k;
    const body = `<p>vector ${i}</p>${p.payload}`;
    return `<entry>
<title type="html">${xmlText(`${i} ${p.payload}`)}</title>
<link rel="alternate" href="${variant(i).xml}//${i}"/>
<link rel="enclosure" href="${variant(i + 1).xml}" type="image/png"/>
<id>urn:probe:atom:${i}</id>
<published>${date(i).toISOString()}</published>
<updated>${date(i).toISOString()}</updated>
<summary type="html">${xmlText(body)}</summary>
<content type="html">${xmlText(body)}</content>
<author><name>${xmlText(p.payload)}</name><uri>${variant(i + 2).xml}</uri><email>${xmlText(p.payload)}</email></author>
<category term="${xmlText(p.payload)}" label="${xmlText(p.payload)}"/>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">Atom &lt;img src=x onerror=alert(1)&gt;</title>
<subtitle type="html">&lt;iframe src=javascript:alert(1)&gt;</subtitle>
<link rel="alternate" href="${variant(3).xml}"/>
<icon>${variant(4).xml}</icon>
<logo>${variant(5).xml}</logo>
<id>urn:probe:atom</id>
<updated>${date(0).toISOString()}</updated>
${entries.join('\n')}
</feed>`;
}

export function hostileJsonFeed(payloads: readonly Payload[], offset: number): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'JSON <svg/onload=alert(1)>',
    home_page_url: variant(6).json,
    description: '<img src=x onerror=alert(1)>',
    icon: variant(7).json,
    favicon: variant(8).json,
    authors: [{ name: '<script>alert(1)</script>', url: variant(9).json, avatar: variant(0).json }],
    items: payloads.map((p, k) => {
      const i = offset + k;
      return {
        id: `probe-json-${i}`,
        url: `${variant(i).json}//${i}`,
        external_url: variant(i + 1).json,
        title: `${i} ${p.payload}`,
        content_html: `<p>vector ${i}</p>${p.payload}`,
        content_text: `vector ${i} ${p.payload}`,
        summary: p.payload,
        image: variant(i + 2).json,
        banner_image: variant(i + 3).json,
        date_published: date(i).toISOString(),
        tags: [p.payload],
        language: p.payload.slice(0, 20),
        authors: [{ name: p.payload, url: variant(i + 4).json, avatar: variant(i + 5).json }],
        attachments: [{ url: variant(i + 6).json, mime_type: 'image/png', title: p.payload }],
      };
    }),
  });
}
