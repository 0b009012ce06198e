// Stage 4b, inside the chosen body: the furniture news templates set *between* the paragraphs of
// a story, where the edge trimming (trim.ts) never looks — ad slot labels ("Advertisement",
// "Story continues below"), "READ MORE: <other story>" lines, an all-capitals link to another
// story, app and sign-up calls to action, and runs of link lines ("DON'T MISS" and three
// headlines); rows of button labels ("Rezept drucken", "Print Recipe"); the consent notice an
// embed that was not loaded leaves ("Externer Inhalt", "Click here to load the content"); and what
// a player or gallery says when its script does not run ("This slideshow requires JavaScript."). Each is
// recognised by its shape, which readers of any news site know, and is short (a paragraph of the
// story is never taken for one). Works on the blocks trim.ts already measured: no walk of its own.

import { ARABIC_PUNCTUATION, WORD_END, arabicLine, arabicWordings } from './arabic-script.js';

/** What this stage needs of a measured block. */
export interface MeasuredBlock {
  str: string;
  text: number;
  links: number;
}

/** An ad slot's label or a "the story goes on below the ad" line, whole. */
const AD_LABEL =
  /^(?:advert|advertisement|advertising|ad|anzeige|publicité|publicidad|sponsored(?: content)?|(?:story|article|text) continues (?:below|after (?:the )?(?:ad(?:vertisement)?|this ad))(?: advertisement)?|continue reading (?:below|the main story))$/i;
/**
 * The label of a line pointing to another story: "READ MORE: …", "See also: …", and the same
 * stock labels of news sites in the other languages the web writes in (German, French, Spanish,
 * Portuguese, Italian, Polish, Dutch). Not "Related: …", which Readability and annotators alike
 * read as part of the story (a link the reporter chose).
 */
const POINTER_LABEL =
  "(?:read (?:more|also|next)|see (?:more|also)|also read|more on this|don'?t miss|must read" +
  '|lesen sie (?:auch|mehr|hier)|auch lesen|lies auch|siehe auch|mehr zum thema|das könnte sie auch interessieren' +
  '|zum weiterlesen|(?:das ist )?(?:auch|ebenfalls) interessant|weiterführende(?:r)? links?|noch mehr infos(?: für dich)?|passend zum thema' +
  '|à lire (?:aussi|également)|lire aussi|voir aussi|pour aller plus loin|sur le même sujet' +
  '|lee (?:también|más)|lea también|puedes ver|ver también|(?:también )?te puede interesar|noticias relacionadas' +
  '|veja também|leia (?:também|mais)|saiba mais' +
  '|leggi anche|vedi anche' +
  '|czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|dowiedz się więcej' +
  '|lees (?:ook|meer)|zie ook)';
/**
 * A pointer: the label, a separator, then (in a line mostly link text) the other story's headline.
 * Spanish "Mira:" ("look") counts here only, with its link: alone, "Mira" is a name.
 */
const POINTER = new RegExp(`^(?:${POINTER_LABEL}|mira)\\s*[:|»>–-]`, 'i');
/** The label alone on its line, announcing the link below it: never a line of the story. */
const POINTER_ALONE = new RegExp(`^${POINTER_LABEL}\\s*[:!»]?$`, 'i');
/** A call to action in a line with a link: get the app, sign up, subscribe, follow. */
const CALL =
  /\b(?:download (?:the|our) [\w .]*app|get the [\w .]+ app|on the go by|sign up (?:for|to)|subscribe (?:to|for)|follow us on)\b/i;

/**
 * A button's label, as the text of a page keeps it once the button is gone: print, pin and save
 * buttons of recipe cards and articles ("Rezept drucken", "Pinnen", "Jump to Recipe", "Print
 * Recipe", "Imprimer la recette") and a lightbox's "Bild anzeigen", in the stock lines' languages.
 */
const BUTTON_LABEL =
  '(?:zum rezept(?: springen)?|rezept (?:drucken|merken|speichern|teilen|pinnen)|drucken|pinnen|merken|bei pinterest (?:speichern|merken|pinnen)' +
  '|bild (?:anzeigen|schließen|vergrößern)|jump to recipe|print(?: recipe)?|pin(?: recipe| it)?|save recipe|imprimer(?: la recette)?' +
  '|imprimir(?: (?:la )?receta)?|stampa(?: (?:la )?ricetta)?|drukuj(?: przepis)?|recept afdrukken|afdrukken)';
