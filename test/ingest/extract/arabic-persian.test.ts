// The word-reading rules of stages 4 and 4b on Arabic and Persian pages (x-rtl round): share,
// follow and comment lines, related-stories labels, bylines and date lines (Arabic-Indic and
// Persian digits, Arabic, Persian and Solar Hijri month names), reading time, legal, sign-up and
// app lines, "read also" pointers, ad labels, button rows and picture credits, each in its
// spelling variants (ي/ی, ك/ک, ة/ه, hamza, tatweel, marks, ZWNJ); and the punctuation measures
// (، ؛ ؟ ۔). No evaluation set has such pages: the lines and pages are written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../../src/ingest/extract/index.js';
import { foldArabicScript } from '../../../src/ingest/extract/arabic-script.js';
import { normalizeDate } from '../../../src/ingest/extract/dates.js';
import type { DomElement } from '../../../src/ingest/extract/dom.js';
import { parseDocument } from '../../../src/ingest/extract/dom.js';
import { isInlineFurniture } from '../../../src/ingest/extract/inline-furniture.js';
import { blockFeatures, DENSE_FEATURES } from '../../../src/ingest/extract/learned-blocks.js';
import { isTimeLine } from '../../../src/ingest/extract/time-lines.js';
import { blockOf, blocksOf, isDanglingHeading, trimEdges } from '../../../src/ingest/extract/trim.js';
import { chosenBody, flatText, paragraphs } from './helpers.js';

const AR = (n: number): string =>
  `قرر مجلس المدينة في جلسته رقم ${n} إغلاق الجسر القديم فوق النهر للصيانة، بعد أن وجد المهندسون شقوقا في اثنتين من دعاماته خلال الفحص الأخير.`;
const FA = (n: number): string =>
  `شورای شهر در جلسه شماره ${n} تصمیم گرفت پل قدیمی روی رودخانه را برای تعمیر ببندد، پس از آنکه مهندسان در بازرسی ماه گذشته ترک‌هایی در دو پایه آن پیدا کردند.`;

/** The class stage 4 gives a line set as a paragraph of its own. */
function cls(line: string): string | undefined {
  const doc = parseDocument(`<html><body><div id="b"><p>${line}</p></div></body></html>`);
  return blockOf((doc.querySelector('#b') as DomElement).firstChild as DomElement)?.cls;
}

/** A measured block: `label` unlinked, then `link` as link text. */
const line = (label: string, link: string) => ({ str: `${label}${link}`, text: label.length + link.length, links: link.length });

test('one folding for every spelling: letter variants, hamza, tatweel, marks, ZWNJ, digits', () => {
  assert.equal(foldArabicScript('اقرأ أيضاً'), foldArabicScript('اقرا ايضا'));
  assert.equal(foldArabicScript('إقرأ أيضا'), foldArabicScript('اقرأ أيضـــا'));
  assert.equal(foldArabicScript('مواضيع ذات صلة'), foldArabicScript('مواضیع ذات صله'));
  assert.equal(foldArabicScript('اشتراک‌گذاری'), foldArabicScript('اشتراكگذاري'));
  assert.equal(foldArabicScript('١٢ مارس ٢٠٢٤'), '12 مارس 2024');
  assert.equal(foldArabicScript('۱۵ اردیبهشت ۱۴۰۳'), foldArabicScript('15 اردیبهشت 1403'));
  assert.equal(foldArabicScript('Read more: تصوير'), `Read more: ${foldArabicScript('تصوير')}`, 'Latin text is left as it is');
});

test('share, follow, comment, related and tags lines are furniture in Arabic and Persian', () => {
  for (const s of [
    'شارك',
    'شارك هذا المقال',
    'شارك على فيسبوك',
    'تابعونا على تويتر',
    'تابعنا',
    'التعليقات (٣)',
    'أضف تعليقك',
    'إضافة تعليق جديد',
    'كن أول من يعلق على الخبر',
    '٥ تعليقات',
    'مواضيع ذات صلة',
    'أخبار ذات صلة:',
    'موضوعات ذات صله',
    'الكلمات المفتاحية: الجسر، المدينة',
    'يجب عليك تسجيل الدخول لكتابة تعليق',
    'اشتراک‌گذاری',
    'اشتراک گذاری',
    'به اشتراک بگذارید',
    'نظرات',
    '۵ نظر',
    'ارسال نظر',
    'مطالب مرتبط',
    'اخبار مرتبط',
    'پربازدیدترین‌ها',
    'برچسب‌ها: شورای شهر، پل',
    'ما را در اینستاگرام دنبال کنید',
  ])
    assert.equal(cls(s), 'bad', s);
});

