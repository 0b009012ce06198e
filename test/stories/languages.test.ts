// Function words beyond English, Arabic and Persian (src/stories/README.md, "Languages beyond
// English, Arabic and Persian"): dropped per article language, given or detected; never applied
// to an English article. Texts written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnlineStoryClusterer } from '../../src/stories/clusterer.js';
import { articleFeatures } from '../../src/stories/features.js';
import type { StoryArticle } from '../../src/stories/types.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 7);
const NOW = () => T0 + 30 * 24 * H;

// Pairs of unrelated events in one language: they share function words and nothing else. Alone in
// the window, without the language's function words, each pair joins (German and French: a lead
// under 20 words, a headline with a one-line summary, judged at the headline threshold; Spanish:
// two full leads at the text threshold).
const PAIRS: Record<string, [[string, string], [string, string]]> = {
  de: [
    [
      'Was die Polizei über den Mann sagt, der mit dem Auto in die Menge fuhr',
      'Er war nach der Tat nicht in der Stadt und ist seit dem Abend in Haft.',
    ],
    [
      'Warum die Preise für Strom und Gas seit dem Sommer nicht sinken',
      'Das war von den Fachleuten nicht erwartet, und auch für den Winter ist keine Besserung in Sicht.',
    ],
  ],
  fr: [
    [
      'Les élus de la commune ont voté pour la fermeture de leur école',
      'Ils ont pris cette décision dans la nuit, après un débat qui a duré plus de trois heures.',
    ],
    [
      'Les supporters du club sont en colère après la défaite de leur équipe',
      'Ils ont manifesté dans la matinée devant le stade, après un match qui a été marqué par plus de dix cartons.',
    ],
  ],
  es: [
    [
      'El alcalde de la ciudad dimite tras las críticas por la gestión de las lluvias',
      'Lo ha anunciado en una rueda de prensa en la que ha dicho que no se siente con fuerzas para seguir, después de que los vecinos de los barrios del sur se quedaran sin luz durante dos días.',
    ],
    [
      'Los precios de la vivienda suben por encima del diez por ciento en las capitales del norte',
      'Es la mayor subida desde que hay datos, según el informe que ha publicado el colegio de registradores, en el que se ve que la demanda de los compradores extranjeros no ha dejado de crecer.',
    ],
  ],
};

function art(id: string, [title, text]: [string, string], hours: number, lang?: string): StoryArticle {
  return { id, title, text, published: T0 + hours * H, ...(lang === undefined ? {} : { lang }) };
}

for (const [lang, [a, b]] of Object.entries(PAIRS)) {
  test(`${lang}: two unrelated events sharing only function words stay apart in a small window (lang given and detected)`, () => {
    for (const given of [lang, undefined]) {
      const c = new OnlineStoryClusterer({ now: NOW });
      const x = c.add(art(`${lang}1`, a, 0, given));
      const y = c.add(art(`${lang}2`, b, 1, given));
      assert.notEqual(y.story, x.story, `lang ${given ?? '(detected)'}`);
    }
  });
}

test('German function words are dropped in a German article, never in an English one ("war")', () => {
  const de = articleFeatures(
    'Die Lage war am Abend wieder ruhig',
    'Nach dem Sturm war die Stadt ohne Strom und die Feuerwehr im Einsatz.',
    undefined,
    undefined,
    undefined,
    'de',
  );
  assert.equal(de.lang, 'de');
  for (const w of ['war', 'die', 'und', 'nach', 'dem']) assert.equal(de.terms.has(w), false, w);
  for (const w of ['lage', 'abend', 'sturm', 'stadt', 'strom', 'feuerwehr']) assert.equal(de.terms.has(w), true, w);
  // The same text without a language: detected from its function words.
  const detected = articleFeatures(
    'Die Lage war am Abend wieder ruhig',
    'Nach dem Sturm war die Stadt ohne Strom und die Feuerwehr im Einsatz.',
  );
  assert.equal(detected.lang, 'de');
  assert.equal(detected.terms.has('war'), false);
  // English: "war" is the event.
  const en = articleFeatures(
    'War in the north: families flee as shelling spreads',
    'The war has forced thousands to leave their homes.',
    undefined,
    undefined,
    undefined,
    'en',
  );
  assert.equal(en.terms.has('war'), true);
  assert.equal(articleFeatures('War in the north: families flee as shelling spreads', '').terms.has('war'), true);
  // An English headline full of German homographs is not taken for German.
  const homographs = articleFeatures('Die Hard star says war film will also be in cinemas', '');
  assert.notEqual(homographs.lang, 'de');
  assert.equal(homographs.terms.has('war'), true);
  assert.equal(homographs.terms.has('die'), true);
});

