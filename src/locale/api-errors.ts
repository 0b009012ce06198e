// The JSON API's problems: every error answer of /api is `{"error": sentence, "key": key}`, the key
// a stable name for programs (documented in README's API section and the OpenAPI document) and the
// sentence this catalogue's (or source-checks.ts's, for a source's settings) in the language the
// request's Accept-Language picks among en, ar and fa (English otherwise), as the site and the desk
// pick theirs (negotiateLang). Here, at the bottom layer, because the API's routes (src/api) and
// the server's own answers under /api (src/server: body cap, Host check, failures, unknown
// addresses) both read it. English defines the keys; Arabic and Persian are complete.
// JSON member names, values and addresses ("url", "kind", feed, /api/openapi.json) stay as
// written in every language: they are what a program sends. So an address with a number in it is
// a string parameter ({path}), never a number one: numbers are written in the language's digits
// (Persian ۱۲), and /api/v1/sources/۱۲ is no address (r-keys).
import { type Catalogue, type Lang, negotiatedHeaders, negotiateLang, type Params, translator } from './index.js';
import { SOURCE_CHECK_MESSAGES, type SourceCheckKey } from './source-checks.js';

const en = {
  'body.notJson': 'Send a JSON object such as {"url": "https://example.org/feed.xml"}.',
  'body.notJsonType':
    'This address reads a JSON body: send it with "Content-Type: application/json" (a +json type, and charset=utf-8, are taken too).',
  'body.tooLarge': 'The request body is larger than this server accepts ({max} bytes).',
  'source.urlMissing': 'The body needs "url": the address of the feed or page.',
  'source.urlInvalid': '"url" is not an absolute URL: {url}',
  'source.urlNotHttp': '"url" must be http or https.',
  'source.kindInvalid': '"kind" is one of feed, page, sitemap.',
  'source.extractModeInvalid': '"extractMode" is one of off, short, always.',
  'source.kindConflict':
    'This address is already source {id}, of kind "{kind}", and a source\'s kind is never changed: to read it as "{asked}", remove it (DELETE {path}) and add it again. Nothing was changed.',
  'selectors.invalid': '"selectors" is an object of CSS selectors (strings) by key: {keys}.',
  'selectors.notPage': '"selectors" are for listing pages: leave "kind" out or give "page".',
  'source.notFound': 'No source has this id.',
  'entry.notFound': 'No entry has this id.',
  'story.notFound': 'No story has this id.',
  'topic.notFound': 'No topic has this id; GET /api/v1/topics lists them.',
  'query.notInteger': '"{name}" is a whole number (0 or more, at most 15 digits); got {value}.',
  'query.notId': '"{name}" is an id: digits without leading zeros (at most 15), as the API writes them; got {value}.',
  'query.notCanonicalNumber':
    '"{name}" is written as the API writes numbers: digits without leading zeros (0 itself is fine); got {value}.',
  'cursor.invalid': '"after"/"before" take the cursor strings of a previous page (cursors.older / cursors.newer).',
  'cursor.storyInvalid': '"after" takes the cursor string of a previous page (cursors.older).',
  'cursor.notCanonical':
    '"after"/"before" are given exactly as a previous page wrote them (cursors.older / cursors.newer): this one has leading zeros or a sign the API never writes.',
  'date.invalid': '"since"/"until" are ISO dates (2026-01-31) or date-times.',
  'query.repeated': '"{name}" is given more than once: give it once (no parameter takes a list).',
  'search.empty': 'Give the words to look for in "q".',
  'search.excludedOnly': 'Add at least one word to look for: a search cannot consist only of -exclusions.',
  'auth.required': 'Send an API token as "Authorization: Bearer <token>" (create one at /desk/account or with "newsdesk token create").',
  'auth.required.apiTokenUnset':
    'Send an API token as "Authorization: Bearer <token>" (create one at /desk/account or with "newsdesk token create", or set apiToken).',
  'auth.noToken':
    'The Authorization header holds no API token: send "Authorization: Bearer <token>" (or Basic with the token as password), or no header for a public read.',
  'auth.tokenInvalid':
    'The API token is not valid (unknown, revoked, or its user disabled). Send a valid one, or none at all for a public read.',
  'auth.noToken.private':
    'The Authorization header holds no API token: send "Authorization: Bearer <token>" (or Basic with the token as password). This site is private: every API call needs a valid token.',
  'auth.tokenInvalid.private':
    'The API token is not valid (unknown, revoked, or its user disabled). Send a valid one: this site is private, so every API call needs one.',
  'auth.sessionCannotWrite':
    'API writes need an API token ("Authorization: Bearer <token>"); a signed-in browser session cannot write here.',
  'auth.crossSite':
    'Your browser says this write comes from another site, and it carries Basic credentials the browser sends by itself: refused. Send the token as "Authorization: Bearer <token>".',
  'auth.readScope': 'This token has read scope; writing needs a token with write scope.',
  'auth.readerRole': "This token's user has the reader role, which cannot write.",
  'method.notAllowed': '{method} is not allowed here; this address takes {allow}. See /api/openapi.json.',
  'endpoint.notFound': 'Nothing lives at {method} {path}; the API is described at /api/openapi.json.',
  'host.unknown':
    'This server does not answer to the host "{host}": set baseUrl (NEWSDESK_BASE_URL) to its public address, or list the host in siteHosts (NEWSDESK_SITE_HOSTS).',
  'request.headersTooLarge':
    'The request line and headers are larger than this server reads ({max} bytes): shorten the query string (search with fewer words) or send fewer or shorter headers.',
  'precondition.failed':
    'If-Match or If-None-Match does not hold for this resource as it is now (it changed since it was read, it does not exist, or the header is not a list of quoted ETags). Nothing was changed: read it again (GET) and send its current ETag.',
  'server.failed': 'The request failed on the server; the error is in the server log.',
};