/** A line made only of button labels (one or several, as a row of buttons reads): never a line of the story. */
const BUTTONS = new RegExp(`^${BUTTON_LABEL}(?:\\s*[|·•]?\\s*${BUTTON_LABEL})*$`, 'i');

/**
 * The same lines in Arabic and Persian, matched on the line folded (arabic-script.ts): an ad
 * slot's label; a pointer's label ("اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "شاهد أيضا",
 * "بیشتر بخوانید", "بخوانید", "این را هم بخوانید"); a call to follow or join ("تابعونا على",
 * "به کانال … بپیوندید"); a row of print and send buttons ("طباعة", "نسخه چاپی").
 */
const AR_AD_LABEL = new RegExp(
  `^${arabicWordings(['إعلان', 'إعلانات', 'مساحة إعلانية', 'محتوى مدعوم', 'محتوى برعاية', 'تبلیغات', 'آگهی', 'تبلیغ', 'محتوای حمایت‌شده'])}$`,
  'u',
);
const AR_POINTER_LABEL = arabicWordings([
  'اقرأ أيضا',
  'اقرأ كذلك',
  'اقرأ المزيد',
  'اقرأ أيضا على',
  'طالع أيضا',
  'شاهد أيضا',
  'شاهد كذلك',
  'للمزيد',
  'ذات صلة',
  'بیشتر بخوانید',
  'بیشتر بدانید',
  'بخوانید',
  'همچنین بخوانید',
  'این را هم بخوانید',
  'این مطلب را هم بخوانید',
  'ببینید',
  'بیشتر ببینید',
  'مطلب مرتبط',
  'مطالب مرتبط',
  'اخبار مرتبط',
  'پیشنهاد ما',
]);
/**
 * A pointer: the label, then the linked headline. Arabic and Persian templates often set no
 * separator, only a space ("اقرأ أيضا <a>…</a>"); in a line mostly link text that is a pointer
 * still (a sentence of the story that opens with these words is not mostly a link).
 */
const AR_POINTER = new RegExp(`^${AR_POINTER_LABEL}(?:\\s*[:|»«>–.…${ARABIC_PUNCTUATION}-]+|\\s)`, 'u');
const AR_POINTER_ALONE = new RegExp(`^${AR_POINTER_LABEL}\\s*[:!»«.…]*$`, 'u');
const AR_CALL = new RegExp(
  `^(?:${arabicWordings(['تابعونا على', 'تابعونا عبر', 'تابعنا على', 'تابعنا عبر', 'اشترك في', 'انضم إلى', 'انضموا إلى', 'حمل تطبيق', 'ما را در', 'ما را دنبال کنید', 'عضو کانال'])}${WORD_END}|${arabicWordings(['به', 'در'])} .{0,40}${arabicWordings(['بپیوندید', 'عضو شوید'])}${WORD_END})`,
  'u',
);
const AR_BUTTON_LABEL = arabicWordings([
  'طباعة',
  'اطبع',
  'نسخة للطباعة',
  'إرسال',
  'أرسل لصديق',
  'حفظ',
  'چاپ',
  'نسخه چاپی',
  'ذخیره',
  'ارسال به دوستان',
  'ارسال',
]);
const AR_BUTTONS = new RegExp(`^${AR_BUTTON_LABEL}(?:\\s*[|·•]?\\s*${AR_BUTTON_LABEL})*$`, 'u');

/** At most this long: a line of furniture is a label or a headline, not a paragraph. */
const LINE_MAX = 160;

/** A plural "s" after capitals ("AMAs", "CEOs"): a headline in capitals writes acronyms' plurals so. */
const ACRONYM_PLURAL = /(?<=\p{Lu}\p{Lu})s(?=[^\p{L}]|$)/gu;

function isAllCaps(s: string): boolean {
  const letters = s.replace(ACRONYM_PLURAL, '').replace(/[^\p{L}]/gu, '');
  if (letters.length < 12) return false;
  return letters === letters.toUpperCase() && letters !== letters.toLowerCase() && s.trim().split(/\s+/).length >= 4;
}

