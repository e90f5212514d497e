import { expect } from 'chai';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { extractEntities } from '../../bot/nlu/entities.js';
import { extractIdentifiers, phonePatternOf } from '../../bot/nlu/entities/identifiers.js';
import { SimSuffixReader } from '../../bot/nlu/entities/lastDigits.js';
import { ModemReadOut } from '../../bot/nlu/entities/modemReadOut.js';
import { foldText } from '../../bot/nlu/normalize.js';
import type { PatternWords } from '../../bot/nlu/words/patternWordsSchema.js';
import { copyKnowledge, editJson, errorsAfterEdit, expectKbError, removeDir } from './helpers.js';

type Json = Record<string, unknown>;

async function load(dir: string): Promise<KnowledgeBase> {
  const { kb, errors } = await loadKnowledgeBase(dir, { tests: false });
  expect(errors).to.deep.equal([]);
  if (!kb) throw new Error('no knowledge base');
  return kb;
}

const patternsOf = (json: Json): PatternWords => json['patterns'] as PatternWords;

/**
 * The words inside the entity patterns (last digits, case ids, cause codes, country codes) are the editors'
 * (`nlu/words.<lang>.json`, `patterns`): an added word is read, regex characters in it are literal, and
 * kb:check refuses a bad entry naming file and JSON path.
 */
