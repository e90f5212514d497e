import { expect } from 'chai';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { extractEntities } from '../../bot/nlu/entities.js';
import { Featurizer, type FeatureWords } from '../../bot/nlu/featurizer.js';
import { copyKnowledge, editJson, errorsAfterEdit, expectKbError, removeDir } from './helpers.js';

type Json = Record<string, unknown>;

async function load(dir: string): Promise<KnowledgeBase> {
  const { kb, errors } = await loadKnowledgeBase(dir, { tests: false });
  expect(errors).to.deep.equal([]);
  if (!kb) throw new Error('no knowledge base');
  return kb;
}

function featuresOf(kb: KnowledgeBase, lang: string): FeatureWords {
  const training = kb.intentTraining.find((t) => t.data.language === lang);
  if (!training) throw new Error(`no ${lang} training`);
  return training.features;
}

/**
 * Number words, count words, APN prose and stop words are the editors' (`nlu/words.<lang>.json`): an edit in
 * a knowledge copy changes what the bot reads, and kb:check refuses a bad entry naming file and JSON path.
 */
describe('word sets in knowledge/nlu/words.<lang>.json', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(async () => {
    dir = await copyKnowledge();
  });
  afterEach(() => removeDir(dir));

  it('an added number word, approximate word, APN prose word and stop word change what is read', async () => {
    const count = 'gross sims are down';
    const approximate = 'estimated 300 trackers are offline';
    const apn = 'the APN looks wrong';
    const before = await load(dir);
    expect(extractEntities(count, before.entityWords).affected).to.equal(undefined);
    expect(extractEntities(approximate, before.entityWords).affected).to.deep.equal({
      count: 300,
      all: false,
      approximate: false,
    });
    expect(extractEntities(apn, before.entityWords).apns).to.deep.equal(['looks']);
    expect(new Featurizer('es', featuresOf(before, 'es')).stems('porfa la SIM')).to.include('porf');

    await editJson(dir, 'nlu/words.en.json', (json) => {
      const numbers = json['numbers'] as { units: Record<string, number> };
      numbers.units['gross'] = 144;
      (json['counting'] as { approximate: string[] }).approximate.push('estimated');
      (json['apn'] as { notAName: string[] }).notAName.push('looks');
    });
    await editJson(dir, 'nlu/words.es.json', (json) => {
      (json['stopWords'] as string[]).push('porfa');
    });
    const after = await load(dir);
    expect(extractEntities(count, after.entityWords).affected).to.deep.equal({
      count: 144,
      all: false,
      approximate: false,
    });
    expect(extractEntities(approximate, after.entityWords).affected?.approximate).to.equal(true);
    expect(extractEntities(apn, after.entityWords).apns).to.deep.equal([]);
    const stems = new Featurizer('es', featuresOf(after, 'es')).stems('porfa la SIM');
    expect(stems).to.not.include('porf');
    expect(stems).to.have.length(1);
  });

  it('kb:check refuses a multiplier that is not a group below 100, 100 or a power of 1000', async () => {
    const errors = await errorsAfterEdit(dir, 'nlu/words.en.json', (json: Json) => {
      (json['numbers'] as { multipliers: Record<string, number> }).multipliers['gross'] = 144;
    });
    expectKbError(errors, dir, 'nlu/words.en.json', '$.numbers.multipliers.gross', /power of 1000/);
  });

  it('kb:check refuses a word that is both a unit and a multiplier, and an article that is no unit', async () => {
    const errors = await errorsAfterEdit(dir, 'nlu/words.es.json', (json: Json) => {
      const numbers = json['numbers'] as { multipliers: Record<string, number>; articles: string[] };
      numbers.multipliers['cien'] = 100;
      numbers.articles.push('el');
    });
    expectKbError(errors, dir, 'nlu/words.es.json', '$.numbers.multipliers.cien', /unit or a multiplier/);
    expectKbError(errors, dir, 'nlu/words.es.json', '$.numbers.articles[0]', /one of the units/);
  });

  it('kb:check refuses a stop word of two words, an empty count word and a missing set', async () => {
    let at = -1;
    const errors = await errorsAfterEdit(dir, 'nlu/words.en.json', (json: Json) => {
      at = (json['stopWords'] as string[]).push('of the') - 1;
      (json['counting'] as { approximate: string[] }).approximate[0] = '';
      delete json['apn'];
    });
    expectKbError(errors, dir, 'nlu/words.en.json', `$.stopWords[${at}]`, /one word/);
    expectKbError(errors, dir, 'nlu/words.en.json', '$.counting.approximate[0]', /must not be empty/);
    expectKbError(errors, dir, 'nlu/words.en.json', '$.apn', /.+/);
  });
  it('a concept word added to the lexicon fires its concept in the features; a bad pattern is refused', async () => {
    const text = 'the walkietalkies are silent';
    const before = await load(dir);
    expect(new Featurizer('en', featuresOf(before, 'en')).features(text)).to.not.include('k:voice');
    await editJson(dir, 'nlu/words.es.json', (json) => {
      (json['concepts'] as { words: Record<string, string[]> }).words['voice']?.push('walkie*');
    });
    const after = await load(dir);
    expect(new Featurizer('en', featuresOf(after, 'en')).features(text)).to.include('k:voice');
    expect(featuresOf(after, 'en').concepts.digest).to.not.equal(featuresOf(before, 'en').concepts.digest);

    const errors = await errorsAfterEdit(dir, 'nlu/words.en.json', (json: Json) => {
      (json['concepts'] as { phrases: Array<{ pattern: string }> }).phrases[0] = { pattern: '(unclosed' };
    });
    expectKbError(
      errors,
      dir,
      'nlu/words.en.json',
      '$.concepts.phrases[0].pattern',
      /not a valid regular expression/,
    );
  });
});