/** Whether a block in the middle of a story is a line of furniture. */
export function isInlineFurniture(b: MeasuredBlock): boolean {
  if (b.text === 0 || b.text > LINE_MAX) return false;
  if (AD_LABEL.test(b.str) || POINTER_ALONE.test(b.str) || BUTTONS.test(b.str)) return true;
  const ar = arabicLine(b.str, LINE_MAX);
  if (ar !== null && (AR_AD_LABEL.test(ar) || AR_POINTER_ALONE.test(ar) || AR_BUTTONS.test(ar))) return true;
  const density = b.links / b.text;
  if (density < 0.5) return false;
  if (POINTER.test(b.str) || CALL.test(b.str)) return true;
  if (ar !== null && (AR_POINTER.test(ar) || AR_CALL.test(ar))) return true;
  // A headline-cased link standing alone as a paragraph: another story's headline.
  return density >= 0.9 && isAllCaps(b.str);
}

/**
 * The notice an embed leaves when it waits for the reader's consent: "Externer Inhalt", "Klicken
 * Sie auf den Button, um den Inhalt von … zu laden", "… stellen deshalb ohne dein Einverständnis
 * keine Verbindung zu Twitter her", "Click here to load the content". The embed (a map, a post, a
 * video) is not loaded in saved pages, and what is left is the consent plug-in's text, anywhere in
 * the body. It may run to two sentences, long enough to pass for prose.
 */
const EMBED_NOTICE =
  /^externer inhalt$|^external content$|\b(?:klicken sie|klicke|klick) (?:auf|hier)\b[^.]{0,60}\bum (?:den|die|das)? ?(?:externen? )?(?:inhalte?|video|karte|tweet|beitrag)\b.{0,60}?\bzu laden\b|\bohne (?:dein|ihr) (?:einverständnis|zustimmung)\b[^.]{0,60}\bverbindung\b|\bmit dem laden de[rs] (?:inhalts?|videos?|tweets?|karte)\b|^(?:click|tap) (?:here |the button )?(?:below )?to (?:load|show|view|display) (?:the )?(?:content|embed|video|tweet|map)\b/i;
/** An embed's consent notice is at most this long. */
const EMBED_NOTICE_MAX = 300;

/** Whether a block of the body is the consent notice of an embed that was not loaded. */
export function isEmbedNotice(b: MeasuredBlock): boolean {
  return b.text > 0 && b.text < EMBED_NOTICE_MAX && EMBED_NOTICE.test(b.str);
}

/**
 * What a script-driven player or gallery says in a saved page when its script does not run:
 * "This slideshow requires JavaScript.", a player's word that the reader's device or browser
 * cannot play it ("Media playback is unsupported on your device", "Video playback is not
 * supported on this device", "This video cannot be played in your browser"), "Get the
 * Flash Player to see this player.", "Your browser does not support the video tag.", and a
 * gallery's counter with its numbers left unfilled ("Image 1 of / 8"). The player or gallery
 * itself is gone from the text, so the line speaks of nothing the reader has; a story about
 * JavaScript or Flash says so in sentences longer than a fallback line (MEDIA_FALLBACK_MAX).
 */
const MEDIA_FALLBACK =
  /\b(?:requires|needs) javascript\b|\bjavascript (?:is )?(?:required|disabled)\b|\benable javascript to (?:view|watch|see|play)\b|\b(?:(?:media|video|audio) playback|this (?:video|audio|media|player)) (?:is )?(?:unsupported|not supported|cannot be played) (?:on|in|by) (?:your|this) (?:device|browser)\b|\b(?:get|install|download|requires?|need) (?:the )?(?:latest )?(?:adobe )?flash player\b|\byour browser (?:does not|doesn't|cannot|can't) (?:support|play)\b|^(?:image|photo|picture|slide) \d+ of \/ ?\d+$/i;
/** A player's fallback line is at most this long. */
const MEDIA_FALLBACK_MAX = 120;

/** Whether a block of the body is what a player or gallery says when its script did not run. */
export function isMediaFallback(b: MeasuredBlock): boolean {
  return b.text > 0 && b.text < MEDIA_FALLBACK_MAX && MEDIA_FALLBACK.test(b.str);
}
