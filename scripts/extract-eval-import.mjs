#!/usr/bin/env node
// Builds data/extract-eval/ (pages, gold texts, manifest.jsonl) from the public data sets named in
// data/extract-eval/SOURCES.md. It is kept so that the import can be audited and redone; the
// source files are not in this repository, so it needs them unpacked somewhere first:
//
//   node scripts/extract-eval-import.mjs \
//     --scrapinghub DIR     # scrapinghub/article-extraction-benchmark: DIR/html/*.html.gz, DIR/ground-truth.json
//     --dragnet-html DIR    # Dragnet data: DIR/<name>.html (raw pages)
//     --dragnet-gold DIR    # Dragnet data: DIR/<name>.html.corrected.txt (human-cut text)
//     [--out data/extract-eval] [--dragnet-per-site 2] [--report FILE]
//     [--fresh-out data/extract-fresh]   # also write the Dragnet pages of dev sites left out above
//
// What it does, and nothing else:
//   * copies each page's bytes unchanged (gzipped: scrapinghub's .html.gz files are copied as they
//     are, Dragnet's raw .html files are gzipped);
//   * writes the gold text as UTF-8 (.txt): scrapinghub's articleBody as is; for Dragnet, the file
//     decoded (UTF-16 by BOM, else UTF-8, else windows-1252), CRLF → LF, cut at the data set's own
//     marker "!@#$%^&*()  COMMENTS" (text after it is the page's comments, not main text), trimmed;
//   * drops pages whose gold has fewer than 20 tokens, or whose gold tokens are not at least 90%
//     present in the page's own text (mis-paired or broken gold), and lists them in the report;
//   * keeps at most --dragnet-per-site Dragnet pages per site (chosen by a hash of the id), so one
//     site's template does not dominate;
//   * assigns the split by a hash of the site (all pages of a site, from either source, in one split;
//     ~35% heldout);
//   * with --fresh-out, writes the kept Dragnet pages that the per-site limit left out and whose
//     site is in the dev split to a second folder (data/extract-fresh: pages of dev sites that no
//     rule was written against; pages of heldout sites and of unknown sites are never written),
//     split again by site into a dev half and a heldout half;
//   * guesses lang (from the gold text's script and common words) and kind (from the host name and
//     the page's generator meta), both coarse labels for breakdowns, not gold.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { coverage, crudeText, tokenize } from './extract-eval-lib.mjs';

function args(argv) {
  const o = { out: 'data/extract-eval', 'dragnet-per-site': '2' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    o[a.slice(2)] = argv[++i];
  }
  for (const k of ['scrapinghub', 'dragnet-html', 'dragnet-gold']) if (!o[k]) throw new Error(`--${k} is required`);
  return o;
}

const sha = (s) => createHash('sha256').update(s).digest('hex');
const HELDOUT_PER_MILLE = 350;

// ------------------------------------------------------------------ page facts --

const THIRD_PARTY =
  /(^|\.)(amazon|twitter|facebook|feedburner|google|googleapis|gstatic|doubleclick|youtube|addthis|sharethis|wordpress\.org|w3\.org|creativecommons|gravatar|digg|reddit|stumbleupon|linkedin|pinterest|tumblr\.com$|disqus|apple|itunes|flickr|wikipedia|technorati|bit\.ly|delicious|yahoo\.com$|feeds\.)/;

const SECOND_LEVEL = /^(co|com|org|net|gov|ac|edu|biz|or|ne|go)$/;

/** Registrable domain (the last two labels, three under co.uk, com.br, biz.ua and the like): the unit of the split. */
function siteOfHost(host) {
  if (!host || host === 'unknown') return 'unknown';
  const parts = host.split('.');
  const n = parts.length >= 3 && SECOND_LEVEL.test(parts[parts.length - 2]) && parts[parts.length - 1].length === 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

function hostOf(url) {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\d?\./, '');
  } catch {
    return null;
  }
}