test('French and Italian elision: the word behind l’, d’, dell’ is the word itself', () => {
  const fr = articleFeatures(
    'L’accord sur l’Iran signé à Genève',
    'Les diplomates ont salué un accord d’étape.',
    undefined,
    undefined,
    undefined,
    'fr',
  );
  assert.equal(fr.terms.get('accord'), 3); // headline (×2) and lead
  assert.equal(fr.terms.has('laccord'), false);
  assert.equal(fr.terms.has('etape'), true);
  const it = articleFeatures('Il presidente dell’Italia incontra il governo', '', undefined, undefined, undefined, 'it');
  assert.equal(it.terms.has('italia'), true);
  // Not in English: O'Brien stays one word.
  assert.equal(articleFeatures('O’Brien wins the vote', '', undefined, undefined, undefined, 'en').terms.has('obrien'), true);
});

test('one event in German still clusters once its function words are gone', () => {
  const c = new OnlineStoryClusterer({ now: NOW });
  const x = c.add(
    art(
      'g1',
      [
        'Hochwasser: Elbe überflutet Teile von Dresden',
        'Die Elbe ist in Dresden über die Ufer getreten; Keller und Straßen in der Altstadt stehen unter Wasser.',
      ],
      0,
      'de',
    ),
  );
  c.add(art('g2', PAIRS.de?.[1] as [string, string], 0.5, 'de'));
  const y = c.add(
    art(
      'g3',
      [
        'Elbe-Hochwasser in Dresden: Altstadt unter Wasser',
        'In Dresden hat das Hochwasser der Elbe die Altstadt erreicht, Straßen sind gesperrt.',
      ],
      2,
      'de',
    ),
  );
  assert.equal(y.story, x.story);
});

// One news item per language (headline and lead), written for this test.
const SAMPLES: Record<string, [string, string]> = {
  fr: [
    'Les syndicats appellent à une grève dans les transports',
    'Le mouvement doit commencer lundi et pourrait durer toute la semaine, selon les représentants des salariés qui ont rencontré la direction.',
  ],
  es: [
    'Las lluvias obligan a cerrar varias carreteras en el norte',
    'Los servicios de emergencia han pedido a los conductores que eviten los desplazamientos durante la noche, según un comunicado del gobierno regional.',
  ],
  it: [
    'Il governo approva la riforma delle pensioni',
    'Il testo è stato votato dal consiglio dei ministri e sarà presentato in parlamento nelle prossime settimane, secondo quanto riferito dalla presidenza.',
  ],
  pt: [
    'O governo anuncia novas medidas para a habitação',
    'As regras entram em vigor no próximo mês e vão abranger os contratos de arrendamento, segundo o ministro, que falou aos jornalistas após a reunião.',
  ],
  nl: [
    'Het kabinet wil de belasting op benzine verlagen',
    'Volgens de minister is dat nodig omdat de prijzen aan de pomp de afgelopen maanden sterk zijn gestegen, zei hij na afloop van de ministerraad.',
  ],
  ru: [
    'Власти города закрыли мост на ремонт',
    'Как сообщили в мэрии, движение по мосту будет ограничено до конца месяца, а для автобусов подготовлен новый маршрут.',
  ],
  tr: [
    'Belediye yeni otobüs hatlarını tanıttı',
    'Yetkililer, yeni hatların önümüzdeki hafta hizmete gireceğini ve bu sayede şehir içi yolculuk için sürelerin daha kısa olacağını açıkladı.',
  ],
  en: [
    'Unions call a transport strike for next week',
    'The walkout is due to start on Monday and could last all week, according to the representatives of the workers who met the management.',
  ],
};

test('the language of an article without one is detected from its headline and lead', () => {
  for (const [lang, [title, text]] of Object.entries(SAMPLES)) assert.equal(articleFeatures(title, text).lang, lang, lang);
  // Too few function words to tell: none (English, Arabic and Persian function words only).
  assert.equal(articleFeatures(SAMPLES.it?.[0] as string, '').lang, '');
});
