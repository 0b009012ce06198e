// The Arabic and Persian wordings of the edge trim's line classes (trim.ts): stock lines (share,
// follow, comments, related, tags), bylines, date lines and lines that are only a date, reading
// time, legal lines, sign-up and app calls, picture credits. Lines and wordings are folded alike
// (arabic-script.ts): each wording is written once, in its usual spelling, and matches its other
// spellings (ي/ی, ك/ک, ة/ه, hamza forms, tatweel, marks, ZWNJ or a space or nothing inside a
// Persian word). JavaScript's \b knows only ASCII words: WORD_END ends an Arabic wording.
import { WORD_END, arabicWordings, foldArabicScript } from './arabic-script.js';
import { ARABIC_SCRIPT_MONTHS } from './dates.js';

/** A stock line that is a label alone (a count or a colon may follow): share, follow, comments, related, tags' headings. */
export const AR_STOCK_LINE = new RegExp(
  `^${arabicWordings([
    'شارك',
    'شاركها',
    'مشاركة',
    'شارك المقال',
    'شارك الخبر',
    'شارك هذا المقال',
    'شارك هذا الخبر',
    'مشاركة المقال',
    'مشاركة الخبر',
    'تابعنا',
    'تابعونا',
    'التعليقات',
    'تعليقات',
    'تعليقات القراء',
    'مواضيع ذات صلة',
    'موضوعات ذات صلة',
    'أخبار ذات صلة',
    'مقالات ذات صلة',
    'مواد ذات صلة',
    'ذات صلة',
    'قد يعجبك أيضا',
    'قد يعجبك',
    'قد يهمك',
    'قد يهمك أيضا',
    'اقرأ المزيد',
    'الأكثر قراءة',
    'الأكثر مشاهدة',
    'الأكثر تداولا',
    'إعلان',
    'اشتراک‌گذاری',
    'اشتراک',
    'به اشتراک بگذارید',
    'هم‌رسانی',
    'نظرات',
    'دیدگاه‌ها',
    'نظر شما',
    'نظرات کاربران',
    'نظرات خوانندگان',
    'مطالب مرتبط',
    'اخبار مرتبط',
    'مطالب مشابه',
    'اخبار مشابه',
    'مطالب پیشنهادی',
    'پیشنهاد سردبیر',
    'پربازدیدترین‌ها',
    'پربازدیدترین',
    'پربحث‌ترین‌ها',
    'تبلیغات',
    'آگهی',
  ])}\\s*[:：]?\\s*(?:\\(?\\d+\\)?)?$`,
  'u',
);
/** The networks a share or follow call names. */
const NETWORKS = arabicWordings([
  'فيسبوك',
  'فيس بوك',
  'تويتر',
  'إكس',
  'انستغرام',
  'إنستغرام',
  'انستجرام',
  'يوتيوب',
  'تلغرام',
  'تيليجرام',
  'تلجرام',
  'واتساب',
  'واتس اب',
  'تيك توك',
  'لينكد إن',
  'جوجل نيوز',
  'غوغل نيوز',
  'قناتنا',
  'حساباتنا',
  'صفحتنا',
  'مواقع التواصل',
  'منصات التواصل',
  'فیسبوک',
  'توییتر',
  'اینستاگرام',
  'تلگرام',
  'واتساپ',
  'یوتیوب',
  'ایکس',
  'آپارات',
  'ایتا',
  'بله',
  'روبیکا',
  'شبکه‌های اجتماعی',
]);
/**
 * A stock line that opens so: a comment prompt or count, a sign-in notice; a call to share or
 * follow that names a network ("شارك على فيسبوك", "تابعونا عبر تلغرام": without one, "شارك على"
 * and "تابعنا على" open sentences too — took part in, we followed over); a tags line with its colon
 * ("التصنيف" is also a credit rating).
 */
