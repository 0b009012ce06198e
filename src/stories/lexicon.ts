// A small cross-language lexicon of news vocabulary: the words that say *what happened* (court,
// verdict, protest, drone, sanctions, oil, election, fire …), written once per concept in
// English, Arabic and Persian. Names and figures alone leave many cross-language pairs with too
// little in common ("Iran's oil exports hit two-year high" / "صادرات نفت ایران به بالاترین سطح
// رسید"); a shared concept id lets them meet. Written from general knowledge of news language
// across beats (politics, courts, security, economy, disasters, health, culture, sport), not
// derived from any evaluation file; every entry is a plain translation. Arabic and Persian forms
// are matched after folding (normalize.ts) and after stripping common clitics and endings, so one
// stem covers "المحكمة", "بالمحكمة", "محكمة"; English after the clusterer's plural strip.
import { normalizeTerm } from '../text/normalize.js';

// concept | English forms | Arabic forms | Persian forms
const ENTRIES = `
court | court courts courtroom tribunal | محكمة محاكم المحكمة | دادگاه
judge | judge judges | قاضي القاضي قضاة | قاضی
trial | trial trials | محاكمة | محاکمه
verdict | verdict ruling ruled rules | حكم قرار | حکم رای
sentence | sentence sentenced | حكم بالسجن | محکوم
prison | prison jail jailed prisoner prisoners | سجن السجن سجين | زندان زندانی
appeal | appeal appeals appealed | استئناف يستأنف | تجدیدنظر اعتراض
prosecutor | prosecutor prosecutors prosecution | ادعاء النيابة مدعي | دادستان دادستانی
lawyer | lawyer lawyers attorney | محامي محامون محامو | وکیل وکلای وکلا
police | police policeman | شرطة الشرطة | پلیس
arrest | arrest arrested arrests detained detention | اعتقال اعتقل توقيف احتجاز | بازداشت دستگیر
release | release released freed frees | إفراج الإفراج أفرج أطلق سراح | آزاد آزادی
protest | protest protests protesters protester demonstration demonstrators rally rallies march | احتجاج احتجاجات محتجون متظاهرون تظاهرة مظاهرة | اعتراض معترضان تظاهرات تجمع راهپیمایی
strike | strike strikes striking | إضراب | اعتصاب
embassy | embassy embassies | سفارة السفارة | سفارت
ambassador | ambassador envoy | سفير السفير | سفیر
summon | summon summoned summons | استدعاء استدعت | احضار
minister | minister ministers | وزير وزراء | وزیر
foreign | foreign | الخارجية خارجية | خارجه
ministry | ministry | وزارة | وزارت
president | president presidential | رئيس الرئيس | رئیس‌جمهور رئیس‌جمهوری
parliament | parliament parliamentary lawmakers mps | البرلمان برلمان مجلس النواب | مجلس نمایندگان
law | law bill | قانون مشروع | قانون لایحه
election | election elections vote voting voters ballot polls | انتخابات الانتخابات اقتراع تصويت | انتخابات رای‌گیری
results | results result | نتائج | نتایج
turnout | turnout participation | مشاركة | مشارکت
talks | talks negotiations negotiation dialogue | محادثات مفاوضات حوار | مذاکرات گفتگو
meeting | meeting meet meets met | لقاء اجتماع يلتقي التقى | دیدار ملاقات نشست
visit | visit visits visited arrives arrived | زيارة يصل وصل | سفر
agreement | agreement deal accord | اتفاق اتفاقية | توافق قرارداد
sanctions | sanctions sanction sanctioned | عقوبات العقوبات | تحریم
oil | oil crude | نفط النفط | نفت
gas | gas | غاز الغاز | گاز
electricity | electricity power blackout blackouts outages | كهرباء الكهرباء | برق
exports | exports export | صادرات تصدير | صادرات
imports | imports import | واردات استيراد | واردات
debt | debt debts arrears | ديون دين | بدهی
funds | funds money frozen assets | أموال الأموال أرصدة | پول دارایی
bank | bank banks | بنك البنك مصرف | بانک
price | price prices | أسعار سعر | قیمت
inflation | inflation | تضخم | تورم
currency | currency rial dollar | عملة الدولار الريال | ارز دلار ریال
salary | salary salaries wages pay pension pensions | رواتب راتب أجور | حقوق دستمزد
retirees | retirees pensioners | متقاعدين المتقاعدين | بازنشستگان
workers | workers worker | عمال العمال | کارگران
teachers | teachers | معلمين المعلمين | معلمان
drone | drone drones | مسيرة مسيرات طائرة | پهپاد
missile | missile missiles rocket rockets | صاروخ صواريخ | موشک
attack | attack attacks attacked | هجوم الهجوم استهداف اعتداء | حمله
explosion | explosion blast explosions | انفجار | انفجار
bomb | bomb bombing | قنبلة تفجير | بمب
plot | plot conspiracy | مخطط مؤامرة | توطئه
killed | killed dead deaths died death | قتل مقتل قتلى وفاة | کشته جان
wounded | wounded injured | جرحى إصابة مصابين | زخمی مجروح
fire | fire fires blaze | حريق حرائق | آتش آتش‌سوزی
earthquake | earthquake quake tremor | زلزال | زلزله
flood | flood floods flooding flooded floodwaters | فيضان فيضانات سيول | سیل سیلاب سیل‌زده سیل‌زدگان
drought | drought | جفاف | خشکسالی
rescue | rescue rescuers | إنقاذ | امداد نجات
tanker | tanker tankers | ناقلة الناقلة | نفتکش
ship | ship ships vessel vessels shipping | سفينة سفن شحن | کشتی
seize | seize seized seizure seizes | احتجاز احتجزت مصادرة صادرت | توقیف ضبط
crew | crew sailors | طاقم بحارة | خدمه ملوان
navy | navy naval | البحرية | نیروی دریایی
border | border borders crossing | حدود الحدود منفذ حدودي | مرز
pilgrims | pilgrims pilgrimage | زوار حجاج | زائران زوار
tourists | tourists tourism | سياح سائح سياحة | گردشگران گردشگر
refugees | refugees displaced | لاجئين نازحين النازحين | پناهندگان آوارگان
camp | camp camps | مخيم معسكر | اردوگاه کمپ
hackers | hackers hacker hacking hacked | قراصنة قرصنة | هکر هکرها
cyberattack | cyberattack cyber | سيبراني إلكتروني | سایبری
internet | internet online | الإنترنت إنترنت | اینترنت
computers | computers computer laptops devices | حواسيب حاسوب أجهزة | رایانه رایانه‌ها
data | data leak leaked | بيانات تسريب | داده اطلاعات
nuclear | nuclear atomic | نووي النووي | هسته‌ای
uranium | uranium enrichment | اليورانيوم تخصيب | اورانیوم غنی‌سازی
inspectors | inspectors inspection | مفتشين تفتيش | بازرسان بازرسی
resolution | resolution | قرار | قطعنامه
board | board governors | مجلس المحافظين | شورای حکام
vaccination | vaccination vaccine vaccines immunisation immunization | تطعيم لقاح | واکسیناسیون واکسن
hospital | hospital hospitals | مستشفى | بیمارستان
health | health | صحة الصحة | بهداشت سلامت
school | school schools | مدرسة مدارس | مدرسه
students | students university | طلاب جامعة | دانشجویان دانشگاه
film | film films movie cinema | فيلم سينما | فیلم سینما
festival | festival | مهرجان | جشنواره
award | award prize wins won | جائزة | جایزه
director | director | مخرج | کارگردان
football | football soccer | كرة القدم | فوتبال
match | match | مباراة | مسابقه
journalist | journalist journalists reporter | صحفي صحفيين | خبرنگار روزنامه‌نگار
execution | execution executed executions | إعدام | اعدام
hunger | hunger | جوع | گرسنگی
anniversary | anniversary | ذكرى | سالگرد
funeral | funeral | جنازة تشييع | تشییع
opposition | opposition dissidents exiles | المعارضة معارضة | مخالفان اپوزیسیون
statement | statement | بيان | بیانیه
report | report | تقرير | گزارش
investigation | investigation probe | تحقيق | تحقیقات
search | search raid raided | تفتيش مداهمة | بازرسی
airport | airport | مطار | فرودگاه
flights | flights flight airline | رحلات طيران | پرواز
gold | gold | ذهب | طلا
wheat | wheat | قمح | گندم
water | water | مياه ماء | آب
monday | monday | الاثنين | دوشنبه
tuesday | tuesday | الثلاثاء | سه‌شنبه
wednesday | wednesday | الأربعاء | چهارشنبه
thursday | thursday | الخميس | پنجشنبه
friday | friday | الجمعة | جمعه
saturday | saturday | السبت | شنبه
sunday | sunday | الأحد | یکشنبه
`;

