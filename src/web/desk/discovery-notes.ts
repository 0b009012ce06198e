// What the add chain found or tried, in the editor's language: the preview's reason, its list of
// steps tried and its advice, and why its teasers could not be read. The chain gives each as a
// note (key and parameters, nested; src/ingest/discover/notes.ts); English is that module's own
// table, Arabic and Persian are written here (the types make every key required). A quoted fetch
// failure (`cause`) is worded by the site's failure sentences (src/web/messages/site.ts), as a
// source's last problem is.
import { parseFailureKey } from '../../domain/failure.js';
import { DISCOVERY_NOTE_EN, type DiscoveryNote, type DiscoveryNoteKey } from '../../ingest/discover/notes.js';
import { type Catalogue, fillNote, type Lang, translator } from '../../locale/index.js';
import { SOURCE_CHECK_MESSAGES } from '../../locale/source-checks.js';
import { formatCount } from '../locale.js';
import { SITE_MESSAGES, type SiteKey } from '../messages/site.js';

const ar: Record<DiscoveryNoteKey, string> = {
  'sitemap.news': 'خريطة موقع إخبارية عدد مقالاتها {n}',
  'sitemap.plain': 'خريطة موقع عدد روابطها {n} (بلا وسوم أخبار)',
  'sitemap.indexNews': 'فهرس خرائط موقع عدد المقالات الإخبارية في أحدث خرائطه {n}',
  'sitemap.indexPlain': 'فهرس خرائط موقع عددها {n} (بلا وسوم أخبار)',
  'listing.none': 'لم يُعثر في الصفحة على قائمة بمقتطفات مقالات (روابط تنقّل أو تذييلات أو مقال واحد فقط)',
  'listing.few': 'لم يُعثر إلا على {detail}؛ وهذا أقل من أن يُتابَع بلا محددات CSS',
  'listing.found': 'عُثر على {detail}',
  'listing.detail': '{teasers} في {strategy}، منها {summaries} بمقتطف و{dated} بتاريخ{next}',
  'listing.teaser': 'مقتطف واحد',
  'listing.teasers': 'مقتطفات عددها {n}',
  'listing.next': '، مع صفحة تالية',
  'listing.strategy.selectors': 'محددات CSS المضبوطة',
  'listing.strategy.segments': 'مقاطع محتوى تحت عناوين <{leaf}> متكررة',
  'listing.strategy.blocks': 'كتل <{leaf}> متكررة',
  cause: '{failure}',
  'count.otherAddress': 'عنوان آخر واحد',
  'count.otherAddresses': 'عناوين أخرى عددها {n}',
  'count.commonPath': 'مسار شائع واحد',
  'count.commonPaths': 'مسارات شائعة عددها {n}',
  'count.url': 'رابط واحد',
  'count.urls': 'روابط عددها {n}',
  'count.entry': 'مدخل واحد',
  'count.entries': 'مداخل عددها {n}',
  'tried.pageUnreadable': 'الصفحة: تعذّرت قراءة {url}: {cause}',
  'tried.feedAbandoned': 'الموجز: تُركت قراءة {url}: {cause}',
  'tried.sitemapAbandoned': 'خريطة الموقع: تُركت قراءة {url}: {cause}',
  'tried.pageAbandoned': 'الصفحة: تُركت قراءة {url}: {cause}',
  'tried.feedIsPage': 'الموجز: {url} صفحة ويب وليس موجزاً{others}',
  'tried.feedNot': 'الموجز: {url} ليس موجزاً ({cause}){others}',
  'tried.others': '؛ وجُرّبت {count} (روابط الموجزات في الصفحة، ‎/feed و‎/rss و‎/atom.xml …) ولم يكن أيّ منها موجزاً',
  'tried.othersDeadline': '؛ وجُرّبت {count} (روابط الموجزات في الصفحة، ‎/feed و‎/rss و‎/atom.xml …) قبل انقضاء المهلة، ولم يكن أيّ منها موجزاً',
  'tried.deadline': 'المهلة: توقّف البحث بعد {seconds} ث، قبل تجربة كل طرق قراءة الموقع',
  'tried.plainSitemap': 'خريطة الموقع: لم يوجد إلا {found} عادية في {url}',
  'tried.noSitemap': 'خريطة الموقع: لم يُعثر على أيّ منها (لا يذكر robots.txt خريطة صالحة؛ وجُرّبت {paths})',
  'tried.noSitemapNoRobots': 'خريطة الموقع: لم يُعثر على أيّ منها (لا ملف robots.txt؛ وجُرّبت {paths})',
  'tried.notHtml': 'الصفحة: {url} ليست صفحة HTML ‏({type})',
  'tried.notHtmlUnknown': 'الصفحة: {url} ليست صفحة HTML (نوع غير معروف)',
  'tried.listing': 'الصفحة: {probe}',
  'tried.listingSelectors': 'الصفحة: {probe} بالمحددات المعطاة',
  'tried.listingRobots': 'الصفحة: {url} تسرد مقالات، لكن ملف robots.txt للموقع لا يسمح لـ Newsdesk بقراءتها',
  'advice.robots': SOURCE_CHECK_MESSAGES.ar?.['robots.refused'] ?? SOURCE_CHECK_MESSAGES.en['robots.refused'],
  'advice.blocked':
    'رفض Newsdesk العنوان قبل جلبه للسبب المذكور أعلاه؛ إن كان المضيف في شبكتك أنت، فأضفه إلى allowHosts ‏(NEWSDESK_ALLOW_HOSTS=HOST، اسم مضيف أو CIDR) ثم أضف المصدر من جديد',
  'advice.browser': 'افتح العنوان في متصفح؛ إن كان الموقع يحجب برامج القراءة فلا شيء يستطيع Newsdesk متابعته',
  'advice.selectors': 'طابِق المحددات مع الصفحة (item يختار كل كتلة مقتطف؛ وtitle وlink وsummary وdate يُبحث عنها داخلها)',
  'advice.kindFeed': 'أعطِ رابط الموجز نفسه إن كنت تعرفه، أو اترك نوع المصدر «أيّ نوع» ليجرّب Newsdesk خريطة الموقع أو صفحة القائمة',
  'advice.kindSitemap': 'أعطِ رابط خريطة الموقع نفسها (…/sitemap.xml)، أو اترك نوع المصدر «أيّ نوع» ليجرّب Newsdesk الموجزات وصفحة القائمة',
  'advice.listing':
    'إن كانت الصفحة تسرد مقالات، فسمِّ كتل مقتطفاتها بمحددات CSS، مثل newsdesk add {url} --selector item=article.post --selector title="h2 a" (تُحفظ في settings.selectors للمصدر)؛ أو أعطِ رابط موجز الموقع أو خريطته مباشرة',
  'advice.deadline':
    'توقّف البحث بعد {seconds} ث (discoveryTimeoutMs، NEWSDESK_DISCOVERY_TIMEOUT_MS) دون العثور على شيء صالح؛ الموقع بطيء الرد — أعطِ رابط الموجز أو خريطة الموقع نفسه، أو أعد المحاولة لاحقاً',
  'reason.feedDirect': 'الرابط موجز ({entries})',
  'reason.feedLink': 'موجز تعلن عنه الصفحة بـ <link rel="alternate">، فيه {entries}{more}',
  'reason.feedPath': 'موجز في مسار شائع للموجزات على الموقع، فيه {entries}{more}',
  'reason.moreFeeds': '؛ وعُثر على {n} غيره',
  'reason.sitemapUrl': 'الرابط خريطة موقع ({urls}{news})',
  'reason.sitemapIndexUrl': 'الرابط فهرس خرائط موقع ({urls}{news})',
  'reason.newsTags': '، منها {n} بوسوم أخبار',
  'reason.sitemapFound': '{found}',
  'reason.sitemapFoundNoFeed': 'لم يُعثر على موجز؛ {found}',
  'reason.listing': '{probe}',
  'reason.listingNoFeed': 'لم يُعثر على موجز ولا على خريطة موقع إخبارية؛ {probe}',
  'reason.plainNoListing': 'لم يُعثر على موجز ولا على خريطة موقع إخبارية ولا على قائمة مقتطفات؛ {found}',
  'reason.plainDeadline': 'لم يُعثر على موجز ولا على خريطة موقع إخبارية، ولم تُجرَّب صفحة القائمة قبل انقضاء المهلة؛ {found}',
};

