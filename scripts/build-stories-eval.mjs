#!/usr/bin/env node
// Builds data/stories-eval/articles.jsonl from the hand-written articles in
// data/stories-eval/authored/*.txt (see data/stories-eval/README.md for that format).
//
//   node scripts/build-stories-eval.mjs            (writes articles.jsonl, prints counts)
//   node scripts/build-stories-eval.mjs --check    (fails if articles.jsonl is not what it would write)
//   node scripts/build-stories-eval.mjs --set multiday [--check]
//        (data/stories-eval/multiday/authored/*.txt → multiday/articles.jsonl: the dev-only
//         supplement of events that run over several days and their sibling events; every event
//         of it is `dev`, whatever its hash)
//
// Every article in authored/ was written for this set. This script only adds what real feeds add
// around such articles, with a fixed seed so the output never changes unless the input does:
//  - syndicated copies (`copies=N`): the same text republished by other outlets of the language,
//    some verbatim, some with a new headline, a credit line, a local intro or trimmed paragraphs;
//  - URL variants (`urlv=amp,utm,m,fbclid`): the same article of the same outlet reached again
//    through an AMP, tracking or mobile address;
//  - site boilerplate: outlets whose extracted text ends in a cookie notice, a "Read more" stub
//    or a newsletter line, the same words under unrelated articles;
//  - ids in publication order, the gold `event` and `copyOf`, the `split` by a hash of the event.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = join(ROOT, 'data', 'stories-eval');
const SET = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : 'synthetic';
if (SET !== 'synthetic' && SET !== 'multiday') throw new Error('--set is synthetic or multiday');
const DIR = SET === 'multiday' ? join(BASE, 'multiday') : BASE;
const SPLIT_SALT = 'stories-eval/v1';

// Outlets: all invented (reserved .example domains), none stands for a real publication.
// kind: wire = news agency whose copy others republish; site = a news site; agg = an aggregator.
const OUTLETS = {
  // English
  mp: { name: 'Meridian Press', host: 'www.meridianpress.example', lang: 'en', kind: 'wire' },
  gl: { name: 'Gulf Ledger', host: 'gulfledger.example', lang: 'en', kind: 'site' },
  tp: { name: 'Tigris Post', host: 'www.tigrispost.example', lang: 'en', kind: 'site' },
  bd: { name: 'Balkan Dispatch', host: 'balkandispatch.example', lang: 'en', kind: 'site' },
  ec: { name: 'Europe Courier', host: 'www.europecourier.example', lang: 'en', kind: 'site' },
  im: { name: 'Iran Monitor Daily', host: 'iranmonitor.example', lang: 'en', kind: 'site' },
  ld: { name: 'London Daily Record', host: 'www.ldrecord.example', lang: 'en', kind: 'site' },
  wb: { name: 'World Brief', host: 'worldbrief.example', lang: 'en', kind: 'site' },
  ci: { name: 'Capitol Insight', host: 'www.capitolinsight.example', lang: 'en', kind: 'site' },
  tt: { name: 'Tirana Today', host: 'tiranatoday.example', lang: 'en', kind: 'site' },
  rd: { name: 'Rights Desk', host: 'rightsdesk.example', lang: 'en', kind: 'site' },
  hh: { name: 'Headline Hub', host: 'headlinehub.example', lang: 'en', kind: 'agg' },
  // Arabic
  ona: { name: 'وكالة المشرق للأنباء', host: 'www.almashreq-agency.example', lang: 'ar', kind: 'wire' },
  rf: { name: 'الرافد نيوز', host: 'alrafid.example', lang: 'ar', kind: 'site' },
  dj: { name: 'دجلة اليوم', host: 'www.dijlatoday.example', lang: 'ar', kind: 'site' },
  kh: { name: 'الخليج برس', host: 'khaleejpress.example', lang: 'ar', kind: 'site' },
  bo: { name: 'بغداد أونلاين', host: 'www.baghdadonline.example', lang: 'ar', kind: 'site' },
  nh: { name: 'موقع النهرين', host: 'nahrain.example', lang: 'ar', kind: 'site' },
  eb: { name: 'أوروبا بالعربي', host: 'eurobilarabi.example', lang: 'ar', kind: 'site' },
  ak: { name: 'عاجل الآن', host: 'ajelnow.example', lang: 'ar', kind: 'agg' },
  // Persian
  pna: { name: 'خبرگزاری پارس‌نما', host: 'www.parsnama.example', lang: 'fa', kind: 'wire' },
  av: { name: 'آوای ایران', host: 'avayeiran.example', lang: 'fa', kind: 'site' },
  ng: { name: 'روزنامه نگاه نو', host: 'www.negahenow.example', lang: 'fa', kind: 'site' },
  kv: { name: 'کاوه نیوز', host: 'kavehnews.example', lang: 'fa', kind: 'site' },
  ay: { name: 'رسانه آینده', host: 'ayandeh.example', lang: 'fa', kind: 'site' },
  db: { name: 'دیدبان خبر', host: 'www.didban.example', lang: 'fa', kind: 'site' },
  in: { name: 'ایران‌نامه آنلاین', host: 'irannameh.example', lang: 'fa', kind: 'site' },
  sf: { name: 'صفحه اول', host: 'safheyeavval.example', lang: 'fa', kind: 'agg' },
};

