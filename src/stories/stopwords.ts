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
