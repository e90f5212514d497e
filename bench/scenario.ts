import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReply, Scenario, ScenarioConversation } from './load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Demo SIMs of the demo user's organisation (knowledge/demo/inventory.json). */
function demoSims(organisationId: string): string[] {
  const file = path.join(root, 'knowledge', 'demo', 'inventory.json');
  const inventory = JSON.parse(readFileSync(file, 'utf8')) as {
    sims: Array<{ iccid: string; organisationId: string }>;
  };
  return inventory.sims.filter((s) => s.organisationId === organisationId).map((s) => s.iccid);
}

const PROBLEMS = [
  { lang: 'en', text: 'Our trackers stopped sending data this morning, SIM {iccid}' },
  { lang: 'en', text: "The smart meter can't connect, no data since yesterday. ICCID {iccid}" },
  { lang: 'en', text: 'device gets no IP address and no data session, sim {iccid}' },
  { lang: 'es', text: 'El router no tiene datos desde ayer, SIM {iccid}' },
] as const;

const STATUS = { en: "What's the status of {caseId}?", es: '¿Cómo va el caso {caseId}?' } as const;
const STATUS_ANY = { en: "what's the status of my cases?", es: '¿cómo van mis casos?' } as const;
const THANKS = { en: 'thanks!', es: 'gracias' } as const;
const YES = ['Yes', 'Sí'];

/**
 * A representative Firstline conversation (about six turns): the welcome, a data problem naming a
 * SIM (opens a case, looks the SIM up, starts the troubleshooting flow), one or two answers to the
 * flow's questions (the first offered choice, "Yes" once the flow asks whether it works now), a
 * case-status question about the case just opened, and a thank-you.
 */
export function firstlineScenario(organisationId = 'org-acme'): Scenario {
  const sims = demoSims(organisationId);
  if (sims.length === 0) throw new Error(`no demo SIMs for ${organisationId}`);
  return async (c: ScenarioConversation, worker: number, round: number) => {
    const problem = PROBLEMS[(worker + round) % PROBLEMS.length]!;
    const iccid = sims[(worker * 7 + round) % sims.length]!;
    await c.join();
    const replies = await c.say(problem.text.replace('{iccid}', iccid));
    const caseId = /CS-\d+/.exec(replies.map((r) => r.text ?? '').join(' '))?.[0];
    for (let step = 0; step < 3; step++) {
      const choices = c.choices();
      if (choices.length === 0) break;
      const yes = choices.find((ch) => YES.includes(ch));
      await c.say(yes ?? choices[0]!);
      if (yes) break;
    }
    await c.say(caseId ? STATUS[problem.lang].replace('{caseId}', caseId) : STATUS_ANY[problem.lang]);
    await c.say(THANKS[problem.lang]);
  };
}

/**
 * A returning customer (most contacts are about a case that is already open): the welcome, a status question
 * about one of the cases `caseId()` knows, and a thank-you — three turns, no new case.
 */
export function returningScenario(caseId: () => string | undefined): Scenario {
  return async (c: ScenarioConversation, worker: number, round: number) => {
    const lang = (worker + round) % 4 === 3 ? 'es' : 'en';
    await c.join();
    const id = caseId();
    await c.say(id ? STATUS[lang].replace('{caseId}', id) : STATUS_ANY[lang]);
    await c.say(THANKS[lang]);
  };
}

/** The same turns (same texts, same count) sent to the echo bot. */
export function echoScenario(): Scenario {
  return async (c: ScenarioConversation, worker: number, round: number) => {
    const problem = PROBLEMS[(worker + round) % PROBLEMS.length]!;
    await c.join();
    await c.say(problem.text.replace('{iccid}', '8946070000000000019'));
    await c.say('1 — registered, home network');
    await c.say('Yes');
    await c.say(STATUS[problem.lang].replace('{caseId}', 'CS-10001'));
    await c.say(THANKS[problem.lang]);
  };
}

/** Texts Firstline sends when a turn failed (knowledge/texts/bot.<lang>.json, bot.error.*). */
function errorTexts(): string[] {
  return ['en', 'es'].flatMap((lang) => {
    const file = path.join(root, 'knowledge', 'texts', `bot.${lang}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { texts?: Record<string, string> } & Record<
      string,
      unknown
    >;
    const texts = (json.texts ?? json) as Record<string, string>;
    return Object.entries(texts)
      .filter(([key]) => key.startsWith('bot.error.'))
      .map(([, value]) => value);
  });
}

/** A turn is good when the bot answered and did not answer with one of its error texts. */
export function firstlineCheck(): (replies: BenchReply[]) => string | undefined {
  const errors = errorTexts();
  if (errors.length === 0) throw new Error('bench: no bot.error.* texts found in knowledge/texts');
  return (replies) => {
    if (replies.length === 0) return 'a turn got no reply';
    const failed = replies.find((r) => r.text && errors.includes(r.text));
    return failed ? `the bot answered with its error text: ${failed.text ?? ''}` : undefined;
  };
}

export function echoCheck(replies: BenchReply[]): string | undefined {
  return replies.length === 0 ? 'a turn got no reply' : undefined;
}

const SMALL_TALK = [
  { lang: 'en', turns: ['hello', 'what can you do?', 'thanks', 'good morning', 'thank you very much'] },
  { lang: 'es', turns: ['hola', '¿qué puedes hacer?', 'gracias', 'buenos días', 'muchas gracias'] },
] as const;

/**
 * Firstline small talk: the welcome, then greetings, "what can you do?" and thanks — six turns through the
 * whole turn pipeline (NLU, the pre-dialog checks, the dialogs, state) that open no case and run no flow.
 */
export function smallTalkScenario(): Scenario {
  return async (c: ScenarioConversation, worker: number, round: number) => {
    const talk = SMALL_TALK[(worker + round) % 4 === 3 ? 1 : 0];
    await c.join();
    for (const text of talk.turns) await c.say(text);
  };
}

/**
 * The core-bot-shaped dialog bot's conversation (bench/coreBot.ts): the welcome, then one booking through
 * the main waterfall and the booking dialog's prompts to the confirmation — seven turns.
 */
export function coreBotScenario(): Scenario {
  const CITIES = ['Paris', 'Berlin', 'Madrid', 'Oslo', 'Lisbon', 'Vienna'];
  return async (c: ScenarioConversation, worker: number, round: number) => {
    const i = worker + round;
    await c.join();
    await c.say('hi');
    await c.say('book a flight');
    await c.say(CITIES[i % CITIES.length]!);
    await c.say(CITIES[(i + 1) % CITIES.length]!);
    await c.say('tomorrow');
    const booked = await c.say('yes');
    if (!booked.some((r) => r.text?.startsWith('I have you booked')))
      throw new Error('core bot: the booking was not confirmed');
  };
}
