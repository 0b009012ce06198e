// Function words of the languages the desk reads most. They carry no event: dropping them keeps
// short windows (where document frequencies are still unreliable) from matching on "the" or "در".
// The online document-frequency cut-off in the clusterer removes the rest (including site
// boilerplate) once the window holds enough articles.

export const STOPWORDS: ReadonlySet<string> = new Set([
  // English
  ...'the a an and or but of to in on at by for from with as is are was were be been being has have had it its this that these those not no he she they them his her their we our you your i who whom which what when where why how than then there here also after before over under into about against between during said says say will would could should may might can do does did up out new one two three more most such only own other its just very all any each both few some'.split(
    ' ',
  ),
  // Arabic
  ...'في من على إلى الى عن مع أن ان إن كان كانت قد لا ما هذا هذه ذلك التي الذي الذين و أو او ثم بعد قبل عند حتى كل بين خلال لم لن هو هي هم وقال قال وقالت قالت أيضا ايضا يوم اليوم أمس امس'.split(
    ' ',
  ),
  // Persian
  ...'و در به از که این آن را با برای است بود شد شده می نمی هم یا تا اما اگر بر روز پس پیش کرد کرده کند کنند خود ما او آنها ها های نیز گفت گفته دیروز امروز'.split(
    ' ',
  ),
]);

// Function words of further languages a desk reads, applied only to an article in that language
// (its `lang`, else the language its headline and lead are written in: features.ts). One global
// set would break English: "war", "die", "son", "once", "come" are English words. Short lists of
// the most frequent articles, prepositions, conjunctions, pronouns and auxiliaries, written from
// general knowledge of each language (not derived from any evaluation file), at most ~60 a
// language. Accents need not be exact: words are folded like the text (für = fur). Words under
// three letters are dropped in every language anyway; they are listed for language detection.
export const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  de: 'der die das den dem des ein eine einer eines einem einen und oder aber nicht auch noch nur mit von zu zum zur im in am an auf aus bei nach vor für über unter um bis durch gegen ist sind war waren wird werden wurde wurden hat haben sich sie er es wir ihre sein dass als wie wenn laut',
  fr: 'le la les un une des du de et ou mais ne pas plus que qui dont où au aux en dans sur sous par pour avec sans entre vers chez est sont était été être a ont ce cette ces son sa ses leur leurs il elle ils elles on se lui après avant selon aussi comme très déjà',
  es: 'el la los las un una de del al y o u pero no que cuando donde como en con sin por para sobre entre hasta desde tras contra ante es son fue fueron ser era ha han había sido está están este esta estos estas su sus lo le les se más muy ya también según durante después antes',
  it: 'il lo la i gli le un uno una di del della dei delle degli al alla ai alle da dal dalla dai nel nella nei nelle sul sulla e o ma non che come in con su per tra è sono era stato stata ha hanno anche più già dopo prima secondo questo questa suo sua loro si ci',
  pt: 'o a os as um uma de do da dos das em no na nos nas ao aos à e ou mas não que como com sem por pelo pela pelos pelas para sobre entre até desde é são foi foram ser era está estão tem seu sua ele ela se mais muito já também após segundo durante este esta',
  nl: 'de het een en of maar niet ook nog wel van in op aan met voor door bij naar uit over tot om te dat die dit deze wat wie waar hoe als dan is zijn was waren wordt worden werd werden heeft hebben had er hij zij ze wij zich zal zou kan al na tegen volgens onder',
  ru: 'и в во не на что с со как а то по но к у из за о об от для до же бы ли или это этот эта эти был была были было быть будет он она они его её их мы вы я при после также уже только так ещё когда где который которая которые которых более может',
  tr: 've bir bu da de ile için çok daha gibi kadar sonra önce ama ancak fakat her en ne mi mu şu o olan olarak oldu olduğu olduğunu ise ya veya hem yani göre karşı diye değil var yok tüm bütün kendi onun bunun biz siz onlar ben sen',
};
