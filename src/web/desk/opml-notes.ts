// Why a feed of an imported OPML list was not subscribed, or why a whole file was refused, in the
// editor's language. The reader and the import job record each reason as a key and parameters
// beside its English (src/ingest/opml/read-opml.ts, OPML_NOTE_EN: the English here is that table);
// Arabic and Persian are written here, every key required. Two keys of that table are no sentence
// but the words of another part ('opml.addFailed': the store's message; 'opml.unreadable': the
// reader's): at the desk they are a sentence in every language, and those words follow it as a
// detail line (opmlNoteDetail), left in English as written.
import { OPML_NOTE_EN, type OpmlNote, type OpmlNoteKey } from '../../ingest/opml/index.js';
import { type Catalogue, fill, type Lang } from '../../locale/index.js';

/** The desk's English: the table's, with a sentence where the table has only another part's words. */
const en: Record<OpmlNoteKey, string> = {
  ...OPML_NOTE_EN,
  'opml.addFailed': 'could not be added',
  'opml.unreadable': 'the file could not be read as OPML',
};

const ar: Record<OpmlNoteKey, string> = {
  'opml.relative': 'ليس عنواناً كاملاً (أعطِ رابط الموجز الكامل الذي يبدأ بـ http أو https)',
  'opml.invalid': 'ليس عنوان ويب صالحاً',
  'opml.scheme': 'عنوان من نوع {scheme}:؛ لا يُشترك إلا في موجزات http وhttps',
  'opml.notWeb': 'ليس عنوان ويب',
  'opml.addFailed': 'تعذّرت إضافته',
  'opml.notOpml': 'ليس ملف OPML: لا يحوي عنصر <opml> (صدّر اشتراكاتك بصيغة OPML من قارئ الموجزات الذي تستعمله)',
  'opml.noFeeds': 'لا يذكر الملف أيّ موجز (لا عنصر outline فيه xmlUrl)',
  'opml.noSubscribable': 'لا يذكر الملف موجزات يمكن الاشتراك فيها: {why}',
  'opml.unreadable': 'تعذّرت قراءة الملف بصيغة OPML',
};

const fa: Record<OpmlNoteKey, string> = {
  'opml.relative': 'نشانی کامل نیست (نشانی کامل خوراک را با http یا https بدهید)',
  'opml.invalid': 'نشانی وب درستی نیست',
  'opml.scheme': 'نشانی از نوع {scheme}: است؛ فقط خوراک‌های http و https افزوده می‌شوند',
  'opml.notWeb': 'نشانی وب نیست',
  'opml.addFailed': 'افزوده نشد',
  'opml.notOpml': 'پروندهٔ OPML نیست: عنصر <opml> ندارد (اشتراک‌هایتان را از خوراک‌خوان خود به OPML برون‌بری کنید)',
  'opml.noFeeds': 'پرونده هیچ خوراکی را نام نمی‌برد (هیچ outline با xmlUrl ندارد)',
  'opml.noSubscribable': 'پرونده هیچ خوراکی را که بتوان مشترکش شد نام نمی‌برد: {why}',
  'opml.unreadable': 'پرونده به‌صورت OPML خوانده نشد',
};

export const OPML_NOTE_MESSAGES: Catalogue<OpmlNoteKey> = { en, ar, fa };

/** The words of another part a note carries (the store's, the reader's), shown as a detail line; else undefined. */
export function opmlNoteDetail(note: OpmlNote | undefined): string | undefined {
  if (!note || (note.key !== 'opml.addFailed' && note.key !== 'opml.unreadable')) return undefined;
  const d = note.params?.detail;
  return typeof d === 'string' && d !== '' ? d : undefined;
}

function noteText(lang: Lang, note: OpmlNote, params?: Record<string, string | number>): string {
  const own = OPML_NOTE_MESSAGES[lang];
  return fill(own[note.key] ?? en[note.key], params ?? (note.params as Record<string, string | number> | undefined));
}

/** A failed feed's reason in `lang`: its note when recorded, else the English it was recorded with. */
export function opmlProblemText(lang: Lang, failed: { problem: string; note?: OpmlNote | undefined }): string {
  return failed.note ? noteText(lang, failed.note) : failed.problem;
}

/**
 * Why a whole file was refused, in `lang`: its note, with the refused outlines it names worded in
 * `lang` too; the English it came with when it has no note.
 */
export function opmlRefusalText(
  lang: Lang,
  r: { error: string; note?: OpmlNote | undefined; refused?: { url: string; reason: string; note?: OpmlNote | undefined }[] | undefined },
): string {
  if (!r.note) return r.error;
  if (r.note.key !== 'opml.noSubscribable' || !r.refused?.length) return noteText(lang, r.note);
  const why = r.refused
    .map((x) => `${x.url} (${opmlProblemText(lang, { problem: x.reason, note: x.note })})`)
    .join(lang === 'en' ? '; ' : '؛ ');
  return noteText(lang, r.note, { why });
}
