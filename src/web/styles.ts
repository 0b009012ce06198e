// The one stylesheet, served from /assets/site-<hash>.css with immutable caching (no external
// assets). Logical properties (margin-inline, text-align: start) make RTL teasers mirror
// themselves inside an LTR page without extra rules.
// Lists that mix directions (a story's coverage) pad both sides: an item written the other way
// puts its marker on the far side, outside a one-sided padding (sideways scroll on a phone).
// Headings, meta lines and notes may break anywhere: a long query or feed address is one word.
// A fieldset is as wide as its widest control by default (min-inline-size: min-content), which a
// text box's size attribute sets, whatever its max-width: 0 lets it shrink to the screen.
import { createHash } from 'node:crypto';

export const SITE_CSS = `
:root{color-scheme:light dark;--bg:#fdfcf9;--fg:#1d1d1b;--muted:#5b5b57;--line:#dedbd2;--accent:#0b57a4;--mark:#ffe58a;--card:#fff;--focus:#c2410c}
@media (prefers-color-scheme:dark){:root{--bg:#141413;--fg:#ecebe6;--muted:#a9a79f;--line:#34332f;--accent:#8cc4ff;--mark:#6b5400;--card:#1c1c1a;--focus:#fdba74}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;inset-inline-start:.5rem;top:-3rem;background:var(--card);padding:.5rem 1rem;z-index:10}
.skip:focus{top:.5rem}
.wrap{max-width:48rem;margin-inline:auto;padding-inline:1rem}
header.site{border-bottom:1px solid var(--line);background:var(--card)}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding-block:.75rem}
.brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
nav.main ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
nav.main a[aria-current=page]{font-weight:700;text-decoration-thickness:2px}
form.search{display:flex;gap:.4rem;margin-inline-start:auto;flex:1 1 14rem;max-width:22rem}
form.search input[type=search]{flex:1;min-width:0}
.account{display:flex;gap:.5rem;align-items:center;font-size:.9rem}.account form{display:inline;margin:0}
.account-page table{border-collapse:collapse;width:100%;font-size:.92rem}.account-page th,.account-page td{text-align:start;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.account-page form.inline{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:.2rem 0}.notice{padding:.5rem .75rem;border-inline-start:4px solid var(--accent);background:var(--card)}.notice.error{border-color:#b3261e}
input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:4px;background:var(--card);color:var(--fg)}
button{cursor:pointer;background:var(--accent);color:var(--bg);border-color:var(--accent)}
main{padding-block:1.25rem 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .75rem}
h1,h2,h3,.meta,.intro,.note,.excerpt,.kwic,.context,details.story-coverage,ul.topics{overflow-wrap:anywhere}
.intro,.meta,.note{color:var(--muted)}
.meta{font-size:.9rem;display:flex;flex-wrap:wrap;gap:.15rem .9rem}
ol.teasers{list-style:none;margin:0;padding:0}
.teaser{padding-block:1rem;border-bottom:1px solid var(--line);text-align:start}
.teaser h2{font-size:1.2rem;line-height:1.3;margin:0 0 .3rem}
.teaser h2 a{text-decoration:none;color:var(--fg)}
.teaser h2 a:hover{text-decoration:underline}
.teaser p{margin:.4rem 0}
.teaser .more{font-weight:600}
.teaser[dir=rtl] h2,.teaser[dir=rtl] .excerpt,article.entry[dir=rtl] .content{font-size:1.08em;line-height:1.8}
.topics{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;padding:0;margin:.3rem 0}
.topics a{font-size:.8rem;border:1px solid var(--line);border-radius:999px;padding:0 .5rem;text-decoration:none}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:2px}
nav.pager{display:flex;justify-content:space-between;gap:1rem;padding-block:1.25rem}
nav.pager a{padding:.4rem .2rem}
article.entry .content{overflow-wrap:anywhere}
article.entry[dir=rtl] .meta{justify-content:flex-end}
article.entry .content img,article.entry .content video,article.entry .content iframe{max-width:100%;height:auto}
article.entry .content figure{margin-inline:0}
article.entry .content pre{overflow:auto}
article.entry .content blockquote{margin-inline:0;padding-inline-start:1rem;border-inline-start:3px solid var(--line)}

table.health,table.desk-sources{border-collapse:collapse;width:100%;font-size:.92rem}
table.health th,table.health td,table.desk-sources th,table.desk-sources td{text-align:start;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.status-ok{color:#15803d}.status-failing{color:#b91c1c}.status-disabled,.status-new{color:var(--muted)}
@media (prefers-color-scheme:dark){.status-ok{color:#4ade80}.status-failing{color:#f87171}}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin-bottom:1rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
form.filters label[for]{align-self:center}
.table-scroll{overflow-x:auto}
:is(input,select,textarea):not([type=checkbox],[type=radio]){max-width:100%;box-sizing:border-box}
fieldset{min-inline-size:0}dd code{overflow-wrap:anywhere}
nav.topic-nav{border-top:1px solid var(--line);font-size:.9rem}
nav.topic-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.15rem 1rem;margin:0;padding:.4rem 0}
nav.topic-nav a[aria-current=page]{font-weight:700}
.retag{background:var(--card);border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem}
.retag progress{vertical-align:middle}
figure.coverage{margin:0 0 .25rem}
figure.coverage svg{display:block;height:7.5rem;background:var(--card);border:1px solid var(--line);border-radius:4px}
figure.coverage .bar{fill:var(--accent)}
figure.coverage .axis{stroke:var(--line)}
figure.coverage .label{fill:var(--muted);font-size:10px}
figure.coverage figcaption{font-size:.85rem;color:var(--muted)}
details.coverage-table{font-size:.9rem;margin-bottom:.5rem}
.kwic{font-size:.95rem;border-inline-start:3px solid var(--mark);padding-inline-start:.6rem}
.teaser .explain{font-size:.9rem;margin-inline-start:1rem}
details.story-coverage{font-size:.92rem;margin:.3rem 0}
details.story-coverage summary{cursor:pointer;color:var(--accent);font-weight:600}
details.story-coverage ul,aside.related ul,ol.timeline{padding-inline:1.1rem}
ol.timeline>li{margin-block:.6rem}
ol.timeline h3{font-size:1.05rem;margin:.1rem 0}
.story-lang h2 .count,.when,.meta{color:var(--muted)}
aside.related{border-top:1px solid var(--line);margin-top:1.5rem;padding-top:.5rem}
ul.topic-cards{list-style:none;margin:0 0 1rem;padding:0;display:grid;gap:.75rem}
ul.topic-cards li{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem}
ul.topic-cards :is(h2,h3){margin:0 0 .2rem;font-size:1.15rem}
ul.topic-cards p{margin:.25rem 0}
ol.explain{padding-inline-start:1.25rem}
ol.explain .context{background:var(--card);border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem}
ol.explain dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;font-size:.92rem}
ol.explain dt{color:var(--muted)}ol.explain dd{margin:0}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding-block:1rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.marks{display:flex;gap:.4rem;margin:0 0 .2rem;font-size:.8rem}
.marks span{border:1px solid var(--line);border-radius:999px;padding:0 .5rem;background:var(--card)}
.teaser.featured{border-inline-start:4px solid var(--mark);padding-inline-start:.75rem}
nav.desk-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0 0 1rem;padding:0 0 .5rem;border-bottom:1px solid var(--line)}
ol.curation{list-style:none;margin:0;padding:0}
.curation-row{padding-block:.75rem;border-bottom:1px solid var(--line)}
.curation-row h3{font-size:1.05rem;margin:0 0 .2rem}
.curation-row.is-hidden h3{opacity:.65}
.curation-row .original{font-size:.9rem;color:var(--muted);margin:.1rem 0}
.curation-row .extract-failed,p.extract-failed{font-size:.9rem;margin:.1rem 0;border-inline-start:3px solid var(--mark);padding-inline-start:.5rem}
.curation-row .not-article,p.not-article{font-size:.9rem;margin:.1rem 0;border-inline-start:3px dotted var(--muted);padding-inline-start:.5rem}
ul.reasons{margin:.25rem 0 1rem}
.actions{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
form.inline{display:inline}
table.audit pre{margin:0;font-size:.8rem;white-space:pre-wrap;overflow-wrap:anywhere;min-width:12rem;max-width:22rem;text-align:start}
pre.desk-source{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:4px;padding-block:.5rem;font-size:.85rem}
.desk-caret{color:var(--muted)}
ul.split{list-style:none;padding-inline-start:0}
`.trim();

export const SITE_CSS_HASH = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 12);
export const SITE_CSS_PATH = `/assets/site-${SITE_CSS_HASH}.css`;