export type ApiErrorKey = keyof typeof en;

const ar: Record<ApiErrorKey, string> = {
  'body.notJson': 'أرسل كائن JSON مثل {"url": "https://example.org/feed.xml"}.',
  'body.notJsonType': 'هذا العنوان يقرأ جسمًا بصيغة JSON: أرسله مع "Content-Type: application/json" (يُقبل أيضًا نوع ‎+json و charset=utf-8).',
  'body.tooLarge': 'جسم الطلب أكبر مما يقبله هذا الخادم (الحد الأقصى بالبايت: {max}).',
  'source.urlMissing': 'يحتاج الجسم إلى "url": عنوان الخلاصة أو الصفحة.',
  'source.urlInvalid': '"url" ليس عنوان URL مطلقاً: {url}',
  'source.urlNotHttp': 'يجب أن يكون "url" بـhttp أو https.',
  'source.kindInvalid': 'قيمة "kind" واحدة من feed وpage وsitemap.',
  'source.extractModeInvalid': 'قيمة "extractMode" واحدة من off وshort وalways.',
  'source.kindConflict':
    'هذا العنوان هو المصدر {id} من قبل، ونوعه "{kind}"، ونوع المصدر لا يتغيّر أبدًا: لقراءته بوصفه "{asked}" احذفه (DELETE {path}) ثم أضفه من جديد. لم يتغيّر شيء.',
  'selectors.invalid': '"selectors" كائن من محدِّدات CSS (نصوص) حسب المفتاح: {keys}.',
  'selectors.notPage': '"selectors" لصفحات القوائم: اترك "kind" أو أعطِ "page".',
  'source.notFound': 'لا مصدر بهذا المعرّف.',
  'entry.notFound': 'لا خبر بهذا المعرّف.',
  'story.notFound': 'لا قصة بهذا المعرّف.',
  'topic.notFound': 'لا موضوع بهذا المعرّف؛ يسردها GET /api/v1/topics.',
  'query.notInteger': '"{name}" عدد صحيح (0 أو أكثر، 15 رقماً على الأكثر)؛ وصل {value}.',
  'query.notId': '"{name}" معرّف: أرقام بلا أصفار في أوله (15 رقمًا على الأكثر) كما يكتبه API؛ وصل {value}.',
  'query.notCanonicalNumber': '"{name}" يُكتب كما يكتب API الأعداد: أرقام بلا أصفار في أوله (الصفر وحده مقبول)؛ وصل {value}.',
  'cursor.invalid': '"after" و"before" تأخذان نصَّي المؤشر من صفحة سابقة (cursors.older / cursors.newer).',
  'cursor.storyInvalid': '"after" يأخذ نص المؤشر من صفحة سابقة (cursors.older).',
  'cursor.notCanonical':
    '"after" و"before" تُعطيان كما كتبتهما صفحة سابقة تمامًا (cursors.older / cursors.newer): في هذا المؤشر أصفار في أول العدد أو إشارة لا تكتبها الواجهة أبدًا.',
  'date.invalid': '"since" و"until" تواريخ ISO ‏(2026-01-31) أو تواريخ مع الوقت.',
  'query.repeated': '"{name}" مُعطى أكثر من مرة: أعطه مرة واحدة (لا يأخذ أي معامل قائمة).',
  'search.empty': 'أعطِ الكلمات المبحوث عنها في "q".',
  'search.excludedOnly': 'أضف كلمة واحدة على الأقل للبحث عنها: لا يتكوّن بحث من استبعادات -كلمة وحدها.',
  'auth.required': 'أرسل رمز API بصيغة "Authorization: Bearer <token>" (أنشئ واحدًا في /desk/account أو بالأمر "newsdesk token create").',
  'auth.required.apiTokenUnset':
    'أرسل رمز API بصيغة "Authorization: Bearer <token>" (أنشئ واحدًا في /desk/account أو بالأمر "newsdesk token create"، أو اضبط apiToken).',
  'auth.noToken':
    'ترويسة Authorization لا تحمل رمز API: أرسل "Authorization: Bearer <token>" (أو Basic مع الرمز كلمةَ مرور)، أو لا ترسل الترويسة لقراءة عامة.',
  'auth.tokenInvalid': 'رمز API غير صالح (مجهول أو ملغى أو مستخدمه معطَّل). أرسل رمزًا صالحًا، أو لا ترسل شيئًا لقراءة عامة.',
  'auth.noToken.private':
    'ترويسة Authorization لا تحمل رمز API: أرسل "Authorization: Bearer <token>" (أو Basic مع الرمز كلمةَ مرور). هذا الموقع خاص: كل طلب إلى API يحتاج رمزًا صالحًا.',
  'auth.tokenInvalid.private':
    'رمز API غير صالح (مجهول أو ملغى أو مستخدمه معطَّل). أرسل رمزًا صالحًا: هذا الموقع خاص، فكل طلب إلى API يحتاج رمزًا.',
  'auth.sessionCannotWrite': 'الكتابة عبر API تحتاج رمز API ‏("Authorization: Bearer <token>")؛ جلسة متصفح مسجَّل فيها لا تستطيع الكتابة هنا.',
  'auth.crossSite':
    'يقول متصفحك إن هذه الكتابة آتية من موقع آخر، وهي تحمل بيانات اعتماد Basic يرسلها المتصفح من تلقاء نفسه: رُفضت. أرسل الرمز في "Authorization: Bearer <token>".',
  'auth.readScope': 'نطاق هذا الرمز القراءة؛ الكتابة تحتاج رمزًا نطاقه الكتابة.',
  'auth.readerRole': 'مستخدم هذا الرمز دوره قارئ، والقارئ لا يكتب.',
  'method.notAllowed': '{method} غير مسموح هنا؛ هذا العنوان يقبل {allow}. انظر /api/openapi.json.',
  'endpoint.notFound': 'لا شيء في {method} {path}؛ وصف API في /api/openapi.json.',
  'host.unknown':
    'هذا الخادم لا يجيب المضيف "{host}": اضبط baseUrl ‏(NEWSDESK_BASE_URL) على عنوانه العام، أو أدرج المضيف في siteHosts ‏(NEWSDESK_SITE_HOSTS).',
  'request.headersTooLarge':
    'سطر الطلب وترويساته أكبر مما يقرأه هذا الخادم (الحد الأقصى بالبايت: {max}): اختصر سلسلة الاستعلام (ابحث بكلمات أقل) أو أرسل ترويسات أقل أو أقصر.',
  'precondition.failed':
    'لا يتحقق If-Match أو If-None-Match لهذا المورد كما هو الآن (تغيّر منذ قراءته، أو لا وجود له، أو الترويسة ليست قائمة وسوم ETag بين علامتَي تنصيص). لم يُغيَّر شيء: اقرأه من جديد (GET) وأرسل وسم ETag الحالي.',
  'server.failed': 'فشل الطلب على الخادم؛ الخطأ في سجل الخادم.',
};