test('sentences that open with the same words stay: "شارك" (took part), "تابعنا" (we followed), "به گزارش" (according to)', () => {
  for (const s of [
    'شارك الآلاف في المظاهرة أمام مبنى البرلمان',
    'به گزارش خبرگزاری محلی، وزیر گفت',
    'التعليقات التي نشرها الوزير أثارت جدلا واسعا',
    'اشترك 30 بلدا في القمة التي عقدت في القاهرة',
    'تابعنا على مدى أسبوع تطورات القضية في المحكمة',
    'شارك عبر الإنترنت آلاف الطلاب في الاستطلاع',
    'التصنيف الائتماني للبلاد انخفض درجة واحدة',
    'هنوز نظری درباره طرح جدید نداده است',
    'ما را در این مسیر تنها نگذارید',
  ])
    assert.notEqual(cls(s), 'bad', s);
});

test('bylines, date lines and lines that are only a date are meta in Arabic and Persian', () => {
  for (const s of [
    'بقلم سارة خليل',
    'كتب: محمد علي',
    'حوار: ليلى حسن',
    'نویسنده: مریم احمدی',
    'نشر في: الأربعاء ١٢ مارس ٢٠٢٤',
    'آخر تحديث: ١٠:٣٠',
    'آخر تحديث ١٢ آذار ٢٠٢٤',
    'تاریخ انتشار: ۱۵ اردیبهشت ۱۴۰۳ - ۱۰:۳۰',
    'آخرین به‌روزرسانی: ۱۴۰۳/۰۲/۱۵',
    'کد خبر: ۱۲۳۴۵۶',
    'الأربعاء 12 مارس 2024 - 10:30',
    'الخميس ٣ رمضان ١٤٤٥ هـ',
    '۱۵ اردیبهشت ۱۴۰۳، ساعت ۱۰:۳۰',
    'سه‌شنبه ۱۵ اردیبهشت ۱۴۰۳',
    '١٢ كانون الثاني ٢٠٢٤',
    '۲۳ مارس ۲۰۲۴',
    '٢٠٢٤/٠٣/١٢',
  ])
    assert.equal(cls(s), 'meta', s);
  for (const s of [
    'نشر في 3 صحف محلية مقالات عن الجسر القديم وأسواق المدينة القديمة.',
    'تاريخ المدينة يعود إلى 1200 عام',
    'انتشار الخبر في 3 ساعات',
    'رمضان في المدينة',
    '12 شخصا في مارس الماضي',
  ])
    assert.notEqual(cls(s), 'meta', s);
});

test('a reading-time line is meta; legal, sign-up and app lines are furniture', () => {
  for (const s of ['وقت القراءة: ٣ دقائق', '٣ دقائق للقراءة', 'زمان مطالعه: ۴ دقیقه', '۴ دقیقه مطالعه']) assert.equal(cls(s), 'meta', s);
  for (const s of [
    'جميع الحقوق محفوظة © ٢٠٢٤',
    'کلیه حقوق مادی و معنوی این سایت محفوظ است.',
    'استفاده از مطالب این سایت با ذکر منبع بلامانع است.',
    '© ٢٠٢٤ صحيفة المدينة',
    'اشترك في نشرتنا البريدية لتصلك أهم الأخبار كل صباح',
    'برای دریافت مهم‌ترین اخبار در خبرنامه ما عضو شوید',
    'حمل تطبيق الصحيفة على أندرويد وآيفون',
    'اپلیکیشن ما را از گوگل پلی دانلود کنید، نصب اپ',
  ])
    assert.equal(cls(s), 'bad', s);
});

test('"read also" pointers, ad labels and button rows are furniture inside the story in Arabic and Persian', () => {
  for (const [label, link] of [
    ['اقرأ أيضا: ', 'مجلس المدينة يصوت على إعادة فتح الجسر'],
    ['اقرأ أيضاً ', 'مجلس المدينة يصوت على إعادة فتح الجسر'],
    ['إقرأ أيضا.. ', 'مجلس المدينة يصوت على إعادة فتح الجسر'],
    ['شاهد أيضا: ', 'صور الجسر بعد الإغلاق'],
    ['بیشتر بخوانید: ', 'شورای شهر درباره پل قدیمی رای داد'],
    ['بخوانید ', 'شورای شهر درباره پل قدیمی رای داد'],
    ['', 'به کانال تلگرام ما بپیوندید'],
  ] as const)
    assert.ok(isInlineFurniture(line(label, link)), label + link);
  for (const s of ['اقرأ أيضا', 'اقرأ أيضاً:', 'بیشتر بخوانید', 'این را هم بخوانید:', 'إعلان', 'تبلیغات', 'طباعة | حفظ', 'نسخه چاپی'])
    assert.ok(isInlineFurniture(line(s, '')), s);
  assert.ok(!isInlineFurniture(line('اقرأ أيضا ما قاله رئيس البلدية عن الجسر القديم أمس.', '')), 'a sentence, no link');
});

