// The refusals of a source's settings that every way in words alike: the desk's source form (in
// the editor's language), `newsdesk add` (in English) and the JSON API's POST /v1/sources (in the
// language Accept-Language picks, with the key as a stable name for programs). The checks
// themselves are src/ingest/listing/source-checks.ts; the catalogue lives here, at the bottom
// layer, because web, api and cli all read it and none of them may import another's. English
// defines the keys; Arabic and Persian are complete.
// Placeholders: {field} (the field as the caller names it: the desk's label, the CLI's option, the
// API's JSON member), {length} and {max} (characters). `selector.unusable` is the CLI's and the
// API's; the desk says it with its own `source.selectors.bad` (its label inside the sentence).
// `robots.refused` is a listing page the site's robots.txt refuses to Newsdesk, refused at add
// time (src/ingest/discover/choose-source.ts; the desk and the CLI quote it as the add chain's
// advice, the API as its problem): {robots} the file's address, {agent} the product token
// matched, {path} the page's path.
import { type Catalogue, type Lang, type Params, translator } from './index.js';

const en = {
  'selector.tooLong':
    '{field}: the selector is {length} characters long; a selector may be at most {max} characters. Shorten it; nothing was saved.',
  'selector.unusable': '{field}: the selector is not CSS the listing reader can use. Fix it or leave it out; nothing was saved.',
  'robots.refused':
    '{robots} does not allow Newsdesk (as "{agent}") to read {path}, so this listing page cannot be followed; nothing was added. Subscribe to the site\'s feed or sitemap instead, or ask the site\'s owner to allow "{agent}" there and add it again.',
};

export type SourceCheckKey = keyof typeof en;

const ar: Record<SourceCheckKey, string> = {
  'selector.tooLong': '{field}: طول المحدِّد بالأحرف {length}، والحد الأقصى للمحدِّد بالأحرف {max}. اختصره؛ لم يُحفظ شيء.',
  'selector.unusable': '{field}: لا يستطيع قارئ القوائم استعمال هذا المحدِّد بوصفه CSS. صحّحه أو احذفه؛ لم يُحفظ شيء.',
  'robots.refused':
    'الملف {robots} لا يسمح لـ Newsdesk (باسم "{agent}") بقراءة {path}، فلا يمكن متابعة صفحة القائمة هذه؛ لم يُضَف شيء. اشترك في خلاصة الموقع أو خريطته بدلاً منها، أو اطلب من صاحب الموقع أن يسمح لـ "{agent}" بها ثم أضفها من جديد.',
};

const fa: Record<SourceCheckKey, string> = {
  'selector.tooLong':
    '{field}: گزینشگر {length} نویسه دارد و یک گزینشگر حداکثر {max} نویسه می‌تواند داشته باشد. کوتاهش کنید؛ چیزی ذخیره نشد.',
  'selector.unusable':
    '{field}: خوانندهٔ فهرست نمی‌تواند این گزینشگر را به‌عنوان CSS به کار ببرد. درستش کنید یا کنارش بگذارید؛ چیزی ذخیره نشد.',
  'robots.refused':
    'پروندهٔ {robots} به Newsdesk (با نام "{agent}") اجازهٔ خواندن {path} را نمی‌دهد، پس این صفحهٔ فهرست را نمی‌توان دنبال کرد؛ چیزی افزوده نشد. به جای آن مشترک خوراک یا نقشهٔ سایت آن شوید، یا از صاحب سایت بخواهید به "{agent}" اجازه دهد و دوباره بیفزایید.',
};

export const SOURCE_CHECK_MESSAGES: Catalogue<SourceCheckKey> = { en, ar, fa };

/** A refusal in `lang` (English for the CLI and the API); numbers as the caller formats them. */
export function sourceCheckText(key: SourceCheckKey, params: Params, lang: Lang = 'en'): string {
  return translator(SOURCE_CHECK_MESSAGES, lang)(key, params);
}