const fa: Record<ApiErrorKey, string> = {
  'body.notJson': 'یک شیء JSON بفرستید، مانند {"url": "https://example.org/feed.xml"}.',
  'body.notJsonType':
    'این نشانی بدنه‌ای به JSON می‌خواند: آن را با "Content-Type: application/json" بفرستید (نوع ‎+json و charset=utf-8 هم پذیرفته است).',
  'body.tooLarge': 'بدنهٔ درخواست از آنچه این سرور می‌پذیرد ({max} بایت) بزرگ‌تر است.',
  'source.urlMissing': 'بدنه به "url" نیاز دارد: نشانی خوراک یا صفحه.',
  'source.urlInvalid': '"url" یک نشانی URL مطلق نیست: {url}',
  'source.urlNotHttp': '"url" باید http یا https باشد.',
  'source.kindInvalid': '"kind" یکی از feed، page و sitemap است.',
  'source.extractModeInvalid': '"extractMode" یکی از off، short و always است.',
  'source.kindConflict':
    'این نشانی از پیش منبع {id} است، از نوع "{kind}"، و نوع یک منبع هرگز تغییر نمی‌کند: برای خواندنش به‌عنوان "{asked}"، آن را بردارید (DELETE {path}) و دوباره بیفزایید. چیزی تغییر نکرد.',
  'selectors.invalid': '"selectors" شیئی از گزینشگرهای CSS (رشته) بر پایهٔ کلید است: {keys}.',
  'selectors.notPage': '"selectors" برای صفحه‌های فهرست است: "kind" را نفرستید یا "page" بدهید.',
  'source.notFound': 'هیچ منبعی این شناسه را ندارد.',
  'entry.notFound': 'هیچ خبری این شناسه را ندارد.',
  'story.notFound': 'هیچ ماجرایی این شناسه را ندارد.',
  'topic.notFound': 'هیچ موضوعی این شناسه را ندارد؛ GET /api/v1/topics آن‌ها را فهرست می‌کند.',
  'query.notInteger': '"{name}" عددی درست است (۰ یا بیشتر، حداکثر ۱۵ رقم)؛ رسید: {value}.',
  'query.notId': '"{name}" یک شناسه است: رقم‌هایی بی صفرِ آغازین (حداکثر ۱۵ رقم)، همان‌گونه که API می‌نویسد؛ رسید: {value}.',
  'query.notCanonicalNumber': '"{name}" همان‌گونه نوشته می‌شود که API عددها را می‌نویسد: رقم‌هایی بی صفرِ آغازین (خودِ ۰ رواست)؛ رسید: {value}.',
  'cursor.invalid': '"after" و "before" رشته‌های نشانگرِ یک صفحهٔ پیشین را می‌گیرند (cursors.older / cursors.newer).',
  'cursor.storyInvalid': '"after" رشتهٔ نشانگرِ یک صفحهٔ پیشین را می‌گیرد (cursors.older).',
  'cursor.notCanonical':
    '"after" و "before" را درست همان‌گونه بدهید که صفحهٔ پیشین نوشته است (cursors.older / cursors.newer): این نشانگر صفرِ آغازین یا علامتی دارد که API هرگز نمی‌نویسد.',
  'date.invalid': '"since" و "until" تاریخ‌های ISO ‏(2026-01-31) یا تاریخ با ساعت‌اند.',
  'query.repeated': '"{name}" بیش از یک بار آمده است: آن را یک بار بدهید (هیچ پارامتری فهرست نمی‌گیرد).',
  'search.empty': 'واژه‌هایی را که می‌جویید در "q" بدهید.',
  'search.excludedOnly': 'دست‌کم یک واژه برای جست‌وجو بیفزایید: جست‌وجو نمی‌تواند فقط از کنارگذاشته‌های -واژه باشد.',
  'auth.required': 'یک توکن API به شکل "Authorization: Bearer <token>" بفرستید (در /desk/account یا با "newsdesk token create" بسازید).',
  'auth.required.apiTokenUnset':
    'یک توکن API به شکل "Authorization: Bearer <token>" بفرستید (در /desk/account یا با "newsdesk token create" بسازید، یا apiToken را تنظیم کنید).',
  'auth.noToken':
    'سرآیند Authorization توکن API ندارد: "Authorization: Bearer <token>" بفرستید (یا Basic با توکن به‌جای گذرواژه)، یا برای خواندن عمومی هیچ سرآیندی نفرستید.',
  'auth.tokenInvalid':
    'توکن API معتبر نیست (ناشناخته، باطل‌شده، یا کاربرش غیرفعال). یک توکن معتبر بفرستید، یا برای خواندن عمومی هیچ نفرستید.',
  'auth.noToken.private':
    'سرآیند Authorization توکن API ندارد: "Authorization: Bearer <token>" بفرستید (یا Basic با توکن به‌جای گذرواژه). این سایت خصوصی است: هر درخواست API توکن معتبر می‌خواهد.',
  'auth.tokenInvalid.private':
    'توکن API معتبر نیست (ناشناخته، باطل‌شده، یا کاربرش غیرفعال). یک توکن معتبر بفرستید: این سایت خصوصی است و هر درخواست API توکن می‌خواهد.',
  'auth.sessionCannotWrite':
    'نوشتن از راه API توکن API می‌خواهد ("Authorization: Bearer <token>")؛ نشست واردشدهٔ مرورگر نمی‌تواند اینجا بنویسد.',
  'auth.crossSite':
    'مرورگر شما می‌گوید این نوشتن از سایتی دیگر می‌آید، و اعتبارنامهٔ Basic همراه دارد که مرورگر خودبه‌خود می‌فرستد: پذیرفته نشد. توکن را با "Authorization: Bearer <token>" بفرستید.',
  'auth.readScope': 'دامنهٔ این توکن خواندن است؛ نوشتن توکنی با دامنهٔ نوشتن می‌خواهد.',
  'auth.readerRole': 'کاربر این توکن نقش خواننده دارد و خواننده نمی‌تواند بنویسد.',
  'method.notAllowed': '{method} اینجا پذیرفته نیست؛ این نشانی {allow} را می‌پذیرد. /api/openapi.json را ببینید.',
  'endpoint.notFound': 'در {method} {path} چیزی نیست؛ شرح API در /api/openapi.json است.',
  'host.unknown':
    'این سرور به میزبان "{host}" پاسخ نمی‌دهد: baseUrl ‏(NEWSDESK_BASE_URL) را نشانی عمومی آن بگذارید، یا میزبان را در siteHosts ‏(NEWSDESK_SITE_HOSTS) بیاورید.',
  'request.headersTooLarge':
    'سطر درخواست و سرآیندهایش از آنچه این سرور می‌خواند ({max} بایت) بزرگ‌تر است: رشتهٔ پرس‌وجو را کوتاه کنید (با واژه‌های کمتر بجویید) یا سرآیندهای کمتر یا کوتاه‌تری بفرستید.',
  'precondition.failed':
    'If-Match یا If-None-Match برای این منبع، آن‌گونه که اکنون هست، برقرار نیست (از زمان خواندنش تغییر کرده، وجود ندارد، یا سرآیند فهرستی از ETagهای درون گیومه نیست). چیزی تغییر نکرد: آن را دوباره بخوانید (GET) و ETag کنونی‌اش را بفرستید.',
  'server.failed': 'درخواست روی سرور شکست خورد؛ خطا در گزارش سرور است.',
};