// Outlets whose extracted text always ends in the same boilerplate (cookie notice, "Read more",
// newsletter), whatever the article: unrelated articles share these lines.
const SITE_BOILERPLATE = {
  tp: 'We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies. Read our privacy policy.',
  wb: "Read more\n\nSign up for the World Brief morning newsletter: the day's top stories, in your inbox before breakfast.",
  bo: 'يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز) لتحسين تجربة التصفح. باستمرارك في التصفح فإنك توافق على سياسة الخصوصية.',
  kh: 'اقرأ أيضاً\n\nاشترك في النشرة البريدية اليومية لتصلك أهم الأخبار',
  kv: 'این وب‌سایت برای بهبود تجربه شما از کوکی‌ها استفاده می‌کند. با ادامه مرور، استفاده از کوکی‌ها را می‌پذیرید.',
  ay: 'بیشتر بخوانید\n\nبرای دریافت خبرنامه روزانه رسانه آینده ایمیل خود را وارد کنید',
};
// Appended now and then to articles of other outlets (one seeded draw per article).
const STRAY_BOILERPLATE = {
  en: ['Read more', 'Subscribe to our newsletter for the latest updates.', 'This website uses cookies. Accept all cookies to continue.'],
  ar: ['اقرأ المزيد', 'تابعونا على تلغرام', 'نستخدم ملفات الكوكيز لضمان حصولك على أفضل تجربة.'],
  fa: ['ادامه مطلب', 'ما را در تلگرام دنبال کنید', 'ما از کوکی‌ها برای بهبود تجربه کاربری استفاده می‌کنیم.'],
};

// What republishers do to wire copy.
const CREDIT = {
  en: (o) => [`(${o.name})`, `— ${o.name}`, `© ${o.name}. All rights reserved.`, `This story was provided by ${o.name}.`],
  ar: (o) => [`(${o.name})`, `المصدر: ${o.name}`, `نقلاً عن ${o.name}`],
  fa: (o) => [`منبع: ${o.name}`, `(${o.name})`, `به نقل از ${o.name}`],
};
const INTRO = {
  en: (o) => [`According to ${o.name}:`, `As reported by our partners at ${o.name}.`, `The following report is from ${o.name}.`],
  ar: (o) => [`أفادت ${o.name} بما يلي:`, `في خبر أوردته ${o.name}:`],
  fa: (o) => [`به گزارش ${o.name}،`, `${o.name} گزارش داد:`],
};
// A shorter headline: the longer side of a " - ", " | " or ": " split (Arabic/Persian: ":" or "،").
function shorten(t, re) {
  const parts = t
    .split(re)
    .map((x) => x.trim())
    .filter(Boolean);
  if (parts.length < 2) return t;
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}
const HEADLINE_EDIT = {
  en: [
    (t) => `UPDATE 1-${t}`,
    (t) => shorten(t, /\s+[-–|]\s+|:\s+/),
    (t) => `${t} - report`,
    (t) => t.replace(/\b[a-z]/g, (c) => c.toUpperCase()),
  ],
  ar: [(t) => `عاجل | ${t}`, (t) => `${t} (فيديو)`, (t) => shorten(t, /\s*[:،]\s*|\.\.\s*/)],
  fa: [(t) => `فوری | ${t}`, (t) => `${t} + جزئیات`, (t) => shorten(t, /\s*[:،؛]\s*/)],
};

