import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import type { Lang } from '../domain/language.js';
import { loadLanguages } from '../knowledgeBase/loadLanguages.js';
import { ACT_LABELS, ANSWER_LABELS } from './evaluateWords.js';
import { INTENTS } from './types.js';
import { crossValidate } from './crossValidation.js';
import { loadKnowledgeBase } from '../knowledgeBase/loadKnowledgeBase.js';
import { readKnowledgeFiles, versionOf } from '../knowledgeBase/readKnowledge.js';
import { FileKnowledgeReleases } from '../knowledgeBase/releases/fileReleases.js';
import { evaluateWords, type WordsEvaluation } from './evaluateWords.js';
import { scorePredictions, type EvaluationReport, type LabelReport } from './metrics.js';
import { createRecognizer, examplesOf, type NluRecognizer } from './recognizer.js';
import { loadHeldOut, loadTrainingData } from './trainingData.js';
import { loadWordsFiles } from './words/loadWords.js';
import { featureWordsOf } from './words/wordSets.js';

/** Both evaluations of one language. */
export interface LanguageEvaluation {
  lang: Lang;
  crossValidation: EvaluationReport;
  heldOut: EvaluationReport;
  /** The blind challenge set (`test/nlu/challenge`), when present. */
  blind?: EvaluationReport;
}

/** Score the full recogniser (language detection, small talk, threshold) on one held-out file. */
export async function evaluateHeldOut(recognizer: NluRecognizer, file: string): Promise<EvaluationReport> {
  const heldOut = await loadHeldOut(file);
  return scorePredictions(
    heldOut.messages.map((m) => {
      const r = recognizer.recognize(m.text);
      return { text: m.text, expected: m.intent, predicted: r.intent, confidence: r.confidence };
    }),
  );
}

/** Run k-fold cross-validation and held-out scoring for every spoken language that has a held-out set. */
export async function evaluateAll(options: {
  knowledgeDir: string;
  heldOutDir: string;
  /** A second held-out set written blind (by someone who never saw the training data), if present. */
  blindDir?: string;
  folds?: number;
}): Promise<LanguageEvaluation[]> {
  const recognizer = await createRecognizer({ knowledgeDir: options.knowledgeDir });
  const features = featureWordsOf(await loadWordsFiles(options.knowledgeDir));
  const out: LanguageEvaluation[] = [];
  const spoken = await loadLanguages(options.knowledgeDir);
  for (const lang of spoken.list) {
    const heldOut = path.join(options.heldOutDir, `${lang}.json`);
    // A language without held-out messages yet has nothing to be measured on.
    if (!existsSync(heldOut)) continue;
    const { data } = await loadTrainingData(options.knowledgeDir, lang);
    out.push({
      lang,
      crossValidation: crossValidate(
        lang,
        examplesOf(data),
        features(lang),
        options.folds ?? 5,
        recognizer.threshold,
      ),
      heldOut: await evaluateHeldOut(recognizer, heldOut),
      ...(options.blindDir
        ? { blind: await evaluateHeldOut(recognizer, path.join(options.blindDir, `${lang}.json`)) }
        : {}),
    });
  }
  return out;
}

const pct = (n: number): string => n.toFixed(3);

function table<L extends string>(
  report: LabelReport<L>,
  labels: readonly L[] = INTENTS as readonly string[] as readonly L[],
  extra: readonly string[] = ['unclear'],
): string {
  const rows = labels.map((i) => {
    const m = report.perIntent[i];
    return `| ${i} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${m.support} |`;
  });
  const columns = [...labels, ...extra];
  const confusion = labels.map(
    (i) => `| ${i} | ${columns.map((c) => report.confusion[i][c] ?? 0).join(' | ')} |`,
  );
  return [
    `accuracy ${pct(report.accuracy)}, macro-F1 **${pct(report.macroF1)}**, ${report.total} messages`,
    '',
    '| intent | precision | recall | F1 | support |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Confusion matrix (rows: expected, columns: predicted)',
    '',
    `| expected \\ predicted | ${columns.join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    ...confusion,
    '',
    report.errors.length ? 'Errors:' : 'No errors.',
    ...report.errors.map(
      (e) => `- "${e.text}" — expected ${e.expected}, got ${e.predicted} (${pct(e.confidence)})`,
    ),
  ].join('\n');
}

function wordsMarkdown(results: readonly WordsEvaluation[]): string[] {
  return results.flatMap((r) => [
    `## ${r.lang}: what first messages ask for (message acts, read with the word lists and articles)`,
    '',
    table(r.acts, ACT_LABELS, []),
    '',
    `Articles: ${r.articles.correct} of ${r.articles.total} how-to questions got the right one.`,
    ...r.articles.errors.map((e) => `- "${e.text}" — expected ${e.expected}, got ${e.got}`),
    '',
    ...(r.blind
      ? [
          `## ${r.lang}: message acts, blind set (written after the word lists were tuned, never tuned on)`,
          '',
          table(r.blind.acts, ACT_LABELS, []),
          '',
          `Articles: ${r.blind.articles.correct} of ${r.blind.articles.total}.`,
          ...r.blind.articles.errors.map((e) => `- "${e.text}" — expected ${e.expected}, got ${e.got}`),
          '',
        ]
      : []),
    `## ${r.lang}: typed answers to the bot's questions (yes / no / don't know / many)`,
    '',
    table(r.answers, ANSWER_LABELS, []),
    '',
  ]);
}

