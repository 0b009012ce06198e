// Arabic counted nouns: after a number the noun takes the plural for 3–10, the dual's own form for
// 2, an accusative singular for 11–99 and a genitive singular for 0 and 100 and up, so a template
// "{n} خبرًا" or "{max} حرف" is wrong for most of the numbers it is filled with. The catalogues
// already write counts so that any number reads right: a singular key for one ("مقال واحد") and
// the count's name before the number ("المقالات: {n}", "مقتطفات عددها {n}"). This walks every
// Arabic template of every catalogue and refuses a number placeholder followed by a word that
// would be its counted noun; a partitive "{n} من …" (n of …) and "{n} غيرها" (n others) read
// right for any n and stay (p-api3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Catalogue } from '../../src/locale/index.js';
import { API_ERROR_MESSAGES } from '../../src/locale/api-errors.js';
import { SOURCE_CHECK_MESSAGES } from '../../src/locale/source-checks.js';
import { WORKER_ERROR_MESSAGES } from '../../src/locale/worker-errors.js';
import { ACCOUNT_MESSAGES } from '../../src/web/account/messages.js';
import { CURATION_MESSAGES } from '../../src/web/desk/curation-messages.js';
import { DISCOVERY_NOTE_MESSAGES } from '../../src/web/desk/discovery-notes.js';
import { DESK_MESSAGES } from '../../src/web/desk/messages.js';
import { TOPIC_ISSUE_MESSAGES } from '../../src/web/desk/topic-issues.js';
import { SITE_MESSAGES } from '../../src/web/messages/site.js';

const CATALOGUES: Record<string, Catalogue<string>> = {
  api: API_ERROR_MESSAGES,
  sourceChecks: SOURCE_CHECK_MESSAGES,
  worker: WORKER_ERROR_MESSAGES,
  account: ACCOUNT_MESSAGES,
  curation: CURATION_MESSAGES,
  discovery: DISCOVERY_NOTE_MESSAGES,
  desk: DESK_MESSAGES,
  topicIssues: TOPIC_ISSUE_MESSAGES,
  site: SITE_MESSAGES,
};

/**
 * The placeholders a number fills: the ones the English template writes before a plural noun or a
 * unit ("{n} stories", "{max} bytes", "{ms} ms", "{seconds}s"): a name, an address or a phrase
 * ("{name} is", "{detail} found") is not counted.
 */
function numberPlaceholders(english: string): Set<string> {
  const out = new Set<string>();
  // A plural written in capitals counts too ("{n} URLs": its Arabic "{n} رابط" went unseen, r-api3).
  for (const m of english.matchAll(/\{(\w+)\}(?:\s+([A-Za-z]+s)\b|\s*(ms|s)\b)/g)) {
    const [, name = '', noun] = m;
    if (noun === undefined || !/^(is|was|has|does|as|its|this)$/i.test(noun)) out.add(name);
  }
  return out;
}

/** Words after a number that are not its counted noun: "n of …", "n in …", "n others", "and", the unit symbol ث (s). */
const NOT_A_NOUN = new Set(['من', 'في', 'غيره', 'غيرها', 'و', 'ث']);

test('no Arabic template puts a number before a singular noun (wrong for 3–10)', () => {
  const wrong: string[] = [];
  for (const [name, cat] of Object.entries(CATALOGUES)) {
    for (const [key, english] of Object.entries(cat.en)) {
      const ar = cat.ar[key];
      if (!ar) continue;
      const numbers = numberPlaceholders(english);
      // A direction mark between them (RLM, LRM) hides nothing either.
      for (const m of ar.matchAll(/\{(\w+)\}[\s\u200e\u200f]+([\u0621-\u064A\u0660-\u06FF]+)/g)) {
        const [, placeholder = '', word = ''] = m;
        if (numbers.has(placeholder) && !NOT_A_NOUN.has(word)) wrong.push(`${name} ${key}: ${ar}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});