let seed = 0x5eed2025;
function rnd() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

function parseAuthored(file, text, known) {
  const events = [];
  const articles = [];
  let ev = null;
  let cur = null;
  const flush = () => {
    if (!cur) return;
    const lines = cur.lines;
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    while (lines.length && lines[0].trim() === '') lines.shift();
    if (lines.length === 0) throw new Error(`${file}:${cur.line}: article without a title`);
    cur.title = lines[0].trim();
    cur.text = lines
      .slice(1)
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    delete cur.lines;
    articles.push(cur);
    cur = null;
  };
  text.split('\n').forEach((raw, n) => {
    const line = raw.replace(/\s+$/, '');
    if (line.startsWith('#') && !cur) return;
    if (line.startsWith('@event ')) {
      flush();
      const [id, date, ...desc] = line
        .slice(7)
        .split('|')
        .map((s) => s.trim());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`${file}:${n + 1}: bad event date`);
      ev = { id, date, description: desc.join(' | ') };
      events.push(ev);
      return;
    }
    if (line.startsWith('@more ')) {
      flush();
      ev = known.get(line.slice(6).trim());
      if (!ev) throw new Error(`${file}:${n + 1}: @more names an event not defined in an earlier file`);
      return;
    }
    if (line.startsWith('+ ')) {
      flush();
      if (!ev) throw new Error(`${file}:${n + 1}: article before any @event`);
      const [outlet, day, hm, ...opts] = line.slice(2).trim().split(/\s+/);
      if (!OUTLETS[outlet]) throw new Error(`${file}:${n + 1}: unknown outlet ${outlet}`);
      if (!/^-?\d+$/.test(day) || !/^\d{2}:\d{2}$/.test(hm)) throw new Error(`${file}:${n + 1}: expected "+ OUTLET DAY HH:MM"`);
      const o = Object.fromEntries(opts.map((s) => (s.includes('=') ? s.split('=') : [s, true])));
      const t = new Date(`${ev.date}T${hm}:00Z`);
      t.setUTCDate(t.getUTCDate() + Number(day));
      cur = { event: ev.id, outlet, time: t, opts: o, lines: [], line: n + 1, file };
      return;
    }
    if (cur) cur.lines.push(line);
    else if (line.trim() !== '') throw new Error(`${file}:${n + 1}: text outside an article`);
  });
  flush();
  return { events, articles };
}

function slug(title, lang, time) {
  if (lang === 'en') {
    const s = title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .split('-')
      .slice(0, 9)
      .join('-');
    return `${time.toISOString().slice(0, 10).replace(/-/g, '/')}/${s}`;
  }
  return `news/${Math.floor(100000 + rnd() * 899999)}`;
}

function urlFor(outlet, title, lang, time) {
  const o = OUTLETS[outlet];
  const path = slug(title, lang, time);
  const style = o.kind === 'agg' ? `r/${Math.floor(rnd() * 1e8).toString(36)}` : path;
  return `https://${o.host}/${style}${lang === 'en' || o.kind === 'agg' ? '' : `/${encodeURIComponent(title.split(/\s+/).slice(0, 5).join('-'))}`}`;
}