function markdown(results: readonly LanguageEvaluation[], words: readonly WordsEvaluation[]): string {
  return [
    '# NLU evaluation',
    '',
    ...wordsMarkdown(words),
    ...results.flatMap((r) => [
      `## ${r.lang}: held-out set`,
      '',
      table(r.heldOut),
      '',
      ...(r.blind
        ? [
            `## ${r.lang}: blind challenge set (written without seeing the training data)`,
            '',
            table(r.blind),
            '',
          ]
        : []),
      `## ${r.lang}: 5-fold cross-validation on the training data`,
      '',
      table(r.crossValidation),
      '',
    ]),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'min-f1': { type: 'string', default: '0.90' },
      folds: { type: 'string', default: '5' },
      knowledge: { type: 'string' },
      heldout: { type: 'string' },
      blind: { type: 'string' },
      acts: { type: 'string' },
      answers: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const minF1 = Number(values['min-f1']);
  if (!Number.isFinite(minF1)) throw new Error(`--min-f1: not a number: ${values['min-f1']}`);
  const outDir = values.out ?? path.join(root, 'reports', 'nlu');
  // The knowledge an editor is working on: --knowledge, else KNOWLEDGE_DIR (as the bot reads it), else ./knowledge.
  const knowledgeDir = values.knowledge ?? process.env['KNOWLEDGE_DIR'] ?? path.join(root, 'knowledge');
  const results = await evaluateAll({
    knowledgeDir,
    heldOutDir: values.heldout ?? path.join(root, 'test', 'nlu', 'heldout'),
    blindDir: values.blind ?? path.join(root, 'test', 'nlu', 'challenge'),
    folds: Number(values.folds),
  });
  const { kb, errors } = await loadKnowledgeBase(knowledgeDir, { schemas: false });
  if (!kb) throw new Error(`knowledge does not load: ${errors.map((e) => e.message).join('; ')}`);
  const words = await evaluateWords({
    recognizer: await createRecognizer({ knowledgeDir }),
    kb,
    actsDir: values.acts ?? path.join(root, 'test', 'nlu', 'acts'),
    answersDir: values.answers ?? path.join(root, 'test', 'nlu', 'answers'),
  });
  await mkdir(outDir, { recursive: true });
  for (const r of results)
    await writeFile(path.join(outDir, `${r.lang}.json`), `${JSON.stringify(r, null, 2)}\n`);
  await writeFile(path.join(outDir, 'words.json'), `${JSON.stringify(words, null, 2)}\n`);
  await writeFile(path.join(outDir, 'report.md'), markdown(results, words));
  let failed = false;
  for (const r of results) {
    const ok = r.heldOut.macroF1 >= minF1 && (r.blind?.macroF1 ?? 1) >= minF1;
    failed ||= !ok;
    process.stdout.write(
      `${r.lang}: held-out macro-F1 ${pct(r.heldOut.macroF1)} (${r.heldOut.total} msgs)${ok ? '' : ` < ${minF1} FAIL`}, ` +
        (r.blind ? `blind macro-F1 ${pct(r.blind.macroF1)} (${r.blind.total} msgs), ` : '') +
        `${values.folds}-fold CV macro-F1 ${pct(r.crossValidation.macroF1)} (${r.crossValidation.total} msgs)\n`,
    );
  }
  for (const w of words) {
    const ok = w.acts.macroF1 >= minF1 && w.answers.macroF1 >= minF1;
    failed ||= !ok;
    process.stdout.write(
      `${w.lang}: message acts macro-F1 ${pct(w.acts.macroF1)} (${w.acts.total} msgs), articles ${w.articles.correct}/${w.articles.total}, ` +
        (w.blind
          ? `blind acts macro-F1 ${pct(w.blind.acts.macroF1)} (${w.blind.acts.total} msgs, not gated), `
          : '') +
        `answers macro-F1 ${pct(w.answers.macroF1)} (${w.answers.total} msgs)${ok ? '' : ` < ${minF1} FAIL`}\n`,
    );
  }
  process.stdout.write(`report: ${path.relative(root, path.join(outDir, 'report.md'))}\n`);
  await compareWithLastAccepted({
    knowledgeDir,
    dataDir: process.env['DATA_DIR'] ?? path.join(root, 'data'),
    after: results,
    afterWords: words,
    heldOutDir: values.heldout ?? path.join(root, 'test', 'nlu', 'heldout'),
    blindDir: values.blind ?? path.join(root, 'test', 'nlu', 'challenge'),
    actsDir: values.acts ?? path.join(root, 'test', 'nlu', 'acts'),
    answersDir: values.answers ?? path.join(root, 'test', 'nlu', 'answers'),
    folds: Number(values.folds),
  });
  if (failed) process.exitCode = 1;
}

/**
 * Before/after: the same scores on the last knowledge version the bot accepted (DATA_DIR/knowledge-releases), so
 * an editor sees what their examples and word lists changed. Says so when there is nothing to compare with.
 */
async function compareWithLastAccepted(options: {
  knowledgeDir: string;
  dataDir: string;
  after: readonly LanguageEvaluation[];
  afterWords: readonly WordsEvaluation[];
  heldOutDir: string;
  blindDir: string;
  actsDir: string;
  answersDir: string;
  folds: number;
}): Promise<void> {
  const releases = new FileKnowledgeReleases(path.join(options.dataDir, 'knowledge-releases'));
  const last = (await releases.list())[0];
  const current = versionOf((await readKnowledgeFiles(options.knowledgeDir)).files);
  if (!last) {
    process.stdout.write(
      `before/after: no accepted version kept in ${options.dataDir}/knowledge-releases yet\n`,
    );
    return;
  }
  if (last.version === current) {
    process.stdout.write(`before/after: ${options.knowledgeDir} is the last accepted version (${current})\n`);
    return;
  }
  const files = await releases.files(last.version);
  if (!files) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'firstline-nlu-before-'));
  try {
    for (const [name, text] of files) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    let before: LanguageEvaluation[];
    let beforeWords: WordsEvaluation[];
    try {
      before = await evaluateAll({ ...options, knowledgeDir: dir });
      const { kb } = await loadKnowledgeBase(dir, { schemas: false, tests: false });
      beforeWords = kb
        ? await evaluateWords({ recognizer: await createRecognizer({ knowledgeDir: dir }), kb, ...options })
        : [];
    } catch (error) {
      // A version accepted by older code (its word lists lack a list this code needs): no comparison, no failure.
      const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      process.stdout.write(
        `before/after: the last accepted version ${last.version} does not load with this code, so there is no comparison (${why.replace(dir, '<accepted version>')})\n`,
      );
      return;
    }
    process.stdout.write(`before/after: last accepted ${last.version} (${last.acceptedAt}) → ${current}\n`);
    for (const lang of new Set(options.after.map((r) => r.lang))) {
      const b = before.find((r) => r.lang === lang);
      const a = options.after.find((r) => r.lang === lang);
      const bw = beforeWords.find((w) => w.lang === lang);
      const aw = options.afterWords.find((w) => w.lang === lang);
      const row = (name: string, x?: number, y?: number): string =>
        x === undefined || y === undefined
          ? ''
          : ` ${name} ${pct(x)} → ${pct(y)}${y < x ? ' ▼' : y > x ? ' ▲' : ''};`;
      process.stdout.write(
        `  ${lang}:${row('held-out', b?.heldOut.macroF1, a?.heldOut.macroF1)}${row('blind', b?.blind?.macroF1, a?.blind?.macroF1)}` +
          `${row('CV', b?.crossValidation.macroF1, a?.crossValidation.macroF1)}${row('acts', bw?.acts.macroF1, aw?.acts.macroF1)}` +
          `${row('answers', bw?.answers.macroF1, aw?.answers.macroF1)}\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`nlu:eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