const fa: Record<DiscoveryNoteKey, string> = {
  'sitemap.news': 'نقشهٔ سایت خبری با {n} مقاله',
  'sitemap.plain': 'نقشهٔ سایت با {n} نشانی (بی برچسب خبری)',
  'sitemap.indexNews': 'فهرست نقشه‌های سایت که تازه‌ترین نقشه‌اش {n} مقالهٔ خبری دارد',
  'sitemap.indexPlain': 'فهرست {n} نقشهٔ سایت (بی برچسب خبری)',
  'listing.none': 'در صفحه فهرستی از پیش‌نمایش مقاله‌ها پیدا نشد (فقط پیوندهای ناوبری، پانویس یا یک مقالهٔ تنها)',
  'listing.few': 'فقط {detail} پیدا شد؛ برای دنبال کردن بی گزینشگر CSS بسیار کم است',
  'listing.found': '{detail} پیدا شد',
  'listing.detail': '{teasers} در {strategy}، {summaries} با چکیده، {dated} تاریخ‌دار{next}',
  'listing.teaser': '{n} پیش‌نمایش',
  'listing.teasers': '{n} پیش‌نمایش',
  'listing.next': '، با صفحهٔ بعد',
  'listing.strategy.selectors': 'گزینشگرهای CSS تنظیم‌شده',
  'listing.strategy.segments': 'بخش‌هایی از محتوا زیر سرتیترهای تکراری <{leaf}>',
  'listing.strategy.blocks': 'بلوک‌های تکراری <{leaf}>',
  cause: '{failure}',
  'count.otherAddress': '{n} نشانی دیگر',
  'count.otherAddresses': '{n} نشانی دیگر',
  'count.commonPath': '{n} مسیر رایج',
  'count.commonPaths': '{n} مسیر رایج',
  'count.url': '{n} نشانی',
  'count.urls': '{n} نشانی',
  'count.entry': '{n} مطلب',
  'count.entries': '{n} مطلب',
  'tried.pageUnreadable': 'صفحه: {url} خوانده نشد: {cause}',
  'tried.feedAbandoned': 'خوراک: خواندن {url} رها شد: {cause}',
  'tried.sitemapAbandoned': 'نقشهٔ سایت: خواندن {url} رها شد: {cause}',
  'tried.pageAbandoned': 'صفحه: خواندن {url} رها شد: {cause}',
  'tried.feedIsPage': 'خوراک: {url} صفحهٔ وب است، نه خوراک{others}',
  'tried.feedNot': 'خوراک: {url} خوراک نیست ({cause}){others}',
  'tried.others': '؛ {count} هم آزموده شد (پیوندهای خوراک صفحه، ‎/feed، ‎/rss، ‎/atom.xml …) و هیچ‌کدام خوراک نبود',
  'tried.othersDeadline': '؛ {count} هم پیش از پایان مهلت آزموده شد (پیوندهای خوراک صفحه، ‎/feed، ‎/rss، ‎/atom.xml …) و هیچ‌کدام خوراک نبود',
  'tried.deadline': 'مهلت: جست‌وجو پس از {seconds} ثانیه ایستاد، پیش از آنکه همهٔ راه‌های خواندن سایت آزموده شود',
  'tried.plainSitemap': 'نقشهٔ سایت: فقط یک {found} ساده در {url}',
  'tried.noSitemap': 'نقشهٔ سایت: پیدا نشد (robots.txt نقشهٔ کارآمدی نام نمی‌برد؛ {paths} آزموده شد)',
  'tried.noSitemapNoRobots': 'نقشهٔ سایت: پیدا نشد (robots.txt نیست؛ {paths} آزموده شد)',
  'tried.notHtml': 'صفحه: {url} صفحهٔ HTML نیست ({type})',
  'tried.notHtmlUnknown': 'صفحه: {url} صفحهٔ HTML نیست (نوع ناشناخته)',
  'tried.listing': 'صفحه: {probe}',
  'tried.listingSelectors': 'صفحه: {probe} با گزینشگرهای داده‌شده',
  'tried.listingRobots': 'صفحه: {url} فهرست مقاله‌ها را دارد، اما پروندهٔ robots.txt سایت اجازهٔ خواندنش را به Newsdesk نمی‌دهد',
  'advice.robots': SOURCE_CHECK_MESSAGES.fa?.['robots.refused'] ?? SOURCE_CHECK_MESSAGES.en['robots.refused'],
  'advice.blocked':
    'Newsdesk این نشانی را پیش از خواندن، به دلیلی که در بالا آمده، نپذیرفت؛ اگر میزبان در شبکهٔ خود شماست، آن را در allowHosts ‏(NEWSDESK_ALLOW_HOSTS=HOST، نام میزبان یا CIDR) بیاورید و دوباره بیفزایید',
  'advice.browser': 'نشانی را در مرورگر بیازمایید؛ اگر سایت خواننده‌ها را راه نمی‌دهد، Newsdesk چیزی برای دنبال کردن ندارد',
  'advice.selectors': 'گزینشگرها را با صفحه بسنجید (item هر بلوک پیش‌نمایش را برمی‌گزیند؛ title، link، summary و date درون آن جست‌وجو می‌شوند)',
  'advice.kindFeed':
    'اگر نشانی خود خوراک را می‌دانید آن را بدهید، یا نوع منبع را «هر نوع» بگذارید تا Newsdesk نقشهٔ سایت یا صفحهٔ فهرست را هم بیازماید',
  'advice.kindSitemap':
    'نشانی خود نقشهٔ سایت (…/sitemap.xml) را بدهید، یا نوع منبع را «هر نوع» بگذارید تا Newsdesk خوراک‌ها و صفحهٔ فهرست را هم بیازماید',
  'advice.listing':
    'اگر صفحه مقاله‌ها را فهرست می‌کند، بلوک‌های پیش‌نمایش آن را با گزینشگر CSS نام ببرید، مانند newsdesk add {url} --selector item=article.post --selector title="h2 a" (در settings.selectors منبع نگه داشته می‌شود)؛ یا نشانی خوراک یا نقشهٔ سایت را مستقیم بدهید',
  'advice.deadline':
    'جست‌وجو پس از {seconds} ثانیه (discoveryTimeoutMs، NEWSDESK_DISCOVERY_TIMEOUT_MS) بی یافتن چیزی به‌کاردنی ایستاد؛ سایت کند پاسخ می‌دهد — نشانی خود خوراک یا نقشهٔ سایت را بدهید، یا بعداً دوباره بیازمایید',
  'reason.feedDirect': 'این نشانی خوراک است ({entries})',
  'reason.feedLink': 'خوراکی که صفحه با <link rel="alternate"> معرفی می‌کند، با {entries}{more}',
  'reason.feedPath': 'خوراکی در یکی از مسیرهای رایج خوراک در سایت، با {entries}{more}',
  'reason.moreFeeds': '؛ {n} خوراک دیگر هم پیدا شد',
  'reason.sitemapUrl': 'این نشانی نقشهٔ سایت است ({urls}{news})',
  'reason.sitemapIndexUrl': 'این نشانی فهرست نقشه‌های سایت است ({urls}{news})',
  'reason.newsTags': '، {n} با برچسب خبری',
  'reason.sitemapFound': '{found}',
  'reason.sitemapFoundNoFeed': 'خوراکی پیدا نشد؛ {found}',
  'reason.listing': '{probe}',
  'reason.listingNoFeed': 'نه خوراکی پیدا شد نه نقشهٔ سایت خبری؛ {probe}',
  'reason.plainNoListing': 'نه خوراک، نه نقشهٔ سایت خبری و نه فهرست پیش‌نمایش پیدا شد؛ {found}',
  'reason.plainDeadline': 'نه خوراکی پیدا شد نه نقشهٔ سایت خبری، و صفحهٔ فهرست پیش از پایان مهلت آزموده نشد؛ {found}',
};

export const DISCOVERY_NOTE_MESSAGES: Catalogue<DiscoveryNoteKey> = { en: DISCOVERY_NOTE_EN, ar, fa };

/** A failure key ("http:404", "notFeed") as the site's sentence in `lang`, without its closing full stop (it is quoted). */
export function failureWords(lang: Lang, key: string): string {
  const r = parseFailureKey(key) ?? { kind: 'other' as const };
  const text = translator(SITE_MESSAGES, lang)(`failure.${r.kind}` as SiteKey, r.code === undefined ? undefined : { code: r.code });
  return text.replace(/[.。]$/u, '');
}

/** The note in `lang`: nested notes, numbers in the language's digits, a quoted failure in its words. */
export function discoveryNoteText(lang: Lang, note: DiscoveryNote): string {
  const own = DISCOVERY_NOTE_MESSAGES[lang];
  return fillNote(
    note,
    (k) => own[k] ?? DISCOVERY_NOTE_EN[k],
    (n) => formatCount(n, lang),
    (p) => (typeof p.failure === 'string' ? { ...p, failure: failureWords(lang, p.failure) } : p),
  );
}