const CONCEPT = new Map<string, string>();
for (const line of ENTRIES.split('\n')) {
  const parts = line.split('|').map((p) => p.trim());
  if (parts.length !== 4) continue;
  const id = parts[0] as string;
  for (const group of parts.slice(1)) {
    for (const w of group.split(/\s+/)) {
      if (!w) continue;
      const f = normalizeTerm(w).replace(/ /g, '');
      if (f && !CONCEPT.has(f)) CONCEPT.set(f, id);
    }
  }
}

const PREFIXES = ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ب', 'ل', 'ف', 'ك'];
const SUFFIXES = ['هاي', 'ها', 'ات', 'ون', 'ين', 'ان', 'يه', 'ه', 'ي', 'اي'];

/** The concept a folded word stands for, or undefined. */
export function conceptOf(norm: string): string | undefined {
  const direct = CONCEPT.get(norm);
  if (direct !== undefined) return direct;
  const c = norm.charCodeAt(0);
  if (c < 0x0600 || c > 0x06ff) {
    if (norm.length > 4 && norm.endsWith('s')) return CONCEPT.get(norm.slice(0, -1));
    return undefined;
  }
  const bases = [norm];
  for (const p of PREFIXES) if (norm.length - p.length >= 3 && norm.startsWith(p)) bases.push(norm.slice(p.length));
  for (const b of bases) {
    const hit = CONCEPT.get(b);
    if (hit !== undefined) return hit;
    for (const s of SUFFIXES) {
      if (b.length - s.length >= 3 && b.endsWith(s)) {
        const h = CONCEPT.get(b.slice(0, -s.length));
        if (h !== undefined) return h;
      }
    }
  }
  return undefined;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_BIT = new Map<string, number>(WEEKDAYS.map((d, i) => [`c:${d}`, 1 << i]));

/**
 * The bit of a weekday concept feature ("c:tuesday" → 2; Monday 1 … Sunday 64), 0 for any other
 * feature key: the days an article names, as a mask (clusterer.ts, the day guard).
 */
export function weekdayBit(key: string): number {
  return WEEKDAY_BIT.get(key) ?? 0;
}