describe('pattern words in knowledge/nlu/words.<lang>.json', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(async () => {
    dir = await copyKnowledge();
  });
  afterEach(() => removeDir(dir));

  it('an added suffix lead-in, case noun, cause word, time word and country lead-in are read', async () => {
    const suffix = 'the SIM finishing in 4471 is down';
    const caseId = 'mi expediente 12345 sigue abierto';
    const dotted = 'see ref.12345 and refx 54321';
    const cause = 'el módem dice motivo 33';
    const time = 'down around 0800';
    const country = 'SIMs roaming dans FR';
    const before = await load(dir);
    const read = (kb: KnowledgeBase, text: string) => extractEntities(text, kb.entityWords);
    expect(read(before, suffix).lastDigits).to.deep.equal([]);
    expect(read(before, caseId).caseIds).to.deep.equal([]);
    expect(read(before, dotted).caseIds).to.deep.equal([]);
    expect(read(before, cause).modem).to.deep.equal([]);
    expect(read(before, time).lastDigits).to.deep.equal(['0800']);
    expect(read(before, country).countries).to.deep.equal([]);

    await editJson(dir, 'nlu/words.en.json', (json) => {
      patternsOf(json).suffix.leadIns.push('finishing');
      patternsOf(json).caseNouns.push('ref.');
      patternsOf(json).timeBefore.push('around');
    });
    await editJson(dir, 'nlu/words.es.json', (json) => {
      patternsOf(json).caseNouns.push('expediente');
      patternsOf(json).causeWords.push('motivo');
      patternsOf(json).countryLeadIns.push('dans');
    });
    const after = await load(dir);
    expect(read(after, suffix).lastDigits).to.deep.equal(['4471']);
    expect(read(after, caseId).caseIds).to.deep.equal(['CS-12345']);
    // The dot is a dot, not "any character".
    expect(read(after, dotted).caseIds).to.deep.equal(['CS-12345']);
    expect(read(after, cause).modem).to.deep.equal([{ kind: 'pdp_cause', code: 33, raw: 'motivo 33' }]);
    expect(read(after, time).lastDigits).to.deep.equal([]);
    expect(read(after, country).countries).to.deep.equal(['FR']);
    // What the "which SIM?" answer and the request form read comes from the same words.
    expect(after.entityWords.suffixes.answer(foldText(suffix))).to.deep.equal(['4471']);
  });

  const none = { leadIns: [], prepositions: [], last: [], digitCounts: [], digitNouns: [], copulas: [] };
  /** One language's pattern words: its suffix words and, optionally, some of its other lists. */
  const words = (
    suffix: PatternWords['suffix'],
    more: Partial<PatternWords> = {},
  ): { patterns: PatternWords } => ({
    patterns: {
      suffix,
      simNouns: [],
      simNumberMarks: [],
      simArticles: [],
      quantityUnits: [],
      timeBefore: [],
      caseNouns: [],
      caseNumberMarks: [],
      causeQualifiers: [],
      causeWords: [],
      causeCodeWords: [],
      causeNumberMarks: [],
      phonePlus: [],
      readingCommas: [],
      readingLinks: [],
      countryLeadIns: [],
      ...more,
    },
  });

  it('a third language needs only its words: its lead-ins are read with its own prepositions', () => {
    const reader = new SimSuffixReader([
      words({ ...none, leadIns: ['ending'], prepositions: ['in'], possessives: [] }),
      words({
        ...none,
        leadIns: ['se terminant'],
        prepositions: ['par'],
        last: ['derniers'],
        digitNouns: ['chiffres'],
        possessives: [],
      }),
    ]);
    expect(reader.lastDigits(foldText('la SIM se  terminant par 4471'))).to.deep.equal(['4471']);
    expect(reader.lastDigits(foldText('les derniers chiffres: 0043'))).to.deep.equal(['0043']);
    expect(reader.lastDigits(foldText('ending in 0027, ending par 0035'))).to.deep.equal(['0027']);
  });

  it('a third language needs only its words to read numbers said in words: last digits, a phone, modem output', () => {
    const french = {
      ...words(
        { ...none, leadIns: ['se terminant'], prepositions: ['par'], possessives: [] },
        { phonePlus: ['plus'], readingCommas: ['virgule'], readingLinks: ['affiche'] },
      ),
      numbers: {
        units: { zéro: 0, un: 1, deux: 2, trois: 3, vingt: 20, cinquante: 50 },
        multipliers: {},
        joiners: ['et'],
        articles: [],
      },
    };
    const reader = new SimSuffixReader([french]);
    expect(reader.lastDigits(foldText('la SIM se terminant par cinquante'))).to.deep.equal(['50']);
    expect(reader.lastDigits(foldText('se terminant par zéro zéro vingt-trois'))).to.deep.equal(['0023']);
    const phone = phonePatternOf(french.patterns.phonePlus);
    expect(extractIdentifiers('son numéro est plus 33 6 12 34 56 78', phone).msisdns).to.deep.equal([
      '+33612345678',
    ]);
    const readOut = new ModemReadOut([french]);
    expect(readOut.read('le CEREG affiche zéro virgule trois')).to.deep.equal([
      { at: 17, command: 'CEREG', first: 0, second: 3 },
    ]);
  });

  it('a phrase may say where the digits go ({digits}): words after the digits are read too', async () => {
    // Finnish puts the words after the digits: "4471:een päättyvä SIM", "SIM 0027 ei toimi", "tapaus 12345".
    const suffix = 'sim, joka on 4471:een päättyvä, ei toimi';
    const named = 'liittymä 0027 kohdalla ei dataa';
    const caseId = 'asia 12345 numerolla on auki';
    await editJson(dir, 'nlu/words.en.json', (json) => {
      patternsOf(json).suffix.leadIns.push('{digits}:een päättyvä', 'ending {digits}');
      patternsOf(json).simNouns.push('{digits} kohdalla');
      patternsOf(json).caseNouns.push('asia {digits} numerolla');
    });
    const kb = await load(dir);
    const read = (text: string) => extractEntities(text, kb.entityWords);
    expect(read(suffix).lastDigits).to.deep.equal(['4471']);
    expect(read(named).lastDigits).to.deep.equal(['0027']);
    expect(read(caseId).caseIds).to.deep.equal(['CS-12345']);
    // A phrase ending in {digits} is the usual order; the shipped phrases still read.
    expect(read('the one ending 0043').lastDigits).to.deep.equal(['0043']);
    expect(read('SIM ending in 4471, case 54321').lastDigits).to.deep.equal(['4471']);
    // A number after the words but part of a longer one is not a SIM.
    expect(read('8946070000000027 kohdalla').lastDigits).to.deep.equal([]);
  });

  it('kb:check refuses {digits} twice, alone, or in a list that does not place digits', async () => {
    let twice = -1;
    let alone = -1;
    let elsewhere = -1;
    const errors = await errorsAfterEdit(dir, 'nlu/words.en.json', (json: Json) => {
      const patterns = patternsOf(json);
      twice = patterns.suffix.leadIns.push('{digits} to {digits}') - 1;
      alone = patterns.simNouns.push('{digits}') - 1;
      elsewhere = patterns.causeWords.push('cause {digits}') - 1;
    });
    const file = 'nlu/words.en.json';
    expectKbError(errors, dir, file, `$.patterns.suffix.leadIns[${twice}]`, /at most once/);
    expectKbError(errors, dir, file, `$.patterns.simNouns[${alone}]`, /words besides/);
    expectKbError(errors, dir, file, `$.patterns.causeWords[${elsewhere}]`, /say where the digits go/);
  });

  it('kb:check refuses an empty word, a "*" outside units, a bad unit and a missing list', async () => {
    let empty = -1;
    let star = -1;
    let unit = -1;
    const errors = await errorsAfterEdit(dir, 'nlu/words.en.json', (json: Json) => {
      const patterns = patternsOf(json);
      empty = patterns.caseNouns.push('  ') - 1;
      star = patterns.suffix.leadIns.push('finish*') - 1;
      unit = patterns.quantityUnits.push('me*ter') - 1;
      delete (json['patterns'] as Json)['causeWords'];
    });
    const file = 'nlu/words.en.json';
    expectKbError(errors, dir, file, `$.patterns.caseNouns[${empty}]`, /must not be empty/);
    expectKbError(errors, dir, file, `$.patterns.suffix.leadIns[${star}]`, /without "\*"/);
    expectKbError(errors, dir, file, `$.patterns.quantityUnits[${unit}]`, /word start/);
    expectKbError(errors, dir, file, '$.patterns.causeWords', /.+/);
  });
});