export const AR_STOCK_START = new RegExp(
  `^(?:${arabicWordings([
    'أضف تعليقا',
    'أضف تعليقك',
    'أضف تعليق',
    'إضافة تعليق',
    'اترك تعليقا',
    'اترك تعليقك',
    'اترك ردا',
    'اكتب تعليقك',
    'اكتب تعليقا',
    'لا توجد تعليقات',
    'كن أول من يعلق',
    'شاركنا رأيك',
    'يجب عليك تسجيل الدخول',
    'يجب تسجيل الدخول',
    'سجل دخولك',
    'ما را دنبال کنید',
    'ارسال نظر',
    'ارسال دیدگاه',
    'نظر خود را بنویسید',
    'دیدگاه خود را بنویسید',
    'نظر شما چیست',
    'هنوز نظری ارسال نشده',
    'هنوز دیدگاهی ثبت نشده',
    'نظری ثبت نشده',
    'اولین نفری باشید که',
    'برای ارسال نظر',
  ])}${WORD_END}|${arabicWordings([
    'الكلمات المفتاحية',
    'كلمات مفتاحية',
    'الكلمات الدلالية',
    'الوسوم',
    'وسوم',
    'التصنيفات',
    'التصنيف',
    'برچسب‌ها',
    'برچسب',
    'کلیدواژه‌ها',
    'کلمات کلیدی',
    'دسته‌بندی',
  ])}\\s*[:：]|${arabicWordings(['شارك', 'شاركها', 'شاركه', 'مشاركة', 'تابعنا', 'تابعونا', 'اشترك في'])} ${arabicWordings(['على', 'عبر', 'في'])} .{0,30}?${NETWORKS}|${arabicWordings(['ما را در'])} .{0,40}${arabicWordings(['دنبال کنید'])}|\\d+ ${arabicWordings(['تعليق', 'تعليقات', 'تعليقا', 'نظر', 'دیدگاه'])}${WORD_END}|${arabicWordings(['به', 'در'])} .{0,40}${arabicWordings(['بپیوندید'])}${WORD_END})`,
  'iu',
);
/** A byline: "بقلم …", "كتب: …", "حوار: …" (an interview's), "نویسنده: …", "نوشته شده توسط …". */
export const AR_BYLINE = new RegExp(
  `^(?:${arabicWordings(['بقلم', 'به قلم', 'نوشته شده توسط', 'نوشته شده به قلم'])}\\s*[:：]?\\s*\\p{L}|${arabicWordings([
    'كتب',
    'كتبت',
    'حوار',
    'إعداد',
    'تحرير',
    'نویسنده',
    'نوشته',
    'خبرنگار',
    'گزارشگر',
  ])}\\s*[:：]\\s*\\p{L})`,
  'u',
);
/**
 * A date line: a publication or update label and the date ("نشر في: 12 مارس 2024", "آخر تحديث:
 * ١٠:٣٠", "تاریخ انتشار: ۱۵ اردیبهشت ۱۴۰۳"), or a Persian news site's item number ("کد خبر:
 * ۱۲۳۴۵"). The labels that are words of a sentence too ("تاريخ" history, "انتشار" spread) only
 * with their colon.
 */
export const AR_DATELINE = new RegExp(
  `^(?:${arabicWordings([
    'نشر في',
    'نشر بتاريخ',
    'نشرت في',
    'تاريخ النشر',
    'آخر تحديث',
    'اخر تحديث',
    'تم التحديث',
    'تم النشر',
    'تاريخ التحديث',
    'تحديث في',
    'تاریخ انتشار',
    'زمان انتشار',
    'منتشر شده در',
    'منتشر شده',
    'آخرین به‌روزرسانی',
    'به‌روزرسانی شده',
    'تاریخ به‌روزرسانی',
    'به‌روز شده',
  ])}${WORD_END}|${arabicWordings(['نشر', 'تحديث', 'محدث', 'التاريخ', 'تاريخ', 'انتشار', 'به‌روزرسانی', 'کد خبر', 'کد مطلب', 'شناسه خبر'])}\\s*[:：])[^\\d]{0,30}\\d`,
  'u',
);
/** A year (Gregorian, Hijri or Solar Hijri) or a time of day in a folded line: the date of a dated byline. */
export const AR_DATED = /(?:^|\D)(?:1[34]|19|20)\d\d(?!\d)|(?:^|\D)\d{1,2}:\d\d(?!\d)/;
/**
 * The words a date line is written in: the Gregorian and Solar Hijri months as dates.ts reads them
 * (Egypt and the Gulf, the Levant and Iraq, the Maghreb, Persian); the Hijri months; the days of
 * the week; "at" (the hour), the marks of morning and afternoon and of the era.
 */