/** The page's own host: canonical or og:url, else the most linked-to host that is not a known third party. */
function pageHost(html) {
  const m =
    /<link[^>]+rel=["']canonical["'][^>]*href=["'](https?:[^"']+)/i.exec(html) ??
    /<link[^>]+href=["'](https?:[^"']+)["'][^>]*rel=["']canonical["']/i.exec(html) ??
    /<meta[^>]+property=["']og:url["'][^>]*content=["'](https?:[^"']+)/i.exec(html);
  if (m) {
    const h = hostOf(m[1]);
    if (h) return h;
  }
  const counts = new Map();
  for (const x of html.matchAll(/href=["']https?:\/\/([^/"':?#]+)/gi)) {
    const h = x[1].toLowerCase().replace(/^www\d?\./, '');
    if (THIRD_PARTY.test(h)) continue;
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  let best = null;
  for (const [h, c] of counts) if (!best || c > best[1]) best = [h, c];
  return best ? best[0] : 'unknown';
}

/** Language of the gold text; where the text does not tell, the page's <html lang> primary subtag. */
function langOf(p) {
  const g = guessLang(p.gold);
  if (g !== 'und') return g;
  const m = /<html\b[^>]*\blang=["']?([a-z]{2,3})\b/i.exec(p.html);
  return m ? m[1].toLowerCase() : 'und';
}

// Common short words per language; the language whose words are most frequent wins.
const STOP = {
  en: 'the and of to a in is that for it with was on as he be at by this had not are but from or have an they which you were her she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people mr how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three',
  pt: 'de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele',
  es: 'de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros',
  it: 'di e il la che in a per un è del non una con le i si da al dei alla come più ma gli lo delle anche nel sono della ha o se ci questo nella suo sua tra ne cui dal tutto quando essere mi molto questa già ancora stato loro fra dopo',
  fr: 'de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se ce il sont avec ou son mais aux elle nous vous ses comme leur été cette on y tout ont fait bien aussi deux peut sans même entre',
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man',
  id: 'yang dan di itu dengan untuk tidak ini dari dalam akan pada juga saya ke karena tersebut bisa ada mereka lebih kata tahun sudah atau saat oleh menjadi orang kami hal harus baru telah',
  nl: 'de en van het een in is dat op te zijn met voor niet aan er om als ook maar bij door uit nog wel dan werd',
};
const STOPSETS = Object.fromEntries(Object.entries(STOP).map(([k, v]) => [k, new Set(v.split(' '))]));

function guessLang(text) {
  const s = text.slice(0, 20000);
  const count = (re) => (s.match(re) ?? []).length;
  const letters = count(/\p{L}/gu) || 1;
  const arabic = count(/\p{sc=Arabic}/gu);
  if (arabic / letters > 0.3) return count(/[پچژگکی]/g) > arabic * 0.02 && count(/[ةى]/g) < arabic * 0.005 ? 'fa' : 'ar';
  if (count(/\p{sc=Hangul}/gu) / letters > 0.3) return 'ko';
  if (count(/[\p{sc=Hiragana}\p{sc=Katakana}]/gu) / letters > 0.05) return 'ja';
  if (count(/\p{sc=Han}/gu) / letters > 0.3) return 'zh';
  if (count(/\p{sc=Cyrillic}/gu) / letters > 0.3) return 'ru';
  if (count(/\p{sc=Hebrew}/gu) / letters > 0.3) return 'he';
  if (count(/\p{sc=Greek}/gu) / letters > 0.3) return 'el';
  const words = tokenize(s);
  let best = ['und', 0];
  for (const [lang, set] of Object.entries(STOPSETS)) {
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    if (n > best[1]) best = [lang, n];
  }
  return best[1] >= Math.min(5, words.length / 10) ? best[0] : 'und';
}

// Coarse kind of site, from the host name (hand-made lists) and the page's generator meta.
const NEWS_HOSTS = new Set(
  `wsj.com online.wsj.com nytimes.com ctpost.com slashgear.com cbssports.com latimes.com theparadigmng.com entermedia.co.kr
autoracing.com.br sciencealert.com thehill.com cbsnews.com wired.com morebikes.co.uk linknaija.com cnbc.com deccanherald.com
livescience.com wday.ru autoindustriya.com aljazeera.com nypost.com nbcnews.com sfgate.com gizmodo.com express.co.uk
detroitnews.com space.com bbc.com bbc.co.uk usatoday.com foxnews.com albawaba.com washingtonexaminer.com chron.com msn.com 9to5mac.com
timesunion.com cnn.com mysanantonio.com businessinsider.com venturebeat.com newsnation.in sportsnet.ca vox.com techcrunch.com
polygraph.info sputniknews.com macrumors.com twincities.com ign.com crn.com cleveland.com cityam.com indiewire.com nj.com
rt.com foxbusiness.com nbcdfw.com dealbreaker.com indiapost.com theguardian.com guardian.co.uk zdnet.com vg247.com moneycontrol.com
appleinsider.com dawgsbynature.com theverge.com newsweek.com hollywoodreporter.com slate.com oregonlive.com telegraph.co.uk
thesun.co.uk profootballtalk.nbcsports.com news.sky.com therepublic.com billboard.com forbes.com mspoweruser.com rollingstone.com
pv-magazine.com ctvnews.ca therealdeal.com quantamagazine.org thespacereview.com spokesman.com detroit.cbslocal.com floridatoday.com
spacenews.com panarmenian.net wccftech.com phys.org practicalhorsemanmag.com jpost.com bgr.com smithsonianmag.com hawaiinewsnow.com
nationalreview.com jaraguadosul.com.br barrons.com news.cnet.com cnet.com washingtonpost.com abcnews.go.com ibnlive.in.com nhl.com
thecarconnection.com poynter.org bigthink.com kotaku.com sports.yahoo.com joystiq.com universetoday.com infoworld.com arstechnica.com
abs-cbnnews.com gawker.com jezebel.com huffingtonpost.com npr.org reuters.com time.com theatlantic.com economist.com ft.com
bloomberg.com usnews.com mashable.com engadget.com salon.com politico.com newyorker.com thedailybeast.com dailymail.co.uk
independent.co.uk mirror.co.uk latimesblogs.latimes.com eonline.com espn.go.com sportsillustrated.cnn.com si.com tmz.com
people.com ew.com variety.com deadline.com aol.com news.yahoo.com finance.yahoo.com marketwatch.com fool.com seekingalpha.com
businessweek.com fastcompany.com inc.com entrepreneur.com readwrite.com readwriteweb.com gigaom.com allthingsd.com techdirt.com
thenextweb.com pcworld.com computerworld.com macworld.com pcmag.com extremetech.com tomshardware.com anandtech.com
scientificamerican.com newscientist.com nationalgeographic.com discovermagazine.com popsci.com technologyreview.com
motherjones.com thenation.com newrepublic.com weeklystandard.com reason.com dailycaller.com breitbart.com washingtontimes.com
boston.com bostonglobe.com chicagotribune.com suntimes.com nydailynews.com newsday.com denverpost.com seattletimes.com
miamiherald.com ajc.com dallasnews.com houstonchronicle.com startribune.com freep.com jsonline.com post-gazette.com
philly.com baltimoresun.com sacbee.com mercurynews.com azcentral.com tampabay.com orlandosentinel.com sun-sentinel.com
cbc.ca theglobeandmail.com thestar.com nationalpost.com smh.com.au theage.com.au news.com.au abc.net.au stuff.co.nz nzherald.co.nz
timesofindia.indiatimes.com hindustantimes.com thehindu.com ndtv.com indianexpress.com dnaindia.com firstpost.com
rediff.com news.bbc.co.uk sky.com channel4.com itv.com thetimes.co.uk standard.co.uk metro.co.uk
mlb.com nfl.com blogs.nfl.com nba.com espn.com bleacherreport.com sbnation.com deadspin.com yardbarker.com
pitchfork.com avclub.com gamespot.com polygon.com destructoid.com rockpapershotgun.com eurogamer.net
autoblog.com jalopnik.com motortrend.com caranddriver.com edmunds.com topgear.com
lifehacker.com io9.com gizmodo.co.uk consumerist.com`.split(/\s+/),
);
const WIRE_HOSTS = new Set([
  'hosted.ap.org',
  'ap.org',
  'apnews.com',
  'reuters.com',
  'afp.com',
  'upi.com',
  'prnewswire.com',
  'businesswire.com',
  'marketwire.com',
]);
const CORPORATE_HOSTS = new Set([
  'ascom.com',
  'beachbodyondemand.com',
  'bigbrandsystem.com',
  'lhpat-tm.com',
  'expapp.com',
  'zillow.com',
  'nintendo.com',
  'vortexcannon.org',
  'my6sense.com',
  'catchitkansas.com',
]);
const REFERENCE_HOSTS = new Set(['politifact.com', 'snopes.com', 'healthline.com', 'gto-normativy.ru', 'vse-diety.com']);

// Hand-made labels for the sites of the two data sets that the lists above do not settle (by the
// site's name and the page's title; a coarse label for breakdowns, not gold).
const KIND_BY_HOST = {
  forum: 'slashdot.org newsvine.com pinoymtbiker.org',
  magazine: `popsugar.com bellasugar.com fabsugar.com yumsugar.com geeksugar.com refinery29.com dazeddigital.com core77.com listverse.com
neatorama.com uncrate.com thecoolhunter.net selectism.com featureshoot.com gearpatrol.com food52.com beautylish.com dailycandy.com
bitchmagazine.org stereogum.com eater.com screenrant.com theatermania.com theroot.com newstatesman.com gamasutra.com
dallasobserver.com planetizen.com filmdrunk.uproxx.com brooklynvegan.com`,
  news: `skysports.com geekwire.com electronista.com news.softpedia.com androidcentral.com cio.com pharmalot.com ubergizmo.com fannation.com
shacknews.com thehostingnews.com windows-phone-news.com thisisfakediy.co.uk arlnow.com biologynews.net zerohedge.com theblaze.com
capsules.kaiserhealthnews.org walt.foreignpolicy.com crewing.biz.ua fonearena.com mirolta.com bornrich.com digg.com reelseo.com
portableapps.com`,
  corporate: 'videocopilot.net bluelily.squarespace.com autoliquidator.com democracycorps.com desiringgod.org crossfit.com',
  reference: 'guitar.about.com biblegateway.com',
  blog: `randfishkin.com hackermonthly.com johndcook.com getelastic.com pinksith.com peepcode.com onstartups.com imperfecthomemaking.com
makeandtakes.com osxdaily.com converstations.com thecrunchychicken.com diyphotography.net thepioneerwoman.com futurelab.net
buzzmachine.com labnol.org athriftymrs.com herbivoracious.com dudecraft.com marketingpilgrim.com spring.org.uk churchofcustomer.com
bikehugger.com droiddog.com ppchero.com robertnyman.com shoemoney.com crookedtimber.org whoorl.com roboppy.net kalynskitchen.com
craftstylish.com home-ec101.com sportsscientists.com thestonesoup.com incourage.me 37signals.com schneier.com albertmohler.com
oncewed.com hanneli.com edbrill.com freelanceswitch.com webdesignfromscratch.com georgeambler.com geeksaresexy.net aphotoeditor.com
redstate.com 47hats.com mattcutts.com chrisguillebeau.com highscalability.com dannychoo.com mealsandmiles.com whiteonricecouple.com
pixiq.com lettersofnote.com diythemes.com thomashawk.com summertomato.com macromates.com rachelheldevans.com rightwingwatch.org
frankviola.org happy-mothering.com cookistry.com homebrewedchristianity.com diabeticfoodie.com ourfuture.org ryanstake.net
popoholic.com physicsbuzz.physicscentral.com lookatstars.com gospiritual.net urban-astronomer.com angrybychoice.fieldofscience.com
profitconfidential.com yourfinancessimplified.com instantshift.com organicseoconsultant.com mlbdailydish.com diebytheblade.com
catscratchreader.com draysbay.com tomahawknation.com athleticsnation.com brewcrewball.com rhymeswithright.mu.nu pruningshears.us
justforeignpolicy.org dorfonlaw.org cartechhome.com simonhar.com caymanmama.com health.azkexpert.com solarhomes.co.za
f.fontdeck.com node1.ecogeek-cdn.net note100yen.com radar.oreilly.com nikonrumors.com webbikeworld.com`,
};
const KIND_HOSTS = Object.entries(KIND_BY_HOST).flatMap(([kind, hosts]) =>
  hosts
    .split(/\s+/)
    .filter(Boolean)
    .map((h) => [h, kind]),
);

function guessKind(host, url, html) {
  const h = host ?? '';
  for (const [k, kind] of KIND_HOSTS) if (h === k || h.endsWith(`.${k}`)) return kind;
  const suffix = (set) => [...set].some((s) => h === s || h.endsWith(`.${s}`));
  if (
    /(^|\.)(gov|mil)(\.[a-z]{2})?$/.test(h) ||
    /(^|\.)gov\.[a-z]{2}$/.test(h) ||
    /(^|\.)(europa\.eu|gc\.ca|gouv\.fr|bund\.de|admin\.ch)$/.test(h)
  )
    return 'gov';
  if (suffix(WIRE_HOSTS)) return 'wire';
  if (/forum|board|community|discuss|answers|stackexchange|stackoverflow/.test(h)) return 'forum';
  if (suffix(CORPORATE_HOSTS)) return 'corporate';
  if (suffix(REFERENCE_HOSTS)) return 'reference';
  const gen = /<meta[^>]+name=["']generator["'][^>]*content=["']([^"']+)/i.exec(html)?.[1] ?? '';
  const bloggy =
    /blog|wordpress|typepad|posterous|tumblr|blogspot|livejournal|medium\.com|substack/.test(h) ||
    /\/blogs?\//.test(url ?? '') ||
    /wordpress|blogger|typepad|tumblr|movable ?type|posterous|ghost|squarespace|jekyll|hugo|octopress/i.test(gen);
  if (suffix(NEWS_HOSTS)) return /(^|\.)blogs?\./.test(h) || /\/blogs?\//.test(url ?? '') ? 'news-blog' : 'news';
  if (bloggy) return 'blog';
  return 'other';
}

// ------------------------------------------------------------------ sources --

function decodeGold(b) {
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), enc: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), enc: 'utf-16be' };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(b.subarray(3)), enc: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), enc: 'utf-8' };
  } catch {
    // Not TextDecoder: Node's 'windows-1252' decoder is ISO-8859-1 (0x80-0x9F become C1 controls).
    return { text: iconv.decode(b, 'windows-1252'), enc: 'windows-1252' };
  }
}

/** Decoding used only to read the page for coverage, site and kind (the stored bytes are untouched). */
function decodeForFacts(b) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return iconv.decode(b, 'windows-1252');
  }
}

function scrapinghub(dir) {
  const gt = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
  const out = [];
  for (const key of Object.keys(gt).sort()) {
    const gz = readFileSync(join(dir, 'html', `${key}.html.gz`));
    const html = decodeForFacts(gunzipSync(gz));
    const url = gt[key].url ?? null;
    out.push({
      id: `sh-${key.slice(0, 16)}`,
      source: 'scrapinghub',
      url,
      host: (url && hostOf(url)) || pageHost(html),
      html,
      stored: gz, // already gzip of the page bytes: copied as is
      gold: gt[key].articleBody ?? '',
      goldEnc: 'utf-8 (JSON)',
      titleInGold: false,
      features: [],
    });
  }
  return out;
}

const COMMENTS_MARK = '!@#$%^&*()  COMMENTS';

function dragnet(htmlDir, goldDir) {
  const out = [];
  for (const f of readdirSync(goldDir).sort()) {
    const m = /^(.+)\.html\.corrected\.txt$/.exec(f);
    if (!m) continue;
    const name = m[1];
    const raw = readFileSync(join(htmlDir, `${name}.html`));
    const html = decodeForFacts(raw);
    const { text, enc } = decodeGold(readFileSync(join(goldDir, f)));
    const t = text.replace(/\r\n?/g, '\n');
    const cut = t.indexOf(COMMENTS_MARK);
    out.push({
      id: `dragnet-${name}`,
      source: 'dragnet',
      url: null,
      host: pageHost(html),
      html,
      stored: gzipSync(raw, { level: 9 }),
      gold: (cut >= 0 ? t.slice(0, cut) : t).trim(),
      goldEnc: enc,
      titleInGold: true,
      features: cut >= 0 ? ['comments'] : [],
    });
  }
  return out;
}

// ------------------------------------------------------------------ main --

const o = args(process.argv.slice(2));
const perSite = Number(o['dragnet-per-site']);
const report = { dropped: [], goldEncodings: {}, selected: {} };

const all = [...scrapinghub(o.scrapinghub), ...dragnet(o['dragnet-html'], o['dragnet-gold'])];
for (const p of all) p.site = siteOfHost(p.host);
const kept = [];
for (const p of all) {
  const n = tokenize(p.gold).length;
  if (n < 20) {
    report.dropped.push({ id: p.id, reason: `gold has ${n} tokens (< 20)` });
    continue;
  }
  const cov = coverage(p.gold, crudeText(p.html));
  if (cov < 0.9) {
    report.dropped.push({ id: p.id, reason: `only ${(cov * 100).toFixed(1)}% of gold tokens occur in the page` });
    continue;
  }
  kept.push(p);
}

// Dragnet: at most perSite pages per site, picked by hash of the id.
const bySite = new Map();
const selected = [];
for (const p of [...kept].sort((a, b) => (sha(a.id) < sha(b.id) ? -1 : 1))) {
  if (p.source !== 'dragnet') {
    selected.push(p);
    continue;
  }
  const k = p.site;
  const c = bySite.get(k) ?? 0;
  if (k === 'unknown' || c >= perSite) continue;
  bySite.set(k, c + 1);
  selected.push(p);
}
selected.sort((a, b) => (a.id < b.id ? -1 : 1));
const splitOf = (site) => (parseInt(sha(`site:${site}`).slice(0, 8), 16) % 1000 < HELDOUT_PER_MILLE ? 'heldout' : 'dev');
const chosen = new Set(selected.map((p) => p.id));
const fresh = kept.filter((p) => p.source === 'dragnet' && !chosen.has(p.id) && p.site !== 'unknown' && splitOf(p.site) === 'dev');
fresh.sort((a, b) => (a.id < b.id ? -1 : 1));

/** Writes pages, gold texts and manifest.jsonl of `pages` to `out`. */
// The fresh set gets its own split, by a second hash of the site, half and half: its `dev` half is
// for error analysis and tuning, its `heldout` half is scored only to report (the scorers refuse
// per-page views of it), so a rule made on fresh pages is judged on fresh pages of other sites.
const freshSplitOf = (site) => (parseInt(sha(`fresh:${site}`).slice(0, 8), 16) % 1000 < 500 ? 'heldout' : 'dev');

/** Writes pages, gold texts and manifest.jsonl of `pages` to `out`, split by `splitOf`. */
function writeSet(out, pages, counts, splitOf) {
  rmSync(join(out, 'pages'), { recursive: true, force: true });
  rmSync(join(out, 'gold'), { recursive: true, force: true });
  mkdirSync(join(out, 'pages'), { recursive: true });
  mkdirSync(join(out, 'gold'), { recursive: true });
  const lines = [];
  for (const p of pages) {
    const split = splitOf(p.site);
    const htmlPath = `pages/${p.id}.html.gz`;
    const goldPath = `gold/${p.id}.txt`;
    writeFileSync(join(out, htmlPath), p.stored);
    writeFileSync(join(out, goldPath), `${p.gold}\n`);
    report.goldEncodings[p.goldEnc] = (report.goldEncodings[p.goldEnc] ?? 0) + 1;
    const key = `${p.source}/${split}`;
    counts[key] = (counts[key] ?? 0) + 1;
    lines.push(
      JSON.stringify({
        id: p.id,
        source: p.source,
        url: p.url,
        site: p.site,
        lang: langOf(p),
        kind: guessKind(p.host, p.url, p.html),
        features: p.features,
        title_in_gold: p.titleInGold,
        split,
        html: htmlPath,
        gold: goldPath,
      }),
    );
  }
  writeFileSync(join(out, 'manifest.jsonl'), `${lines.join('\n')}\n`);
}

writeSet(o.out, selected, report.selected, splitOf);
if (o['fresh-out']) {
  report.fresh = {};
  writeSet(o['fresh-out'], fresh, report.fresh, freshSplitOf);
}
const rep = JSON.stringify(report, null, 2);
if (o.report) writeFileSync(o.report, `${rep}\n`);
console.error(rep.length > 4000 ? `${JSON.stringify(report.selected)} (${report.dropped.length} dropped)` : rep);
console.error(`${selected.length} pages written to ${o.out}`);
if (o['fresh-out']) console.error(`${fresh.length} pages written to ${o['fresh-out']}`);