test('a "read also" line between paragraphs goes, with or without a separator; the paragraphs stay', () => {
  for (const label of ['اقرأ أيضا:', 'إقرأ أيضاً', 'بیشتر بخوانید:']) {
    const el = chosenBody(
      `<p>${AR(1)}</p><p><strong>${label}</strong> <a href="/x">مجلس المدينة يصوت على إعادة فتح الجسر</a></p><p>${AR(2)}</p>`,
    );
    trimEdges(el, null);
    const t = flatText(el);
    assert.ok(!t.includes('يصوت'), t);
    assert.ok(t.includes('رقم 1 ') && t.includes('رقم 2 '), t);
  }
});

test('a dated byline goes wherever it stands; a picture credit in Arabic or Persian goes from a caption', () => {
  const el = chosenBody(
    `<p>${AR(1)}</p><p>بقلم سارة خليل - ١٢ مارس ٢٠٢٤</p>${paragraphs(AR, 2, 4)}` +
      `<figure><img src="/a.jpg"><figcaption>تصوير: أحمد سالم</figcaption></figure>` +
      `<div class="caption">عکس: مریم احمدی</div>${paragraphs(AR, 6, 2)}<p>الجسر القديم مغلق منذ الصباح، تصوير: أحمد سالم</p>${paragraphs(AR, 8, 1)}`,
  );
  trimEdges(el, null);
  const t = flatText(el);
  assert.ok(!t.includes('سارة'), t);
  assert.ok(!t.includes('أحمد سالم') && !t.includes('مریم'), t);
  for (let n = 1; n <= 8; n++) assert.ok(t.includes(`رقم ${n} `), `${n}: ${t}`);
});

test('a <time> line with an Arabic comma or a Persian label written with ZWNJ is a time line', () => {
  const b = (html: string) => {
    const el = chosenBody(`<p>${html}</p>`).firstChild as DomElement;
    const str = flatText(el);
    return { el, str, text: str.length };
  };
  assert.ok(isTimeLine(b('<time datetime="2024-03-12">١٢ مارس ٢٠٢٤</time>، <time datetime="2024-03-12T10:30">١٠:٣٠</time>')));
  assert.ok(isTimeLine(b('به‌روزرسانی: <time datetime="2024-05-04">۱۵ اردیبهشت ۱۴۰۳</time>')));
});

test('the learned stage reads ، ؛ ؟ as punctuation, ؟ and ۔ as sentence ends, Arabic-Indic and Persian figures as digits', () => {
  const el = chosenBody('<p>هل يعود الجسر، بعد الصيانة، إلى العمل؟</p><p>سال ۱۴۰۳ بود۔</p><p>عام ٢٠٢٤</p>');
  const rows = blockFeatures(blocksOf(el), el, 0);
  const f = (name: string) => DENSE_FEATURES.indexOf(name as (typeof DENSE_FEATURES)[number]);
  assert.ok(rows[0]![f('punct_per_word')]! > 0.3, 'three marks in seven words');
  assert.equal(rows[0]![f('ends_sentence')], 1);
  assert.equal(rows[1]![f('ends_sentence')], 1);
  assert.ok(rows[2]![f('digit_share')]! > 0.3, 'four digits in eight characters');
});

test('a heading that ends with the Arabic full stop is a statement, not a dangling label', () => {
  const el = chosenBody('<h3>پل تا پایان ماه بسته می‌ماند۔</h3>');
  const [b] = blocksOf(el);
  assert.equal(isDanglingHeading(b!), false);
});