const HIJRI_WORDS = 'محرم صفر ربيع الآخر جمادى الأولى الآخرة رجب شعبان رمضان شوال ذو القعدة الحجة';
const DAY_AND_TIME_WORDS =
  'الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت ' +
  'یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه شنبه ' +
  'الساعة ساعت صباحا مساء ص م هـ ه ش ق ظ ب ظ سه پنج';
const AR_DATE_WORDS = new Set(
  [...ARABIC_SCRIPT_MONTHS.flatMap((name) => name.split(' ')), ...HIJRI_WORDS.split(' '), ...DAY_AND_TIME_WORDS.split(' ')].map(
    foldArabicScript,
  ),
);
/**
 * A month's name among the date words: a line of them is a date only when it names its month (or
 * writes the date in figures). A two-word name counts by its first word ("كانون", "تشرين"), a Hijri
 * month by its own word ("القعدة", not "ذو").
 */
const AR_MONTHS = new Set(
  [...ARABIC_SCRIPT_MONTHS.map((name) => name.split(' ')[0]!), ...'محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة'.split(' ')].map(
    foldArabicScript,
  ),
);
/** A date in figures: 2024/03/12, ۱۴۰۳/۰۲/۱۵, 12-03-2024. */
const NUMERIC_DATE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
/** A date line is at most this long. */
const DATE_ONLY_MAX = 80;

/**
 * Whether a folded Arabic-script line is only a date (and time): "الأربعاء 12 مارس 2024 - 10:30",
 * "۱۵ اردیبهشت ۱۴۰۳، ساعت ۱۰:۳۰", "٢٠٢٤/٠٣/١٢". Every word is a date word or figures, a month is
 * named (or the date written in figures), and a figure is there. The month names that are words
 * too ("آب", "مهر", "صفر") count only in a line made of nothing else.
 */
export function isArabicDateOnly(ar: string): boolean {
  if (ar.length > DATE_ONLY_MAX || !/\d/.test(ar)) return false;
  let month = false;
  for (const w of ar.split(/[\s،,|·•\-–—]+/)) {
    if (w === '') continue;
    const t = w.replace(/^[(]+|[):.]+$/g, '');
    if (t === '' || /^\d{1,4}(?::\d\d){0,2}$/.test(t)) continue;
    if (NUMERIC_DATE.test(t)) {
      month = true;
      continue;
    }
    const dotted = t.split('.').filter((x) => x !== '');
    if (dotted.length > 0 && dotted.every((x) => AR_DATE_WORDS.has(x))) {
      if (dotted.some((x) => AR_MONTHS.has(x))) month = true;
      continue;
    }
    return false;
  }
  return month;
}
/** A reading-time line: "وقت القراءة: 3 دقائق", "3 دقائق للقراءة", "زمان مطالعه: ۴ دقیقه", "۴ دقیقه مطالعه". */
export const AR_READING_TIME = new RegExp(
  `^(?:${arabicWordings([
    'وقت القراءة',
    'مدة القراءة',
    'زمن القراءة',
    'قراءة',
    'زمان مطالعه',
    'مدت زمان مطالعه',
    'زمان تقریبی مطالعه',
    'زمان خواندن',
    'مطالعه',
  ])}\\s*[:：]?\\s*(?:${arabicWordings(['حوالي', 'نحو', 'حدود', 'تقریبا'])}\\s*)?\\d|\\d+\\s*${arabicWordings(['دقيقة', 'دقائق', 'دقیقه'])}\\s*(?:${arabicWordings(['للقراءة', 'قراءة', 'مطالعه', 'خواندن', 'زمان مطالعه'])})${WORD_END})`,
  'u',
);
/** A legal line: "جميع الحقوق محفوظة", "کلیه حقوق … محفوظ است", and the reuse terms "استفاده از مطالب … با ذکر منبع". */
export const AR_LEGAL = new RegExp(
  `${arabicWordings(['جميع الحقوق محفوظة', 'كل الحقوق محفوظة', 'كافة الحقوق محفوظة', 'حقوق النشر محفوظة', 'الحقوق محفوظة لـ'])}|^${arabicWordings(['الحقوق محفوظة'])}|${arabicWordings(['کلیه', 'تمامی', 'تمام', 'همه'])} ${arabicWordings(['حقوق'])}[^.]{0,80}${arabicWordings(['محفوظ'])}|${arabicWordings(['استفاده از', 'نقل'])}[^.]{0,60}${arabicWordings(['با ذکر منبع', 'بدون ذکر منبع'])}`,
  'u',
);
/** A sign-up call: the call ("اشترك", "سجّل", "عضو شوید") and what is sent ("النشرة البريدية", "خبرنامه", an e-mail). */
export const AR_SIGN_UP_CALL = new RegExp(
  `(?:^|[^\\p{L}\\p{M}])${arabicWordings(['اشترك', 'اشتركوا', 'سجل', 'انضم', 'عضو شوید', 'عضویت', 'مشترک شوید', 'ثبت‌نام', 'ثبت نام'])}${WORD_END}`,
  'u',
);
export const AR_SIGN_UP_WHAT = new RegExp(
  arabicWordings(['النشرة البريدية', 'نشرتنا', 'القائمة البريدية', 'بريدك الإلكتروني', 'صندوق بريدك', 'خبرنامه', 'ایمیل', 'پست الکترونیک']),
  'u',
);
/** A call to get the app: the call (download … app) and where ("أندرويد", "آيفون", "گوگل پلی", "بازار"). */
export const AR_APP_CALL = new RegExp(
  `${arabicWordings(['حمل', 'حملوا', 'نزل', 'تحميل', 'دانلود', 'نصب', 'بارگیری'])}${WORD_END}.{0,60}${arabicWordings(['تطبيق', 'التطبيق', 'تطبيقنا', 'اپلیکیشن', 'اپ', 'نرم‌افزار'])}${WORD_END}`,
  'u',
);
export const AR_APP_WHERE = new RegExp(
  `${arabicWordings(['أندرويد', 'آيفون', 'آب ستور', 'جوجل بلاي', 'غوغل بلاي', 'اندروید', 'آیفون', 'گوگل پلی', 'کافه بازار', 'مایکت'])}|\\b(?:ios|android|app store|google play|iphone)\\b`,
  'iu',
);