function variantUrl(url, kind) {
  const u = new URL(url);
  switch (kind) {
    case 'amp':
      return rnd() < 0.5 ? `${u.origin}/amp${u.pathname}` : `${u.origin}${u.pathname}?amp=1`;
    case 'utm':
      return `${url}${u.search ? '&' : '?'}utm_source=${pick(['twitter', 'facebook', 'telegram', 'newsletter'])}&utm_medium=social&utm_campaign=${pick(['share', 'daily', 'breaking'])}`;
    case 'm':
      return `https://m.${u.host.replace(/^www\./, '')}${u.pathname}`;
    case 'fbclid':
      return `${url}?fbclid=IwAR${Math.floor(rnd() * 1e12).toString(36)}${Math.floor(rnd() * 1e12).toString(36)}`;
    default:
      throw new Error(`unknown URL variant ${kind}`);
  }
}

function trimParagraphs(text) {
  const paras = text.split(/\n\n+/);
  if (paras.length >= 3) return paras.slice(0, paras.length - 1 - (paras.length > 4 && rnd() < 0.5 ? 1 : 0)).join('\n\n');
  const sentences = text.split(/(?<=[.!?؟])\s+/);
  if (sentences.length >= 3) return sentences.slice(0, sentences.length - 1).join(' ');
  return text;
}

function makeCopy(orig, outlet, minutesLater) {
  const _o = OUTLETS[outlet];
  const from = OUTLETS[orig.outlet];
  const lang = orig.lang;
  let title = orig.title;
  let text = orig.text;
  const r = rnd();
  const edits = [];
  if (r < 0.3) {
    edits.push('verbatim');
  } else if (r < 0.5) {
    title = pick(HEADLINE_EDIT[lang])(title);
    edits.push('headline');
  } else if (r < 0.7) {
    const intro = pick(INTRO[lang](from));
    if (text && !text.slice(0, 80).includes(from.name)) text = `${intro} ${text}`;
    edits.push('intro');
  } else if (r < 0.85) {
    text = trimParagraphs(text);
    edits.push('trimmed');
  } else {
    title = pick(HEADLINE_EDIT[lang])(title);
    text = trimParagraphs(text);
    edits.push('headline', 'trimmed');
  }
  if (text && rnd() < 0.45) text = `${text}\n\n${pick(CREDIT[lang](from))}`;
  const time = new Date(orig.time.getTime() + minutesLater * 60000);
  return {
    event: orig.event,
    outlet,
    lang,
    title,
    text,
    time,
    url: urlFor(outlet, title, lang, time),
    copyOfKey: orig.key,
    edits,
    opts: {},
  };
}

function splitOf(eventId) {
  if (SET === 'multiday') return 'dev';
  const h = createHash('sha256').update(`${SPLIT_SALT}:${eventId}`).digest();
  return h.readUInt32BE(0) % 3 === 0 ? 'heldout' : 'dev';
}