test('publication dates in Arabic-Indic and Persian digits, Arabic and Persian month names and the Solar Hijri calendar', () => {
  assert.equal(normalizeDate('٢٠٢٤-٠٣-١٢T١٠:٣٠:٠٠+٠٣:٠٠'), '2024-03-12T10:30:00+03:00');
  assert.equal(normalizeDate('الثلاثاء ١٢ مارس ٢٠٢٤ - ١٠:٣٠'), '2024-03-12T10:30:00');
  assert.equal(normalizeDate('١٢ كانون الثاني ٢٠٢٤'), '2024-01-12');
  assert.equal(normalizeDate('۲۳ مارس ۲۰۲۴'), '2024-03-23');
  // 15 Ordibehesht 1403 was 4 May 2024; 1 Farvardin 1404 (Nowruz) 21 March 2025, after the leap year 1403.
  assert.equal(normalizeDate('۱۵ اردیبهشت ۱۴۰۳ ساعت ۱۰:۳۰'), '2024-05-04T10:30:00');
  assert.equal(normalizeDate('۱۴۰۳/۰۲/۱۵'), '2024-05-04');
  assert.equal(normalizeDate('1403/02/15 10:30'), '2024-05-04T10:30:00');
  assert.equal(normalizeDate('30 اسفند 1403'), '2025-03-20');
  assert.equal(normalizeDate('1 فروردین 1404'), '2025-03-21');
  assert.equal(normalizeDate('۱۱ دی ۱۴۰۲'), '2024-01-01');
  assert.equal(normalizeDate('30 اسفند 1402'), null, '1402 is no leap year');
  assert.equal(normalizeDate('July 24, 2015 5:36 PM EDT'), '2015-07-24T21:36:00Z', 'English dates as before');
});

/** A news page in `lang`: headline, byline, date line, share bar, the story with a pointer line inside, a related rail. */
function rtlPage(lang: 'ar' | 'fa'): string {
  const s = lang === 'ar' ? AR : FA;
  const w =
    lang === 'ar'
      ? {
          title: 'إغلاق الجسر القديم للصيانة',
          by: 'بقلم سارة خليل',
          date: 'نشر في: الثلاثاء ١٢ مارس ٢٠٢٤ - ١٠:٣٠',
          share: 'شارك هذا المقال',
          pointer: 'اقرأ أيضاً:',
          other: 'مجلس المدينة يصوت على إعادة فتح المسبح',
          related: 'مواضيع ذات صلة',
        }
      : {
          title: 'پل قدیمی برای تعمیر بسته شد',
          by: 'نویسنده: مریم احمدی',
          date: 'تاریخ انتشار: ۱۵ اردیبهشت ۱۴۰۳ - ۱۰:۳۰',
          share: 'اشتراک‌گذاری',
          pointer: 'بیشتر بخوانید:',
          other: 'شورای شهر درباره استخر قدیمی رای داد',
          related: 'مطالب مرتبط',
        };
  const icons = '<a href="https://facebook.com/x"><img src="/f.svg" alt=""></a><a href="https://x.com/x"><img src="/t.svg" alt=""></a>';
  return `<!doctype html><html lang="${lang}" dir="rtl"><head><meta charset="utf-8"><title>${w.title}</title></head><body>
<div id="page"><div id="story">
<h1>${w.title}</h1>
<p>${w.by}</p>
<p>${w.date}</p>
<div class="tools"><span>${w.share}</span>${icons}</div>
${paragraphs(s, 1, 3)}
<p><strong>${w.pointer}</strong> <a href="/other">${w.other}</a></p>
${paragraphs(s, 4, 3)}
<div class="tools"><span>${w.share}</span>${icons}</div>
<p><strong>${w.related}</strong></p>
<div class="rail"><div><a href="/r1">${s(91).slice(0, 40)}</a></div><div><a href="/r2">${s(92).slice(0, 40)}</a></div><div><a href="/r3">${s(93).slice(0, 40)}</a></div></div>
</div></div></body></html>`;
}

test('an Arabic and a Persian news page end to end: the story stays; byline, date line, share bars, the pointer line and the related rail go', () => {
  for (const lang of ['ar', 'fa'] as const) {
    const r = extractArticle({ bytes: Buffer.from(rtlPage(lang)), url: 'https://news.example/story' });
    const t = r.text ?? '';
    assert.equal(r.dir, 'rtl');
    const s = lang === 'ar' ? AR : FA;
    for (let n = 1; n <= 6; n++) assert.ok(t.includes(s(n)), `${lang} paragraph ${n} stays:\n${t}`);
    for (const gone of lang === 'ar'
      ? ['بقلم', 'نشر في', 'شارك', 'اقرأ', 'المسبح', 'مواضيع ذات صلة', 'رقم 91']
      : ['نویسنده', 'تاریخ انتشار', 'اشتراک', 'بیشتر بخوانید', 'استخر', 'مطالب مرتبط', 'شماره 91'])
      assert.ok(!t.includes(gone), `${lang}: "${gone}" goes:\n${t}`);
  }
});
