// Real paragraphs of public-domain literature, one per language, for judging the charset
// detector and the mojibake repair on text that no table of ours was written from (the
// detector is a library's and has no table of ours at all). Each is an opening or early
// passage, as the texts are given by Wikisource, Project Gutenberg, Aozora Bunko and Wolne
// Lektury; all the works are in the public domain (authors dead for over 70 years, or older
// texts).
//
// - zh-Hans: Lu Xun 鲁迅, 狂人日记 (A Madman's Diary, 1918), section 2 — zh.wikisource.org
// - zh-Hant: Lu Xun 魯迅, 孔乙己 (Kong Yiji, 1919), opening — zh.wikisource.org
// - ja: Natsume Sōseki 夏目漱石, 吾輩は猫である (I Am a Cat, 1905), opening — Aozora Bunko
// - ko: Yun Dong-ju 윤동주, 별 헤는 밤 (Counting the Stars at Night, 1941), opening — ko.wikisource.org
// - ru: Лев Толстой, «Анна Каренина» (1878), opening — ru.wikisource.org
// - el: Κ. Π. Καβάφης, «Ιθάκη» (1911), first stanzas — el.wikisource.org
// - he: בראשית (Genesis) 1:1–5, Masoretic text without points — he.wikisource.org
// - ar: ابن المقفع, كليلة ودمنة (Kalila wa-Dimna, 8th c.), "The Lion and the Ox" — ar.wikisource.org
// - fa: سعدی, گلستان (Golestan, 1258), preface — fa.wikisource.org
// - tr: Mustafa Kemal Atatürk, Gençliğe Hitabe (Address to the Youth, 1927) — tr.wikisource.org
// - fr: Victor Hugo, Les Misérables (1862), opening — Project Gutenberg #17489
// - de: Franz Kafka, Die Verwandlung (1915), opening — Project Gutenberg #22367
// - pt: Machado de Assis, Dom Casmurro (1899), opening — Project Gutenberg #55752
// - pl: Henryk Sienkiewicz, Quo vadis (1896), opening — Wolne Lektury
export const PARAGRAPHS = {
  'zh-Hans':
    '今天全没月光，我知道不妙。早上小心出门，赵贵翁的眼色便怪：似乎怕我，似乎想害我。还有七八个人，交头接耳的议论我，又怕我看见。一路上的人，都是如此。其中最凶的一个人，张着嘴，对我笑了一笑；我便从头直冷到脚跟，晓得他们布置，都已妥当了。我可不怕，仍旧走我的路。前面一伙小孩子，也在那里议论我；眼色也同赵贵翁一样，脸色也都铁青。',
  'zh-Hant':
    '魯鎮的酒店的格局，是和別處不同的：都是當街一個曲尺形的大櫃檯，櫃裡面預備著熱水，可以隨時溫酒。做工的人，傍午傍晚散了工，每每花四文銅錢，買一碗酒，——這是二十多年前的事，現在每碗要漲到十文，——靠櫃外站著，熱熱的喝了休息；倘肯多花一文，便可以買一碟鹽煮筍，或者茴香豆，做下酒物了。',
  ja: '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。この書生というのは時々我々を捕えて煮て食うという話である。',
  ko: '계절이 지나가는 하늘에는 가을로 가득 차 있습니다. 나는 아무 걱정도 없이 가을 속의 별들을 다 헤일 듯합니다. 가슴 속에 하나 둘 새겨지는 별을 이제 다 못 헤는 것은 쉬이 아침이 오는 까닭이요, 내일 밤이 남은 까닭이요, 아직 나의 청춘이 다하지 않은 까닭입니다.',
  ru: 'Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива по-своему. Все смешалось в доме Облонских. Жена узнала, что муж был в связи с бывшею в их доме француженкою-гувернанткой, и объявила мужу, что не может жить с ним в одном доме. Положение это продолжалось уже третий день и мучительно чувствовалось и самими супругами, и всеми членами семьи, и домочадцами.',
  el: "Σα βγεις στον πηγαιμό για την Ιθάκη, να εύχεσαι νάναι μακρύς ο δρόμος, γεμάτος περιπέτειες, γεμάτος γνώσεις. Τους Λαιστρυγόνας και τους Κύκλωπας, τον θυμωμένο Ποσειδώνα μη φοβάσαι, τέτοια στον δρόμο σου ποτέ σου δεν θα βρεις, αν μέν' η σκέψις σου υψηλή, αν εκλεκτή συγκίνησις το πνεύμα και το σώμα σου αγγίζει.",
  he: 'בראשית ברא אלהים את השמים ואת הארץ. והארץ היתה תהו ובהו וחשך על פני תהום ורוח אלהים מרחפת על פני המים. ויאמר אלהים יהי אור ויהי אור. וירא אלהים את האור כי טוב ויבדל אלהים בין האור ובין החשך. ויקרא אלהים לאור יום ולחשך קרא לילה ויהי ערב ויהי בקר יום אחד.',
  ar: 'قال دبشليم الملك لبيدبا الفيلسوف وهو رأس البراهمة: اضرب لي مثل المتحابين يقطع بينهما الكذوب المحتال، حتى يحملهما على العداوة والبغضاء. قال بيدبا: إذا ابتلي المتحابان بأن يدخل بينهما الكذوب المحتال، لم يلبثا أن يتقاطعا ويتدابرا. ومن أمثال ذلك أنه كان بأرض دستاوند رجل شيخ، وكان له ثلاثة بنين.',
  fa: 'منت خدای را عز و جل که طاعتش موجب قربت است و به شکر اندرش مزید نعمت. هر نفسی که فرو می‌رود ممد حیات است و چون بر می‌آید مفرح ذات. پس در هر نفسی دو نعمت موجود است و بر هر نعمتی شکری واجب. از دست و زبان که برآید کز عهده شکرش به در آید.',
  tr: 'Ey Türk gençliği! Birinci vazifen, Türk istiklâlini, Türk Cumhuriyetini, ilelebet muhafaza ve müdafaa etmektir. Mevcudiyetinin ve istikbalinin yegâne temeli budur. Bu temel, senin en kıymetli hazinendir. İstikbalde dahi, seni bu hazineden mahrum etmek isteyecek dahilî ve haricî bedhahların olacaktır. Bir gün, istiklâl ve Cumhuriyeti müdafaa mecburiyetine düşersen, vazifeye atılmak için, içinde bulunacağın vaziyetin imkân ve şeraitini düşünmeyeceksin!',
  fr: "En 1815, M. Charles-François-Bienvenu Myriel était évêque de Digne. C'était un vieillard d'environ soixante-quinze ans; il occupait le siège de Digne depuis 1806. Quoique ce détail ne touche en aucune manière au fond même de ce que nous avons à raconter, il n'est peut-être pas inutile, ne fût-ce que pour être exact en tout, d'indiquer ici les bruits et les propos qui avaient couru sur son compte au moment où il était arrivé dans le diocèse.",
  de: 'Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich in seinem Bett zu einem ungeheueren Ungeziefer verwandelt. Er lag auf seinem panzerartig harten Rücken und sah, wenn er den Kopf ein wenig hob, seinen gewölbten, braunen, von bogenförmigen Versteifungen geteilten Bauch, auf dessen Höhe sich die Bettdecke, zum gänzlichen Niedergleiten bereit, kaum noch erhalten konnte.',
  pt: 'Uma noite destas, vindo da cidade para o Engenho Novo, encontrei no trem da Central um rapaz aqui do bairro, que eu conheço de vista e de chapéu. Cumprimentou-me, sentou-se ao pé de mim, falou da lua e dos ministros, e acabou recitando-me versos. A viagem era curta, e os versos pode ser que não fossem inteiramente maus.',
  pl: 'Petroniusz obudził się zaledwie koło południa i jak zwykle zmęczony bardzo. Poprzedniego dnia był na uczcie u Nerona, która przeciągnęła się do późna w noc. Od pewnego czasu zdrowie jego poczęło się psuć. Sam mówił, że budzi się rankiem jakby zdrętwiały i bez możności zebrania myśli.',
} as const;