function build() {
  const files = readdirSync(join(DIR, 'authored'))
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const events = [];
  const authored = [];
  for (const f of files) {
    const r = parseAuthored(f, readFileSync(join(DIR, 'authored', f), 'utf8'), new Map(events.map((e) => [e.id, e])));
    events.push(...r.events);
    authored.push(...r.articles);
  }
  const seen = new Set();
  for (const e of events) {
    if (seen.has(e.id)) throw new Error(`event ${e.id} defined twice`);
    seen.add(e.id);
  }
  const all = [];
  authored.forEach((a, k) => {
    a.key = `a${k}`;
    a.lang = a.opts.lang ?? OUTLETS[a.outlet].lang;
    a.url = urlFor(a.outlet, a.title, a.lang, a.time);
    a.authored = true;
    all.push(a);
    // URL variants: the same article of the same outlet, seen again through another address.
    for (const v of a.opts.urlv ? String(a.opts.urlv).split(',') : []) {
      const time = new Date(a.time.getTime() + Math.floor(rnd() * 90) * 60000);
      all.push({ ...a, key: undefined, url: variantUrl(a.url, v), time, copyOfKey: a.key, edits: [`url:${v}`], authored: false, opts: {} });
    }
    // Syndicated copies.
    const n = Number(a.opts.copies ?? 0);
    if (n > 0) {
      const pool = Object.keys(OUTLETS).filter((k) => k !== a.outlet && OUTLETS[k].lang === a.lang && OUTLETS[k].kind !== 'wire');
      for (let i = 0; i < n; i++) {
        const outlet = pool[(i + Math.floor(rnd() * pool.length)) % pool.length];
        const minutes = 10 + Math.floor(rnd() * (i < 2 ? 180 : 900));
        const c = makeCopy(a, outlet, minutes);
        all.push(c);
      }
    }
  });
  // Boilerplate, headline-only stays headline-only.
  for (const a of all) {
    if (!a.text) continue;
    if (SITE_BOILERPLATE[a.outlet]) a.text = `${a.text}\n\n${SITE_BOILERPLATE[a.outlet]}`;
    else if (rnd() < 0.04) a.text = `${a.text}\n\n${pick(STRAY_BOILERPLATE[a.lang])}`;
  }
  // A few written articles lose their date (feeds without pubDate); they keep their place in the file.
  for (const a of all) if (a.authored && !a.opts.nodate && rnd() < 0.012) a.opts = { ...a.opts, nodate: true };
  all.sort((x, y) => x.time - y.time || (x.copyOfKey ? 1 : 0) - (y.copyOfKey ? 1 : 0));
  const idOf = new Map();
  all.forEach((a, i) => {
    a.id = `n${String(i + 1).padStart(4, '0')}`;
    if (a.key) idOf.set(a.key, a.id);
  });
  const lines = all.map((a) => {
    const copyOf = a.copyOfKey ? idOf.get(a.copyOfKey) : undefined;
    if (a.copyOfKey && !copyOf) throw new Error('copy of an unknown article');
    const row = {
      id: a.id,
      title: a.title,
      text: a.text,
      url: a.url,
      ...(a.opts.nodate ? {} : { published: a.time.toISOString().replace('.000Z', 'Z') }),
      lang: a.lang,
      source: OUTLETS[a.outlet].name,
      event: a.event,
      ...(copyOf ? { copyOf } : {}),
      split: splitOf(a.event),
      synthetic: true,
    };
    return JSON.stringify(row);
  });
  return { events, rows: lines, all };
}

const { events, rows, all } = build();
const out = rows.join('\n') + '\n';
const target = join(DIR, 'articles.jsonl');
if (process.argv.includes('--check')) {
  let cur = '';
  try {
    cur = readFileSync(target, 'utf8');
  } catch {}
  if (cur !== out) {
    console.error('articles.jsonl is not what scripts/build-stories-eval.mjs writes: run it');
    process.exit(1);
  }
  console.log('articles.jsonl is up to date');
} else {
  writeFileSync(target, out);
}
// Counts.
const parsed = rows.map((l) => JSON.parse(l));
const tally = {};
for (const a of parsed) {
  const k = `${a.split}/${a.lang}`;
  tally[k] ??= { articles: 0, copies: 0, headlineOnly: 0, undated: 0 };
  tally[k].articles++;
  if (a.copyOf) tally[k].copies++;
  if (!a.text) tally[k].headlineOnly++;
  if (!a.published) tally[k].undated++;
}
const evs = (s) => new Set(parsed.filter((a) => s === 'all' || a.split === s).map((a) => a.event)).size;
const langsPer = new Map();
for (const a of parsed) {
  if (!langsPer.has(a.event)) langsPer.set(a.event, new Set());
  langsPer.get(a.event).add(a.lang);
}
const multi = [...langsPer.values()].filter((s) => s.size >= 2).length;
const three = [...langsPer.values()].filter((s) => s.size >= 3).length;
console.log(
  `${parsed.length} articles (${all.filter((a) => a.authored).length} written, ${parsed.filter((a) => a.copyOf).length} copies), ${events.length} events (dev ${evs('dev')}, heldout ${evs('heldout')}); ${multi} events in 2+ languages, ${three} in all three`,
);
for (const k of Object.keys(tally).sort()) console.log(`  ${k}: ${JSON.stringify(tally[k])}`);
const empty = events.filter((e) => !langsPer.has(e.id));
if (empty.length) console.log(`events without articles: ${empty.map((e) => e.id).join(', ')}`);
