import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toFts5 } from '../../src/store/sqlite/search.js';
import { parseSearch, positiveTerms } from '../../src/search/query.js';

const fts = (q: string): string | undefined => {
  const p = parseSearch(q);
  return p.ast && toFts5(p.ast);
};

describe('search query parser', () => {
  it('reads words, phrases, prefixes, OR and exclusions', () => {
    assert.equal(fts('camp'), '"camp"');
    assert.equal(fts('camp ashraf'), '(("camp" AND "ashraf"))');
    assert.equal(fts('"camp liberty"'), '"camp liberty"');
    assert.equal(fts('mojahed*'), '"mojahed"*');
    assert.equal(fts('MEK OR PMOI'), '("MEK" OR "PMOI")');
    assert.equal(fts('iraq MEK OR PMOI'), '(("iraq" AND ("MEK" OR "PMOI")))');
    assert.equal(fts('camp -liberty'), '("camp" NOT "liberty")');
    assert.equal(fts('camp -"camp liberty" -ashraf'), '("camp" NOT "camp liberty" NOT "ashraf")');
    assert.equal(fts('(MEK OR MKO) iraq'), '((("MEK" OR "MKO") AND "iraq"))');
  });

  it('never lets typed text act as FTS5 syntax', () => {
    assert.equal(fts('NEAR(a b) title:x'), '(("NEAR" AND (("a" AND "b")) AND "title:x"))');
    assert.equal(fts('say "he said ""no"""'), '(("say" AND "he said" AND "no"))');
    assert.equal(fts('AND NOT'), '(("AND" AND "NOT"))');
    assert.equal(fts('"unclosed phrase'), '"unclosed phrase"');
    assert.equal(fts('a OR OR b'), '("a" OR "b")');
    assert.equal(fts('(('), undefined);
  });

  it('strips punctuation around words but keeps inner marks', () => {
    assert.equal(fts("Iraq, MKO's"), '(("Iraq" AND "MKO\'s"))');
    assert.equal(fts('Mojahedin-e'), '"Mojahedin-e"');
  });

  it('refuses a query of exclusions only, with a reason', () => {
    const p = parseSearch('-camp -"camp liberty"');
    assert.equal(p.ast, undefined);
    assert.match(p.problem ?? '', /at least one word/);
    assert.equal(parseSearch('   ').ast, undefined);
    assert.equal(parseSearch('   ').problem, undefined);
  });

  it('folds Arabic and Persian letter variants as the index does', () => {
    assert.equal(fts('مجاهدین'), '"مجاهدين"');
    assert.equal(fts('کتاب'), '"كتاب"');
    assert.equal(fts('أيضاً'), '"ايضا"');
  });

  it('lists positive terms for display', () => {
    assert.deepEqual(positiveTerms(parseSearch('iraq "camp liberty" -ashraf').ast), ['iraq', 'camp liberty']);
  });
});