export type Language = keyof typeof PARAGRAPHS;

/**
 * Each paragraph with the legacy charsets it was commonly published in. Persian in windows-1256
 * is written with the Arabic yeh (ي), as legacy Persian pages did: the charset has no Farsi yeh.
 */
export const LEGACY_CASES: ReadonlyArray<{ lang: Language; charset: string; text: string }> = (
  [
    ['zh-Hans', 'gbk'],
    ['zh-Hans', 'gb18030'],
    ['zh-Hant', 'big5'],
    ['ja', 'shift_jis'],
    ['ja', 'euc-jp'],
    ['ko', 'euc-kr'],
    ['ru', 'windows-1251'],
    ['ru', 'koi8-r'],
    ['ru', 'iso-8859-5'],
    ['el', 'windows-1253'],
    ['el', 'iso-8859-7'],
    ['he', 'windows-1255'],
    ['he', 'iso-8859-8'],
    ['ar', 'windows-1256'],
    ['ar', 'iso-8859-6'],
    ['fa', 'windows-1256'],
    ['tr', 'windows-1254'],
    ['tr', 'iso-8859-9'],
    ['fr', 'windows-1252'],
    ['fr', 'iso-8859-1'],
    ['de', 'windows-1252'],
    ['de', 'iso-8859-1'],
    ['pt', 'iso-8859-1'],
    ['pl', 'windows-1250'],
    ['pl', 'iso-8859-2'],
  ] as const
).map(([lang, charset]) => ({ lang, charset, text: lang === 'fa' ? PARAGRAPHS.fa.replaceAll('ی', 'ي') : PARAGRAPHS[lang] }));
