// Paths and small builders shared by the topic tests, which run from test/ (tsx) and dist/test/.
import { fixturePath } from '../helpers/repo.js';
import { parseTopics } from '../../src/topics/definition.js';
import type { TopicDefinition } from '../../src/topics/definition.js';
import type { TopicMatcher } from '../../src/topics/matcher.js';
import { compileTopics } from '../../src/topics/matcher.js';

export { ROOT } from '../helpers/repo.js';
export const FIXTURES = fixturePath('topics');

/** The topic from the issue, in exactly the JSON shape the CLI must accept. */
export const ISSUE_TOPICS_JSON = JSON.stringify({
  topics: [
    {
      id: 'mek',
      name: "People's Mojahedin Organization of Iran",
      entities: [
        {
          name: 'Mojahedin-e Khalq',
          aliases: ["People's Mojahedin Organization of Iran", 'سازمان مجاهدین خلق'],
          acronyms: ['MEK', 'MKO', 'PMOI'],
          context: ['Iran', 'Iranian', 'Ashraf', 'Rajavi'],
        },
      ],
    },
  ],
});

export function topicsFrom(source: string): TopicDefinition[] {
  const r = parseTopics(source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.topics;
}

export function matcherFrom(source: string): TopicMatcher {
  return compileTopics(topicsFrom(source));
}

/** Topic ids matched in a text-only article. */
export function ids(m: TopicMatcher, text: string, title = ''): string[] {
  return m.match({ title, text }).map((h) => h.id);
}