/** A picture credit in Arabic or Persian: "تصوير: …", "الصورة: …", "المصدر: …", "عکس: …", "عکس از …", "منبع: …", or an agency alone in brackets. */
export const AR_CREDIT = new RegExp(
  `^\\(?(?:${arabicWordings(['تصوير', 'صورة', 'الصورة', 'الصور', 'مصدر الصورة', 'حقوق الصورة', 'المصدر', 'عکس', 'عکس‌ها', 'عکاس', 'تصویر', 'منبع', 'منبع عکس'])}\\s*[:(/]|${arabicWordings(['عکس از'])}${WORD_END})|^\\(?${arabicWordings(['رويترز', 'رویترز', 'فرانس برس', 'أ ف ب', 'أسوشيتد برس', 'غيتي', 'الأناضول', 'خبرگزاری فرانسه', 'آسوشیتدپرس', 'گتی ایمیجز'])}\\)?\\.?$`,
  'u',
);
/** The same credit anywhere in a caption: the label and its colon or slash, or a picture agency named. */
export const AR_CREDITED = new RegExp(
  `${arabicWordings(['تصوير', 'صورة', 'الصورة', 'مصدر الصورة', 'حقوق الصورة', 'المصدر', 'عکس', 'عکاس', 'منبع', 'منبع عکس'])}\\s*[:/]|${arabicWordings(['عکس از'])}${WORD_END}|${arabicWordings(['رويترز', 'رویترز', 'فرانس برس', 'أ ف ب', 'أسوشيتد برس', 'غيتي إيميجز', 'الأناضول', 'آسوشیتدپرس', 'گتی ایمیجز', 'خبرگزاری فرانسه'])}`,
  'u',
);
/** A line of any element ending with a picture credit: "… تصوير: فلان", "… عکس: فلانی" (not the text's "المصدر"/"منبع", its source). */
export const AR_ENDS_WITH_CREDIT = new RegExp(
  `${arabicWordings(['تصوير', 'الصورة', 'صورة', 'عکس', 'عکاس'])}\\s*:\\s*[^.!?:()\u061f]{2,60}$`,
  'u',
);