export const API_ERROR_MESSAGES: Catalogue<ApiErrorKey> = { en, ar, fa };

/** Every key an API problem may carry: this catalogue's and the source-settings refusals'. */
export type ApiProblemKey = ApiErrorKey | SourceCheckKey;

/** The source-settings refusals the API answers (the rest of that catalogue is the desk's and the CLI's too). */
const SOURCE_CHECK_KEYS_IN_API: readonly SourceCheckKey[] = ['selector.tooLong', 'selector.unusable', 'robots.refused'];

/** Every key of an API problem, for the OpenAPI document and README (sorted). */
export const API_PROBLEM_KEYS: readonly ApiProblemKey[] = [...(Object.keys(en) as ApiErrorKey[]), ...SOURCE_CHECK_KEYS_IN_API].sort();

/** The language of an API answer: the first of en, ar, fa that Accept-Language asks for, else English. */
export function apiLang(acceptLanguage: string | undefined): Lang {
  return negotiateLang(acceptLanguage);
}

const numbers = new Map<Lang, Intl.NumberFormat>();

/** Numbers in the language's digits, ungrouped (as the desk writes its counts): Persian ۳۰۰. */
function localNumbers(params: Params | undefined, lang: Lang): Params | undefined {
  if (!params || lang === 'en') return params;
  let f = numbers.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { useGrouping: false, maximumFractionDigits: 20 });
    numbers.set(lang, f);
  }
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'number' ? f.format(value) : value;
  return out;
}

const isSourceCheckKey = (key: ApiProblemKey): key is SourceCheckKey => Object.hasOwn(SOURCE_CHECK_MESSAGES.en, key);

/** A problem's JSON body, `{"error", "key"}`, its sentence in `lang`. */
export function apiProblemBody(key: ApiProblemKey, params: Params | undefined, lang: Lang): { error: string; key: ApiProblemKey } {
  const p = localNumbers(params, lang);
  const error = isSourceCheckKey(key) ? translator(SOURCE_CHECK_MESSAGES, lang)(key, p) : translator(API_ERROR_MESSAGES, lang)(key, p);
  return { error, key };
}

/** A problem answer: the JSON body, and the headers that say its language (negotiatedHeaders). */
export function apiProblem(
  key: ApiProblemKey,
  params: Params | undefined,
  acceptLanguage: string | undefined,
): { body: { error: string; key: ApiProblemKey }; headers: Record<string, string> } {
  const lang = apiLang(acceptLanguage);
  return { body: apiProblemBody(key, params, lang), headers: negotiatedHeaders(lang) };
}
