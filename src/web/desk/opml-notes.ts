// Why a feed of an imported OPML list was not subscribed, in the editor's language. The reader and
// the import job record each reason as a key and parameters beside its English
// (src/ingest/opml/read-opml.ts, OPML_NOTE_EN: the English here is that table); Arabic and Persian
// are written here, every key required.
import { OPML_NOTE_EN, type OpmlNote, type OpmlNoteKey } from '../../ingest/opml/index.js';
import { type Catalogue, fill, type Lang } from '../../locale/index.js';

const ar: Record<OpmlNoteKey, string> = {
  'opml.relative': 'ليس عنواناً كاملاً (أعطِ رابط الموجز الكامل الذي يبدأ بـ http أو https)',
  'opml.invalid': 'ليس عنوان ويب صالحاً',
  'opml.scheme': 'عنوان من نوع {scheme}:؛ لا يُشترك إلا في موجزات http وhttps',
  'opml.notWeb': 'ليس عنوان ويب',
  'opml.addFailed': 'تعذّرت إضافته: {detail}',
};

const fa: Record<OpmlNoteKey, string> = {
  'opml.relative': 'نشانی کامل نیست (نشانی کامل خوراک را با http یا https بدهید)',
  'opml.invalid': 'نشانی وب درستی نیست',
  'opml.scheme': 'نشانی از نوع {scheme}: است؛ فقط خوراک‌های http و https افزوده می‌شوند',
  'opml.notWeb': 'نشانی وب نیست',
  'opml.addFailed': 'افزوده نشد: {detail}',
};

export const OPML_NOTE_MESSAGES: Catalogue<OpmlNoteKey> = { en: OPML_NOTE_EN, ar, fa };

/** A failed feed's reason in `lang`: its note when recorded, else the English it was recorded with. */
export function opmlProblemText(lang: Lang, failed: { problem: string; note?: OpmlNote | undefined }): string {
  if (!failed.note) return failed.problem;
  const own = OPML_NOTE_MESSAGES[lang];
  return fill(own[failed.note.key] ?? OPML_NOTE_EN[failed.note.key], failed.note.params as Record<string, string | number> | undefined);
}
