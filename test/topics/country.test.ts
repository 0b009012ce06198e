// A topic entity that is a country (`country: NE`) is found under its names in other scripts and
// languages, from the i18n-iso-countries package (src/text/places.ts, `countryForms`; docs/topics.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTopics } from '../../src/topics/definition.js';
import { ids, matcherFrom } from './helpers.js';

function topic(entity: Record<string, unknown>): string {
  return JSON.stringify({ topics: [{ id: 'sahel', name: 'Sahel desk', entities: [entity] }] });
}

test('an entity with a country code is found under the country names of the package, in every script', () => {
  const m = matcherFrom(topic({ id: 'niger', name: 'Niger', country: 'NE' }));
  assert.deepEqual(ids(m, 'Floods in Niger leave thousands homeless'), ['sahel']);
  assert.deepEqual(ids(m, 'سیل در نیجر هزاران نفر را بی‌خانمان کرد'), ['sahel']);
  assert.deepEqual(ids(m, 'فيضانات في النيجر تشرد آلاف الأسر'), ['sahel']);
  assert.deepEqual(ids(m, 'Überschwemmungen in Nijer'), ['sahel']);
  // Nigeria is another country.
  assert.deepEqual(ids(m, 'فيضانات في نيجيريا'), []);
  assert.deepEqual(ids(m, 'سیل در نیجریه'), []);
});

test('without the code the entity knows only the names written for it', () => {
  const m = matcherFrom(topic({ id: 'niger', name: 'Niger' }));
  assert.deepEqual(ids(m, 'سیل در نیجر هزاران نفر را بی‌خانمان کرد'), []);
  assert.deepEqual(ids(m, 'فيضانات في النيجر تشرد آلاف الأسر'), []);
});

test('a country name that is also a given name is not added: the editor writes it when the desk wants it', () => {
  const m = matcherFrom(topic({ id: 'chad', name: 'Tchad', country: 'td' }));
  assert.deepEqual(ids(m, 'Chad Smith wins the award'), []);
  assert.deepEqual(ids(m, 'حمله شورشیان در چاد'), ['sahel']);
  assert.deepEqual(ids(m, 'هجوم للمتمردين في تشاد'), ['sahel']);
  const parsed = parseTopics(topic({ id: 'chad', name: 'Tchad', country: 'TD' }));
  assert.ok(parsed.ok);
  const aliases = parsed.topics[0]?.entities[0]?.aliases ?? [];
  assert.ok(!aliases.includes('Chad'));
  assert.ok(aliases.includes('تشاد') && aliases.includes('چاد') && aliases.includes('Tschad'));
});

test('the package’s acronyms are acronyms: in capitals, with context', () => {
  const parsed = parseTopics(topic({ id: 'us', name: 'United States', country: 'US' }));
  assert.ok(parsed.ok);
  const e = parsed.topics[0]?.entities[0];
  assert.ok(e?.acronyms.includes('US') && e.acronyms.includes('USA'));
  assert.ok(e?.aliases.includes('الولايات المتحدة') && e.aliases.includes('ایالات متحده'));
});

test('a code the package does not know is an error that says what to write', () => {
  const parsed = parseTopics(topic({ name: 'Niger', country: 'NER' }));
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.equal(parsed.errors[0]?.key, 'entity.badCountry');
  assert.match(parsed.errors[0]?.message ?? '', /two-letter ISO 3166-1 code/);
});
