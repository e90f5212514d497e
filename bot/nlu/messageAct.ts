import { afterWords, asksForBot, asksForPersonInWords, restAfterPersonTakenBack } from './words/deskWords.js';
import { readCustomerEnding, type CustomerEnding } from '../cases/customerEnding.js';
import { fleetFilterOf, fleetFiltersAsked, type FleetFilter } from '../connectivity/fleetFilter.js';
import type { SimReferences } from '../connectivity/simLookup.js';
import { namedService } from './entities/services.js';
import { orderFormValues, type OrderDetails } from './orderForm.js';
import type { ArticleIndex } from '../knowledgeBase/articleIndex.js';
import type { ArticleFile } from '../knowledgeBase/schemas/articleSchema.js';
import type { Plan } from '../knowledgeBase/types.js';
import type { RequestType } from '../knowledgeBase/schemas/requestsSchema.js';
import type { Lang } from '../domain/language.js';
import type { CountryIndex } from './entities/countries.js';
import type { LanguageIdentifier } from './language.js';
import { requestedLanguage, withoutOwnLanguage } from './languageRequest.js';
import { restBesideMeta } from './metaRequest.js';
import { ownText } from './ownText.js';
import { asksWhatIf, clausesOf, reportedWords } from './reportedWords.js';
import { changeAfterStory, howToClauses, isStory, sentencesOf } from './story.js';
import { asksOfPlan, planQuestionOf, type PlanChoice, type PlanQuestion } from './planQuestion.js';
import { planNamed, plansNamedInFull, withoutPlanNames } from '../knowledgeBase/planNames.js';
import type { ServiceReader } from './entities/services.js';
import { isProblemIntent, type Intent, type ProblemIntent, type Recognition } from './types.js';
import type { WordList } from './words/wordLists.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** A case-status or person intent at least this sure is not read as a how-to question. */
const SURE_ENOUGH = 0.6;
/** At most this many words, a question on a problem topic with nothing wrong in it is asked of the team. */
const SHORT_QUESTION_WORDS = 30;
/** A question the classifier placed nowhere needs this many words to go to the team ("how are you?" does not). */
const OTHER_QUESTION_MIN_WORDS = 6;
/** At most this many words, a how-to opener after the topic asks ("sms how", "apn cómo se pone"). */
const TERSE_QUESTION_WORDS = 5;
/** A terse question names its topic in at most this many words before asking how. */
const TERSE_TOPIC_WORDS = 2;
/** At most this many words, "never mind" with nothing wrong, asked or named says there is nothing to do. */
const NOTHING_WORDS = 12;
/** A sentence naming a person in one word demands one only when it is this short ("human please", "I want a human"). */
const DEMAND_WORDS = 6;
/** A first line this short is a heading ("Information request", "Solicitud de información"). */
const HEADING_WORDS = 4;
/** Words that ask for something: a message with one of them does more than set the scene. */
const SCENE_BREAKERS = [
  'askPerson',
  'urgent',
  'outage',
  'order',
  'orderNeed',
  'serviceRequest',
  'changeRequest',
  'sendUs',
  'askList',
  'askInstruction',
  'openCase',
  'checkRequest',
] as const satisfies readonly WordList[];
/** An article match this close answers a question even when it also names a person. */
export const CLEAR_MATCH = 0.33;
/** An article match this close answers a question even when it names something the team holds ("tarifa"). */
const STRONG_MATCH = 0.45;

/**
 * What a message asks the bot to do, beyond its topic (the intent): a question the knowledge answers, a
 * question about the fleet, a request for the team, closing a case, "back to the bot" — or a problem to
 * troubleshoot. No case is opened unless the customer reports a problem or asks for one.
 */
export type MessageAct =
  | { kind: 'back_to_bot' }
  | { kind: 'switch_language'; lang: Lang }
  | { kind: 'close_case'; caseIds: string[]; ending: CustomerEnding }
  | { kind: 'howto'; article: ArticleFile; score: number }
  /** A question about one plan ("what do we get with the IoT Data Only plan?"): answered from plans.json. */
  | {
      kind: 'plan_question';
      question: PlanQuestion;
      /** An article that answers the question clearly too ("¿en qué países puede itinerar?"): told for that plan after. */
      article?: ArticleFile;
    }
  /** Which plans have a service or work in a country ("Which of your plans support CSD?"): answered from plans.json. */
  | {
      kind: 'plan_choice';
      choice: PlanChoice;
      /** An article that answers the question too ("what each plan includes"): told after the plans that fit. */
      article?: ArticleFile;
    }
  | {
      kind: 'fleet_question';
      filter?: FleetFilter;
      /** Further questions about the fleet in the same message ("…deactivated, and which ones are abroad?"), in order. */
      also?: FleetFilter[];
      refs?: SimReferences;
      service?: ProblemIntent;
      /** A change asked for on the SIMs the answer lists ("which hit their data limit? Raise it on all of them"). */
      change?: boolean;
      /** New SIMs ordered in a sentence of their own beside the question ("…and separately, I need 200 nano SIMs"). */
      order?: boolean;
      /** Their own SIM asked about without naming it ("what plan is my SIM on?"): the account's SIMs answer. */
      own?: true;
    }
  | { kind: 'request'; type: RequestType }
  | { kind: 'ask_team' }
  | { kind: 'nothing' }
  /** Who is writing, or (`plan`) what is coming: nothing yet to act on. */
  | { kind: 'scene'; plan?: true }
  | { kind: 'problem'; intent: ProblemIntent }
  | { kind: 'case_asked' }
  | { kind: 'person'; problem?: ProblemIntent }
  | { kind: 'route' };

/** What {@link readMessageAct} reads with: the knowledge base's word lists and articles. */
export interface ActKnowledge {
  vocabulary: Vocabulary;
  articles: ArticleIndex;
  languages: LanguageIdentifier;
  /** An order's details told in prose place an order ({@link OrderDetails}). */
  orderDetails?: Pick<OrderDetails, 'told'>;
  /**
   * The countries a piece of a message names: which of them a fleet question leaves out ("not the ones in Sweden");
   * the services it names, asked of a plan ("can it place a voice call?").
   */
  entityWords?: { countries: Pick<CountryIndex, 'find'>; services?: Pick<ServiceReader, 'named'> };
  /** The plan catalogue: a question about a plan it names is answered from it. */
  plans?: { list(): readonly Plan[] };
}

/** What the conversation holds beside the message: the plan the last answer was about. */
export interface ActContext {
  /**
   * The question about a plan the last turn answered: "how much data per month does it allow?" next asks it of that
   * plan; "¿y el de IoT Data SMS?" asks the same of another.
   */
  plan?: PlanQuestion;
}

/** At most this many words, a question naming no plan right after a plan's answer may ask about that plan. */
const PLAN_FOLLOW_UP_WORDS = 20;
/** Asking for these, a question that names a plan asks for a change, an order or a case, not about the plan. */
const ASKED_FOR = [
  'order',
  'orderNeed',
  'serviceRequest',
  'changeRequest',
  'openCase',
  'checkRequest',
] as const satisfies readonly WordList[];
/**
 * Asking these, a question which plan has a service asks about their own SIMs, or for a change, an order or a case
 * ("which plan do I need" orders nothing: `orderNeed` is not among them).
 */
const NOT_A_PLAN_CHOICE = [
  'ownSim',
  'fleetQuestion',
  'askList',
  'order',
  'serviceRequest',
  'changeRequest',
  'openCase',
  'checkRequest',
] as const satisfies readonly WordList[];

/**
 * A question about one plan (see {@link PlanQuestion}): named by its name ("the IoT Nordic Data plan"), by what
 * customers call it beside a plan noun ("on the data + SMS plan", "el plan de solo datos"), or — a short question
 * naming none right after a plan's answer, asking something of it ("How much data per month does it allow?", "Why
 * doesn't it come with SMS?") — the plan in `context`. Not a question about their SIMs ("which of our SIMs are on
 * the data-only plan?": the fleet), a SIM named (its look-up answers from its plan), nor a change, an order or a case
 * asked for. A fault told outside the question, or about a device ("our trackers on IoT Nordic Data don't work in
 * Germany, why?"), is a problem to check, not a question about the plan.
 */
export function planAsked(
  recognition: Recognition,
  kb: ActKnowledge,
  context: ActContext = {},
): PlanQuestion | undefined {
  const services = kb.entityWords?.services;
  if (!kb.plans || !services) return undefined;
  const { text } = recognition;
  const words = kb.vocabulary;
  const folded = messageWords(text);
  if (!isQuestion(text, words)) return undefined;
  if (namesADeviceOrCase(recognition)) return undefined;
  // "I'd like to know which SIMs are on it" asks about the fleet; "¿Qué incluye el plan …? Quiero saber si puedo
  // configurar alertas por SMS" about the plan.
  const listAsked = sentencesOf(text).some(
    (s) => words.has('askList', messageWords(s)) && words.has('countedThings', messageWords(s)),
  );
  if (words.has('fleetQuestion', folded) || listAsked) return undefined;
  // "Quiero saber si…": wanting to know orders nothing.
  const toKnow = words.find('askList', folded);
  if (
    ASKED_FOR.some((list) =>
      words.find(list, folded).some((m) => !toKnow.some((k) => k.start <= m.start && m.end <= k.end)),
    )
  )
    return undefined;
  // "What does the Consumer Mobile Broadband plan cost per month?": a price or a document, the team's ("tarifa" is
  // a plan's name as much as a price list: not counted).
  const nouns = words.find('planNoun', folded);
  if (
    words
      .find('informationRequest', folded)
      .some((m) => !nouns.some((noun) => noun.start <= m.start && m.end <= noun.end))
  )
    return undefined;
  const plans = kb.plans.list();
  const named = planNamed(words, plans, text, { aliasBesideNoun: true });
  const plan = named ?? plans.find((p) => p.name === context.plan?.plan);
  if (!plan) return undefined;
  const question = planQuestionOf(
    recognition,
    { vocabulary: words, plans: kb.plans, entityWords: { services } },
    plan,
  );
  // "What's the difference between IoT Data Only and IoT Data SMS?": each plan named, answered in turn.
  const alsoNamed = plansNamedInFull(plans, text)
    .filter((other) => other.name !== plan.name)
    .map((other) => other.name);
  if (alsoNamed.length > 0) question.alsoNamed = alsoNamed;
  // "What APN goes with the IoT Data Only plan?": the APN article answers it, for that plan, with the command to set it.
  if (
    question.apn &&
    question.services.length + question.countries.length === 0 &&
    !question.roaming &&
    !question.allowance
  )
    return undefined;
  // "What's the data limit on IoT Data Only?" · "¿y el de IoT Data SMS?": another plan, asked the same.
  const before = context.plan;
  const sameAsked =
    named !== undefined &&
    before !== undefined &&
    named.name !== before.plan &&
    !asksOfPlan(question) &&
    folded.length <= PLAN_FOLLOW_UP_WORDS;
  if (sameAsked) {
    const { services: s, countries, roaming, allowance, apn } = before;
    Object.assign(question, { services: s, countries, roaming, allowance, apn });
  }
  // "What is the notice period on our Metering Critical contract?": nothing the plan holds — the team's.
  if (named && !sameAsked && !asksOfPlan(question) && !words.has('planContents', folded)) return undefined;
  // "How much data per month does it allow?": short, asking something of the plan, about no device.
  if (
    !named &&
    (folded.length > PLAN_FOLLOW_UP_WORDS || !asksOfPlan(question) || words.has('countedThings', folded))
  )
    return undefined;
  return faultTold(text, words) ? undefined : question;
}

/**
 * A fault told outside a question, or about a device ("our trackers on IoT Nordic Data don't work in Germany, why?"):
 * a problem to check, not a question about plans.
 */
function faultTold(text: string, words: Vocabulary): boolean {
  return sentencesOf(text).some((sentence) => {
    const reported = reportedWords(sentence, words);
    return (
      (words.has('symptom', reported) || words.has('stillBroken', reported)) &&
      (!/[?¿]/.test(sentence) || words.has('countedThings', sentence))
    );
  });
}

/**
 * Which plans have a service or work in a country, asked without naming one (`planWhich`: "Which of your plans
 * support CSD?", "¿Tenéis algún plan con voz que funcione en Marruecos?"), see {@link PlanChoice}. Not a question about
 * their own SIM or SIMs ("what plan is my SIM on?", "which of our SIMs are on a plan with voice?"), nor a change, an
 * order or a case asked for, nor a fault told.
 */
export function planChoiceAsked(recognition: Recognition, kb: ActKnowledge): PlanChoice | undefined {
  const entityWords = kb.entityWords;
  const services = entityWords?.services;
  if (!kb.plans || !entityWords || !services) return undefined;
  const { text } = recognition;
  const words = kb.vocabulary;
  const folded = messageWords(text);
  if (!isQuestion(text, words) || !words.has('planWhich', folded)) return undefined;
  if (namesADeviceOrCase(recognition)) return undefined;
  if (NOT_A_PLAN_CHOICE.some((list) => words.has(list, folded))) return undefined;
  // "We need 20 SIMs, which plan has voice?": an order, whose plan is asked with it.
  if (words.has('orderNeed', folded) && /\d/.test(text)) return undefined;
  const plans = kb.plans.list();
  if (planNamed(words, plans, text, { aliasBesideNoun: true })) return undefined;
  // "Which plan includes voice? … Hmm, no, it sends SMS, it doesn't call. So which plans have SMS?": the last question
  // asked; "which plans include voice, not SMS": without what it sets aside.
  const question =
    sentencesOf(text)
      .filter((s) => words.has('planWhich', s))
      .at(-1) ?? text;
  const kept = question
    .split(/[,;:—–]+|\s-+\s/)
    .filter((clause) => words.leading('reportNegation', messageWords(clause)) === undefined)
    .join(' , ');
  const asked = services.named(withoutPlanNames(plans, kept));
  const countries = entityWords.countries.find(kept);
  if (asked.length + countries.length === 0 || faultTold(text, words)) return undefined;
  return { services: asked, countries };
}

/**
 * A change word that asks for a change: not a SIM's state told before the SIM it describes ("does a deactivated SIM
 * still cost us anything?" asks nothing of the SIM; "can you get 0035 deactivated?" does) — nor, with `anyState`, a
 * state word anywhere (in a question asked of the fleet: "Any of them deactivated?").
 */
function changeWordAsked(folded: readonly string[], words: Vocabulary, anyState = false): boolean {
  const states = [...words.find('filterInactive', folded), ...words.find('filterActive', folded)];
  const things = words.find('countedThings', folded);
  return words
    .find('changeRequest', folded)
    .some(
      (m) =>
        !(
          states.some((st) => st.start <= m.start && m.end <= st.end) &&
          (anyState || things.some((thing) => thing.start === m.end))
        ),
    );
}

/**
 * Asked rather than told: a question mark, a question word opening the message ("how do I…", "¿cómo…"), or a
 * question of two words or more opening one of its clauses ("modem keeps asking for a pin, how do i kill that").
 */
export function isQuestion(text: string, words: Vocabulary): boolean {
  // "hi whats the apn for our plan": a greeting before the opener, too.
  // "vale gracias y cómo le quito el pin": an OK and a thank-you before it too.
  const opened = (clause: readonly string[]): readonly string[] => {
    const greeted = words.leading('greeting', clause) ?? clause;
    const agreed = words.leading('yes', greeted) ?? greeted;
    const thanked = words.leading('thanks', agreed) ?? agreed;
    return words.leading('connective', thanked) ?? thanked;
  };
  const folded = messageWords(text);
  // "Checked AT+CSCA?, rebooted": a query command's question mark asks the modem, not us — unless it ends the
  // question too ("or do I need to write it with AT+CSCA?").
  const asked = text.replace(/\bAT\+?[A-Z]+\?(?=\s*[,;:)]|\s+[a-z0-9])/g, '');
  return (
    /[?¿]/.test(asked) ||
    // "We should be obliged if you would state the APN…", "le ruego me indique el horario…": asked in a letter.
    words.has('politeAsk', text) ||
    // "My site manager wants to know your opening hours", "el supervisor quiere saber cuántas están desactivadas".
    words.has('relayedQuestion', text) ||
    words.leading('question', opened(folded)) !== undefined ||
    // "the modem keeps asking for a pin when it boots what do I do": a question of three words or more ending it.
    // "y si se pasan de datos q pasa", "if one goes over its data what happens": or of any length, after a case
    // imagined.
    words
      .find('question', folded)
      .some(
        (m) =>
          m.end === folded.length &&
          (m.end - m.start >= 3 ||
            words.has('imagined', folded.slice(0, m.start)) ||
            words.leading('imaginedLead', opened(folded.slice(0, m.start))) !== undefined),
      ) ||
    // "sms how", "apn cómo se pone": a terse question names its topic first, then asks how.
    (folded.length <= TERSE_QUESTION_WORDS &&
      words.find('howTo', folded).some((m) => m.start > 0 && m.start <= TERSE_TOPIC_WORDS)) ||
    // "va a funcionar allí o tengo que comprar otra tarjeta": an alternative offered with "do I need to" asks.
    words
      .find('askWhether', folded)
      .some((m) => words.find('orElse', folded.slice(0, m.start)).some((o) => o.end === m.start)) ||
    // Inside the message only an opener of two words or more: a clause "que no conectan" is not a question.
    clausesOf(text).some((clause) => {
      // "cheers. and whats the smsc number": a connective before the opener.
      const start = opened(clause);
      const rest = words.leading('question', start);
      return rest !== undefined && (start.length - rest.length >= 2 || start !== clause);
    }) ||
    terseQuestionEnds(clausesOf(text).at(-1) ?? [], words)
  );
}

/** At most this many words after a one-word opener in a terse question ending a message ("…, what apn"). */
const TERSE_REST = 2;

/**
 * "cottage router, what apn": a terse question ending the message — a one-word opener and a word or two after it
 * that tell nothing wrong ("…, que no conecta" is a clause about the router, not a question) and do not refer back
 * ("…, como te decía").
 */
function terseQuestionEnds(last: readonly string[], words: Vocabulary): boolean {
  const rest = words.leading('question', last);
  return (
    rest !== undefined &&
    last.length - rest.length === 1 &&
    rest.length > 0 &&
    rest.length <= TERSE_REST &&
    !words.has('negation', rest) &&
    !words.has('symptom', rest) &&
    // "Es la que acaba en 050, la del camión que está en Alemania, como te decía": said before, not asked.
    !words.has('asSaid', last)
  );
}

/**
 * A clause that asks how: opened by a how-to opener ("how do I…", "¿cómo…"), or one right after being asked to be
 * told ("would it be possible to explain me how I can switch off the PIN", "¿me podéis indicar cómo…").
 */
function asksHow(clause: readonly string[], words: Vocabulary): boolean {
  // "And how do I set it with an AT command?": a connective before the opener.
  const opened = words.leading('connective', clause) ?? clause;
  if (words.leading('howTo', opened) !== undefined) return true;
  return words
    .find('explainHow', clause)
    .some((m) => words.leading('howTo', clause.slice(m.end)) !== undefined);
}

/** The message asks how to do something, in one of its clauses ("¿cómo podemos ampliar el límite de datos?"). */
export function asksHowTo(text: string, words: Vocabulary): boolean {
  return howToClauses(text, words).some((clause) => asksHow(clause, words));
}

/**
 * Read what one message asks for (see {@link MessageAct}); the rules, in order: "back to the bot" → never a
 * person; "can we continue in Spanish?" with nothing else to act on → go on where we were, in that language
 * (never a person either); "close the case" / "it works again, never mind" → close their case; a question about their SIMs →
 * the fleet; an order, or a change asked for ("can you activate…", not "how do I activate…") without a
 * problem → the request; a how-to question without a problem → its article; an information request → the
 * request; pasted modem output → troubleshooting; anything else is routed by its intent.
 */
export function readMessageAct(
  recognition: Recognition,
  kb: ActKnowledge,
  context: ActContext = {},
): MessageAct {
  const { text, entities, intent } = recognition;
  // "hello? is this working?": a greeting — the dialogs answer it as one.
  if (recognition.aboutChat) return { kind: 'route' };
  const words = kb.vocabulary;
  const folded = messageWords(text);
  // Matched at most once, when a rule needs it: each asking sentence is tried against every article.
  let article: { match: ReturnType<ArticleIndex['match']> } | undefined;
  const articleMatch = (): ReturnType<ArticleIndex['match']> =>
    (article ??= { match: articleFor(recognition, kb) }).match;
  const evidence = entities.modem.length > 0;
  const reported = withoutQuestionTag(reportedWords(text, words), words);
  const told = tellsSymptom(reported, folded, words);
  const symptom = told || evidence;
  // "Quiero hablar con una persona. Bueno, no, déjalo, solo dime qué APN va en los rastreadores": the person taken
  // back in the same message was never asked for — what follows is the act. Nor was one refused: "Can I get a
  // human? ...actually, never mind, let's try you first: SIM 0043 has had no data" tries the bot first, and a cause
  // only the operator can fix still goes to a person (unlike "back to the bot, I won't wait" from the queue).
  const afterTakeBack = restAfterPersonTakenBack(words, text);
  if (afterTakeBack !== undefined)
    return readMessageAct({ ...recognition, text: afterTakeBack }, kb, context);
  if (asksForBot(words, folded)) return { kind: 'back_to_bot' };
  const asked = requestedLanguage(text, kb);
  // "Hi, sorry, my English is not very good. Can we continue in Spanish?": what it says of its own language tells no
  // problem and answers nothing.
  const besideOwnLanguage = asked ? withoutOwnLanguage(text, kb) : text;
  const symptomBeside =
    besideOwnLanguage === text
      ? symptom
      : evidence ||
        tellsSymptom(
          withoutQuestionTag(reportedWords(besideOwnLanguage, words), words),
          messageWords(besideOwnLanguage),
          words,
        );
  if (asked && !symptomBeside && !hasAnswerOrReference({ ...recognition, text: besideOwnLanguage }, words))
    return { kind: 'switch_language', lang: asked };
  // "¿Le importaría que siguiéramos en español? Me expreso mejor. Es la SIM que acaba en 0050": the language asked for
  // is no question of its own (the turn already speaks it) — what the rest of the message says is the act.
  const besideLanguage = asked ? restBesideMeta(text, kb) : undefined;
  if (besideLanguage !== undefined && besideLanguage !== text)
    return readMessageAct({ ...recognition, text: besideLanguage }, kb, context);
  const ending = readCustomerEnding(words, text);
  if (ending) return { kind: 'close_case', caseIds: entities.caseIds, ending };
  // "I'd like to speak to someone from your ops team. Three trackers dropped at the same moment…": a person asked for
  // in words is the turn, whatever topic the classifier heard in the rest — with the problem told beside it, if any.
  // "Quiero hablar con una persona, y además os cuento: la SIM 0050 no tiene datos…": whatever the classifier heard, the
  // problem told with the person asked for is opened (and its SIM looked up) for the person.
  if (
    (intent !== 'agent' || (symptom && (namesASim(recognition) || evidence))) &&
    asksForPersonInWords(words, text)
  )
    return { kind: 'person', ...(symptom ? { problem: evidenceIntent(recognition) } : {}) };
  // "I reported a problem with one of our boxes last week. Has anyone had a chance to look at it yet?": a report made
  // before, asked after — its case's status, not a new case (whatever topic the report names).
  // "¿Cuántos casos tenemos abiertos y qué prioridad tiene cada uno? Es para el informe": their case list.
  if (/[?¿]/.test(text) && words.has('caseListQuestion', folded) && !words.has('symptom', reported))
    return { kind: 'case_asked' };
  if (
    entities.caseIds.length === 0 &&
    !namesASim(recognition) &&
    words.has('reportedBefore', folded) &&
    sentencesOf(text).some(
      // "¿Ya hay un técnico trabajando en mi avería?" names the fault it asks about; "it still has no data" tells more.
      (s) => /[?¿]/.test(s) && words.has('waitQuestion', s) && !words.has('stillBroken', s),
    )
  )
    return { kind: 'case_asked' };
  // "Quantity: 200 / Card type: 3-in-1 / Delivery address: …": an order written as a form, whatever it is called.
  if (orderFormValues(text, words).length >= 2) return { kind: 'request', type: 'order' };
  // "THIRD time I'm trying to order SIMs, your form is broken. We need 200 nano SIMs on IoT Connect EU, delivered
  // to …": SIMs with three of an order's details (type, plan, address) are an order, whatever the complaint.
  // "We want to move 15 SIMs to the IoT Connect EU plan": SIMs they have, a change asked for before them ("…para la
  // ampliación de la flota" after the SIMs is what they are for).
  const firstItem = words.find('orderItem', folded)[0];
  if (
    kb.orderDetails &&
    firstItem !== undefined &&
    !words.find('serviceRequest', folded).some((m) => m.start < firstItem.start) &&
    !sentencesOf(text).some((s) => /[?¿]/.test(s) && words.has('orderStatus', s)) &&
    kb.orderDetails.told(text) >= 3
  )
    return { kind: 'request', type: 'order' };
  // "On the data + SMS plan, can the machine place a voice call, or is it data and texts only?": the plan answers.
  const planQuestion = planAsked(recognition, kb, context);
  if (planQuestion) {
    // "¿En qué países puede itinerar una SIM del plan IoT Nordic Data?": the roaming article too, for that plan — what
    // to do next (where a SIM is now, raising a limit, setting the APN) is the article's.
    const match = articleMatch();
    return {
      kind: 'plan_question',
      question: planQuestion,
      ...(match && match.score >= CLEAR_MATCH ? { article: match.article } : {}),
    };
  }
  // "¿Cuál de vuestros planes permite CSD?": the plans that have it.
  const choice = planChoiceAsked(recognition, kb);
  if (choice) {
    // The editors' article on what each plan includes, after the plans that fit.
    const match = articleMatch();
    return {
      kind: 'plan_choice',
      choice,
      ...(match && match.score >= CLEAR_MATCH ? { article: match.article } : {}),
    };
  }
  // "Sorry, wrong window, nothing needed. Bye.": nothing wrong, nothing asked, nothing named — no case.
  const nothingNamed = !namesASim(recognition) && !entities.affected && entities.caseIds.length === 0;
  if (
    words.has('neverMind', folded) &&
    !symptom &&
    nothingNamed &&
    folded.length <= NOTHING_WORDS &&
    !isQuestion(text, words)
  )
    return { kind: 'nothing' };
  // "Right, that'll be the truck on the Bremen run. Thanks, that's all for now.", "Vale, gracias. Era solo curiosidad,
  // ahora mismo no hay ningún problema": thanked and done, or nothing wrong — nothing to open.
  if (
    words.has('thanks', folded) &&
    (words.has('allDone', folded) || (words.has('nothingWrong', folded) && nothingNamed)) &&
    !symptom &&
    entities.caseIds.length === 0 &&
    !isQuestion(text, words)
  )
    return { kind: 'nothing' };
  // "Hi, I look after the telematics for a haulier — the installer next to me will type his question": who is
  // writing and for whom, with nothing wrong, asked, named or requested — the scene is set, no case yet.
  if (
    words.has('introduction', folded) &&
    !symptom &&
    !namesASim(recognition) &&
    (entities.affected?.count ?? 0) <= 1 &&
    !entities.affected?.all &&
    entities.caseIds.length === 0 &&
    !isQuestion(text, words) &&
    !SCENE_BREAKERS.some((list) => words.has(list, folded))
  )
    return { kind: 'scene' };
  // "Next month we'll install 200 meters in Bergen", "la semana que viene llegan 40 localizadores nuevos": a plan
  // told, with nothing wrong, asked, named or requested — what it needs is asked, never an incident for the devices.
  if (
    words.has('futurePlan', folded) &&
    // Devices coming ("40 new trackers", "200 meters"), not a date told at a request's summary ("la semana que viene").
    words.has('countedThings', folded) &&
    !symptom &&
    !namesASim(recognition) &&
    entities.caseIds.length === 0 &&
    !isQuestion(text, words) &&
    !SCENE_BREAKERS.some((list) => words.has(list, folded))
  )
    return { kind: 'scene', plan: true };
  // "The exact command for the APN please" asks for an answer as much as a question does.
  // "Lo que necesito es que me expliquen cómo se comprueba la señal": asked to be told how, with no question mark.
  const toldHow = howToClauses(text, words).some((clause) =>
    words.find('explainHow', clause).some((m) => words.leading('howTo', clause.slice(m.end)) !== undefined),
  );
  const question = isQuestion(text, words) || (words.has('askInstruction', folded) && !evidence) || toldHow;
  // "Hay un contador que no manda lecturas pero no sé qué SIM lleva": not knowing which SIM is a report.
  // "Necesito la lista de nuestras SIM que no tienen sesión": a list asked for is asked as much as a question.
  const listOrQuestion = question || words.has('askList', folded);
  // "¿Cuántas SIM tenemos desactivadas? Y aparte, hay 25 equipos que no reportan, abrime un caso": the case first.
  // "All their trucks in Germany lost data. Could you check all of our SIMs in Germany?": a problem to check.
  // "Half our fleet's gone quiet since lunch — 5 utes by my count. Which of our cards have no connection?": a problem
  // told with its count is a report first (the fleet is looked at while troubleshooting it).
  const problemToOpen =
    symptom &&
    // "How many of our SIMs are active? And, urgent: half our substation meters went dark": the problem first.
    (sentencesOf(text).some(
      (s) =>
        words.has('urgent', s) &&
        !/[?¿]/.test(s) &&
        !words.has('fleetQuestion', s) &&
        !words.has('askList', s),
    ) ||
      words.has('openCase', folded) ||
      words.has('checkRequest', folded) ||
      // "¿Cuántas de nuestras 8 SIM están ahora mismo sin sesión de datos?": the fleet counted in the question asked.
      ((entities.affected?.count ?? 0) > 1 &&
        !sentencesOf(text).every(
          (s) =>
            !words.has('symptom', reportedWords(s, words)) ||
            (/[?¿]/.test(s) && words.has('fleetQuestion', withoutNumbers(messageWords(s)))),
        )) ||
      // "Our trucks lose connectivity as soon as they cross into Germany. Which of our SIMs are abroad right now, and
      // is that the problem?": a problem told in a sentence of its own, the fleet question asked about it.
      // Only devices told down ("the portal is down", "no incident open, just the list" report none).
      (!words.has('noCaseWanted', folded) &&
        !words.has('justAsking', folded) &&
        // "Can you give me a list of which of our SIMs have no data connection? Ops want to chase the units that have
        // gone quiet": with a list asked for and nothing counted, the devices told quiet are what the list is of.
        !(
          entities.affected === undefined &&
          sentencesOf(text).some((s) => /[?¿]/.test(s) && words.has('askList', s))
        ) &&
        // "Which of our SIMs have hit their data limit this cycle? A couple of TCUs went quiet on the fleet portal": told
        // after the question, it is why they ask — the question is answered.
        sentencesOf(text).some(
          (s, i, all) =>
            !/[?¿]/.test(s) &&
            !words.has('fleetQuestion', s) &&
            !words.has('askList', s) &&
            words.has('countedThings', s) &&
            words.has('symptom', reportedWords(s, words)) &&
            !all.slice(0, i).some((q) => /[?¿]/.test(q) && words.has('fleetQuestion', q)),
        )));
  // "Please order 50 nano SIMs on IoT Connect EU … Also, how many of our SIMs are active?": the order first.
  const orderWithQuantity =
    (entities.affected?.count ?? 0) > 1 && words.has('order', folded) && words.has('orderItem', folded);
  // "Algunos equipos se quedan pidiendo el PIN. ¿Cómo hago para que el módem no lo pida nunca más?": the devices are
  // told, how to do something is asked — an article that clearly answers it does, not a list of the fleet.
  const howToInstead =
    !sentencesOf(text).some(
      (s) =>
        (/[?¿]/.test(s) || isQuestion(s, words)) &&
        words.has('fleetQuestion', withoutNumbers(messageWords(s))),
    ) &&
    asksHowTo(text, words) &&
    (articleMatch()?.score ?? 0) >= CLEAR_MATCH;
  if (
    listOrQuestion &&
    !problemToOpen &&
    !orderWithQuantity &&
    !howToInstead &&
    // "How many of our 30 trackers…": the fleet's size inside the question's words.
    words.has('fleetQuestion', withoutNumbers(folded)) &&
    // "What happens if any of our SIMs goes over the limit?": their SIMs imagined, not asked about. "Vemos que algunos
    // equipos van lentísimos … ¿Me lo pueden preparar?": told in a sentence that asks nothing, beside another question.
    !fleetOnlyTold(text, words) &&
    !words.has('simUnknown', folded)
  ) {
    // "a health summary of all our SIMs: how many are active, how many have problems": the overview, unfiltered.
    const filterOptions = {
      ...(kb.entityWords ? { countries: kb.entityWords.countries } : {}),
      ...(kb.plans ? { plans: kb.plans.list() } : {}),
    };
    // "¿Qué plan tiene la SIM 0076? Y otra: ¿cuáles de nuestras SIM están en IoT Nordic Data?": the SIM named is asked
    // about in a question of its own, answered before the fleet's — its sentence is no question about the fleet.
    const asksOfSim = (s: string): boolean =>
      /[?¿]/.test(s) &&
      /\d{2,}/.test(s) &&
      words.has('simStateQuestion', s) &&
      !words.has('fleetQuestion', withoutNumbers(messageWords(s)));
    const simAsked = namesASim(recognition) && sentencesOf(text).some(asksOfSim);
    const fleetText = simAsked
      ? sentencesOf(text)
          .filter((s) => !asksOfSim(s))
          .join(' ')
      : text;
    // "Which of our SIMs are deactivated, and which ones are abroad?": two questions, each answered on its own.
    const [first, ...also] = words.has('fleetOverview', folded)
      ? []
      : fleetFiltersAsked(fleetText, entities, words, filterOptions);
    const filter =
      first ??
      (words.has('fleetOverview', folded) ? undefined : fleetFilterOf(text, entities, words, filterOptions));
    // "Which of our SIMs have hit their data limit? Raise it on all of them, please": the change, in a sentence of its own.
    const change = changeAskedApart(text, words);
    // "¿Cuántos datos me quedan en mi tarifa?": their own SIM, asked in the words of a fleet question.
    const own = !filter && !change && words.has('ownSim', folded);
    const { iccids, msisdns, lastDigits, imsis } = entities;
    return {
      kind: 'fleet_question',
      ...(simAsked && filter !== undefined ? { refs: { iccids, msisdns, lastDigits, imsis } } : {}),
      ...(filter ? { filter } : {}),
      ...(also.length > 0 ? { also } : {}),
      ...(change ? { change } : {}),
      ...(own ? { own } : {}),
    };
  }
  // "Could you tell me if SIM …084 is active or not? We install it next week": the state of a SIM they name,
  // asked with nothing wrong — the look-up answers it, and no case is opened.
  // "¿Y la 0043 por qué no tiene sesión? Es pura curiosidad, no me abras nada": no case wanted, only the answer.
  // "Just tell me if my SIM +4673… is OK" asks as much as a question does.
  const noCase = words.has('noCaseWanted', folded);
  // "¿Y eso qué significa, que esa SIM no sirve para nada?" about the SIM the last answer listed: what the look-up
  // found, explained — a fault only wondered about in the question is not told ("my tracker has no data, what does
  // that mean?" tells one).
  // "¿Qué significa que la SIM 8946 … 043 no tenga datos?": a fault on a SIM the message names, asked about, is told.
  const meaningAsked =
    question &&
    !(symptom && namesASim(recognition) && /\d{2,}/.test(text)) &&
    words.has('askMeaning', folded) &&
    text
      .split(/(?<=[,;:.!?])\s+/)
      .every((part) => /[?¿]/.test(part) || !words.has('symptom', reportedWords(part, words)));
  // "Solicitud: ampliar el límite de datos de la tarjeta …043. Se queda sin datos a mitad de mes.": a change asked
  // for first, on a SIM they name — the problem after it is why they ask, not one to troubleshoot.
  // "Estimados, muy buenos días:\n\nLes escribo porque necesitamos que la tarjeta … pase a un plan que incluya SMS":
  // the salutation is no sentence of its own.
  const firstSentence =
    withoutSalutation(text, words)
      .split(/[.!?\n]+/)
      .find((s) => s.trim()) ?? '';
  const firstWords = messageWords(firstSentence);
  // "Súbanme el límite de datos del chip 043 a 1 giga porfa, se queda sin datos cada mes": the first clause.
  const firstClause = clausesOf(firstSentence)[0] ?? clausesOf(text)[0] ?? [];
  // "did you reactivate 0035 already? still dead": whether a change was made, asked — not a change asked for.
  const doneAsked = /[?¿]/.test(text) && words.has('alreadyDone', firstWords);
  const changeOfSimMayBeAsked = namesASim(recognition) && !evidence && !doneAsked;
  const changeFirst =
    changeOfSimMayBeAsked &&
    ((words.has('serviceRequest', firstWords) && !words.has('symptom', firstWords)) ||
      (words.has('serviceRequest', firstClause) && !words.has('symptom', firstClause)));
  // "Can you change the plan on the SIM ending 0076 to IoT Connect EU so it has voice?" after "Nothing is broken yet",
  // "Necesito que reactivéis la SIM 0035 … ¿qué incluye el plan que tiene?": a change asked of a SIM named is the
  // request, whatever its state is asked beside it.
  const changeOfSimAsked =
    changeFirst ||
    (changeOfSimMayBeAsked &&
      sentencesOf(text).some((s) => {
        const asked = messageWords(s);
        return (
          words.leading('askAction', words.leading('connective', asked) ?? asked) !== undefined &&
          words.has('serviceRequest', asked) &&
          !words.has('symptom', reportedWords(s, words))
        );
      }));
  // "I only need the current status of the SIM ending 0019" asks as much.
  // "Can SIM 0027 send SMS?", "¿La 0068 admite llamadas?": what a SIM named can do, asked of the SIM.
  // "can the SIM ending 0068 send SMS? we want to put it in an alarm panel": the clause that asks changes nothing.
  // "¿La SIM 0050 puede usar datos en Alemania?", "¿el plan de la 0050 sirve en Alemania?": a country asked of a SIM
  // named is asked of its plan too; the digits naming the SIM are read as the SIM ("la 0050 puede": "la sim puede").
  const canItDoAsked =
    question &&
    entities.services.length + entities.countries.length > 0 &&
    clausesOf(text).some(
      (clause) =>
        [withoutDigits(clause), withoutDigits(clause, 'sim')].some(
          (asked) => words.leading('canItDo', asked) !== undefined,
        ) &&
        !words.has('changeRequest', clause) &&
        !words.has('serviceRequest', clause),
    );
  const stateAsked =
    (question ||
      words.has('explainHow', folded) ||
      // "This isn't a fault … We'd like the data limit on it raised": a change wanted, not its state.
      (words.has('orderNeed', folded) &&
        !words.has('changeRequest', folded) &&
        !words.has('serviceRequest', folded)) ||
      // "Nothing's broken … Check 8946…092 for me": a look asked for, with no case wanted.
      (noCase && words.has('checkRequest', folded))) &&
    (!symptom || noCase || meaningAsked) &&
    !evidence &&
    !changeOfSimAsked &&
    entities.caseIds.length === 0 &&
    (noCase || meaningAsked || words.has('simStateQuestion', folded) || canItDoAsked);
  // "Does the SIM with IMSI 240071000047533 support voice calls?": a SIM named by its IMSI is looked up too
  // (namesASim); "our broker hasn't seen a CONNECT from it … AT+CIMI -> 2400…" about a unit gone quiet is a report.
  if (stateAsked && namesASim(recognition)) {
    const { iccids, msisdns, lastDigits, imsis } = entities;
    // "¿El chip 0068 puede mandar SMS?": the service asked about is checked on that SIM's plan.
    const service = entities.services[0];
    // "What plan is 0068 on? … so please move it to IoT Data SMS": the change, after the answer, on the SIM named.
    const change = !doneAsked && changeAskedApart(text, words, true);
    // "Is SIM 0019 still active? And separately, I need to order 200 nano SIMs": the order, after the answer.
    const order = !change && orderedApart(text, words, entities);
    return {
      kind: 'fleet_question',
      refs: { iccids, msisdns, lastDigits, imsis },
      ...(service ? { service } : {}),
      ...(change ? { change } : {}),
      ...(order ? { order } : {}),
    };
  }
  // "What plan is my SIM on?", "¿Mi tarifa tiene datos ilimitados?": their own SIM, asked about without its number.
  // "¿Qué pasa si me paso de los gigas? En la tienda me dijeron que mi tarifa es ilimitada": their plan is named
  // only beside the question, which imagines a case — the article answers it.
  if (
    stateAsked &&
    !asksWhatIf(text, words) &&
    sentencesOf(text).some((s) => (/[?¿]/.test(s) || isQuestion(s, words)) && words.has('ownSim', s))
  ) {
    const service = entities.services[0];
    return { kind: 'fleet_question', own: true, ...(service ? { service } : {}) };
  }
  // "Can you raise the data limit?" asks for a change; "how do I raise it?" asks how (an article) — also as a
  // later clause: "the modem asks for a PIN at every boot, how I can switch it off?".
  // "What happens if we suspend a SIM?" asks how it works as much: never a request for the change it imagines.
  const whatIf = question && asksWhatIf(text, words);
  // "What happens when a card uses up its data? Does the tracker just stop, or do we get a huge bill?": a document named
  // in a case imagined is a consequence asked about — nothing is asked to be sent.
  const documentImagined = whatIf && !words.has('sendUs', folded) && !words.has('orderNeed', folded);
  // "¿Cuál es el PIN de las tarjetas? Lo necesito para dar de alta las centralitas", "what PIN do the new cards
  // have? we want to activate the panels": asking what something is, which the knowledge answers — the purpose
  // the customer adds ("to activate…", "new cards") asks for no change and no order.
  const asksWhatIsKnown =
    question &&
    !symptom &&
    // "…que me subieran los datos del mes": a clause that asks for a change asks what nothing is.
    clausesOf(text).some(
      (clause) =>
        words.leading('askInformation', clause) !== undefined && !words.has('serviceRequest', clause),
    ) &&
    kb.articles.match(text) !== undefined;
  const howTo =
    whatIf || asksWhatIsKnown || howToClauses(text, words).some((clause) => asksHow(clause, words));
  // "Could you please arrange this? … order 250 SIM cards, nano, delivered to …": an order with its quantity is an
  // order, however politely it asks and whatever delivery it names.
  // "Has my order of 250 SIMs been delivered?" asks where one is: a delivery word in a question is a status asked.
  // "¿Podrían tramitar el pedido?" asks for the order to be placed: an order phrase of two words or more.
  // "We need 40 nano SIMs for a new batch. How long does an order usually take to arrive?": SIMs needed, told in a
  // sentence of their own — the question is about that order's delivery, not where an earlier one is.
  // "El jefe de obra necesita 100 SIM…", "our installer needs 20 nano SIMs": someone else's need, right before the
  // number of SIMs, is needed as much.
  const opensWithNeed = (clause: readonly string[]): boolean => {
    const rest =
      words.leading('orderNeed', clause) ??
      words
        .find('othersNeed', clause)
        .map((m) => clause.slice(m.end))
        .find((after) => /^\d+$/.test(after[0] ?? ''));
    return rest !== undefined && words.has('orderItem', rest);
  };
  const needTold = sentencesOf(text).some((s) => !/[?¿]/.test(s) && clausesOf(s).some(opensWithNeed));
  const statusAsked =
    !needTold &&
    sentencesOf(text).some(
      (s) =>
        s.includes('?') &&
        words.has('orderStatus', s) &&
        !words.find('order', s).some((m) => m.end - m.start >= 2),
    );
  // "…quiere aprovechar ese localizador en vez de comprar uno nuevo": buying set aside orders nothing.
  // "…so that our subcontractor may complete the works under purchase order 44719": a reference, nothing ordered.
  const references = words.find('orderReference', folded);
  // "a copy of last month's invoice, the one with the 30 new SIMs on it": the SIMs are what the document is about.
  const onDocument = simsOnDocument(text, words);
  const ordered =
    !onDocument &&
    words
      .find('order', folded)
      .some(
        (m) =>
          !words.find('negation', folded.slice(0, m.start)).some((n) => n.end === m.start) &&
          !references.some((r) => r.start <= m.start && m.end <= r.end),
      );
  // "Necesitamos 25 SIM para las máquinas nuevas … Envío a Calle Alfonso I 17": SIMs needed, opening a clause, are
  // ordered as much ("envío" is where they go, not a delivery asked about).
  const needOpens = clausesOf(text).some(opensWithNeed);
  const quantityOrdered =
    !statusAsked &&
    (entities.affected?.count ?? 0) > 1 &&
    words.has('orderItem', folded) &&
    (ordered || (needOpens && !symptom));
  // "Has my order shipped?" asks where an order is; "order 250 SIMs delivered to …" places one.
  // "¿Me podéis mandar las facturas de marzo y abril? … Y otra cosa: ¿cómo va el pedido…?": a document asked for in a
  // sentence of its own is the request, the status asked beside it goes with it to the team.
  const documentAskedApart = sentencesOf(text).some(
    (s) =>
      /[?¿]/.test(s) &&
      words.has('informationRequest', s) &&
      words.has('sendUs', s) &&
      !words.has('orderStatus', s),
  );
  const aboutACase =
    entities.caseIds.length > 0 ||
    // "> Enviado: 12/06/2024" in a forwarded mail: its header, not an order's shipping asked about.
    (words.has('orderStatus', messageWords(ownText(text))) &&
      !quantityOrdered &&
      // "…nadie quitó el localizador antes de la entrega… Es la SIM 0019. Por favor, desactivadla": a delivery told in
      // the story, a change asked of the SIM named.
      !changeOfSimAsked &&
      // "el cliente nos reclama el seguimiento… lleva desde el jueves sin mandar posiciones": a problem, told.
      !symptom &&
      !documentAskedApart &&
      (question || !words.has('order', folded)));
  // "Can someone send us the invoice breakdown?", "necesitamos 120 micro sims más para los tractores de la
  // cooperativa": a document or SIMs asked for, not a person to talk to — the classifier's "agent" gives way to
  // the information request or the order unless a person is asked for in words.
  const personAsked = intent === 'agent' && words.has('askPerson', folded);
  const documentAsked = intent === 'agent' && !personAsked && words.has('informationRequest', folded);
  // "Necesito el PIN de la SIM 0043", "I need the PIN of the new cards": needing what the knowledge answers,
  // told rather than asked — nothing wrong, no number of SIMs, no change asked for — asks the same.
  const neededAnswer =
    !question && !symptom && !evidence && !aboutACase && !personAsked && needsWhatIsKnown(recognition, kb);
  // "la 0035 lleva semanas sin conectar; la dimos de baja nosotros … ¿Podéis reactivarla?": the silence is theirs.
  const changeAsked =
    changeFirst ||
    (!evidence && changeAfterStory(text, words)) ||
    (changeOfSimMayBeAsked && words.has('serviceRequest', folded) && words.has('ownDeactivation', folded));
  // "Probamos con nano SIM y no sirven en nuestros lectores, necesitamos micro SIM. Quiero hacer un pedido.": an order
  // stated in a sentence of its own is what they want, whatever went wrong before it — unless a SIM of theirs is
  // named (a problem on a SIM named is troubleshot).
  const orderStated =
    symptom &&
    !evidence &&
    !aboutACase &&
    !namesASim(recognition) &&
    sentencesOf(text).some(
      (s) =>
        !/[?¿]/.test(s) &&
        words.leading('orderNeed', s) !== undefined &&
        words.has('order', s) &&
        !words.has('negation', s),
    );
  if (!personAsked && orderStated) return { kind: 'request', type: 'order' };
  if (!personAsked && (!symptom || changeAsked) && !aboutACase && !neededAnswer) {
    // "Necesito dar de baja la línea que termina en 035": a change on a SIM named, whatever person the classifier
    // heard in it (no one is asked for in words).
    const changeNamed =
      namesASim(recognition) && (words.has('serviceRequest', folded) || words.has('changeRequest', folded));
    const classified = intent !== 'agent' || documentAsked || changeNamed;
    // "hacer un pedido de 50 tarjetas" reads like a case question to the classifier; "has my order
    // shipped?" names where an order is (orderStatus) and stays one.
    // "do you have documentation on the fixed IP option?", "send us your price list": information first.
    // "Quiero que me cambien la tarifa … La SIM es la 0100": a change asked for on a SIM named, not a question.
    const changeOnSim = namesASim(recognition) && words.has('serviceRequest', folded);
    // "Will the SIM in my camper work in France and Italy? I don't want a surprise bill": a question an article
    // answers clearly is answered when the bill is only mentioned beside it ("could someone send your coverage
    // documentation?" asks for the document itself).
    // "…necesitaríamos el detalle de consumo por SIM de la factura. ¿Nos lo podéis enviar?": the document asked for.
    const infoAsked = sentencesOf(text).some(
      (sentence) =>
        sentence.includes('?') &&
        (words.has('informationRequest', sentence) || words.has('sendUs', sentence)),
    );
    // "¿Me podéis pasar el rango de IPs públicas del APN …?": what the team holds, asked for in the sentence that asks —
    // an article matched only because the question names something it knows (the APN) does not answer it.
    const teamAsked =
      asksWhatIsKnown &&
      !whatIf &&
      !howToClauses(text, words).some((clause) => asksHow(clause, words)) &&
      sentencesOf(text).some((s) => /[?¿]/.test(s) && words.has('informationRequest', s));
    // "…como andamos cortos de presupuesto, el jefe quiere aprovechar ese localizador. Lo que necesito es que la
    // volváis a activar": in a story, only what a sentence asks or needs is asked for — not the budget told about.
    // "Me piden un papel con lo que he pagado este año. ¿Me lo podrían mandar?": asked for in the sentence after it.
    const asksFor = (s: string | undefined): boolean =>
      s !== undefined && (/[?¿]/.test(s) || words.has('orderNeed', s) || words.has('sendUs', s));
    const sentences = sentencesOf(text);
    const infoNamed = isStory(text)
      ? sentences.some(
          (s, i) =>
            words.has('informationRequest', s) &&
            (asksFor(s) || (words.has('sendUs', sentences[i + 1] ?? '') && asksFor(sentences[i + 1]))),
        )
      : words.has('informationRequest', folded);
    // "Information request / - Topic: network sunset / - Question: …": the heading says what it is, whatever an
    // article would answer of the question under it.
    const heading = sentencesOf(text)[0] ?? '';
    if (
      classified &&
      isStory(text) &&
      messageWords(heading).length <= HEADING_WORDS &&
      words.has('informationRequest', heading) &&
      // "Incident report / Affected: ~300 trackers / Since: 06:00": the heading says it reports a fault.
      !words.has('reportHeading', heading) &&
      !changeOnSim &&
      !quantityOrdered
    )
      return { kind: 'request', type: 'information_request' };
    // "We want to order new SIMs: 150 pcs… our PO number must be on the invoice": an order naming its invoice.
    // "Quiero pedir una segunda SIM … con la misma tarifa que tengo": SIMs ordered, the tariff named only as theirs.
    const same = words.find('samePlan', folded);
    const simsOrdered =
      ordered &&
      !question &&
      words
        .find('informationRequest', folded)
        .every((m) => same.some((p) => p.start <= m.start && m.end <= p.end));
    if (
      classified &&
      // "…las facturas de marzo? … Y otra cosa: ¿cómo va el pedido…?": the "cómo" of the status asked beside the
      // document asks how nothing is done.
      (!howTo || teamAsked || documentAskedApart) &&
      !changeOnSim &&
      !quantityOrdered &&
      !simsOrdered &&
      infoNamed &&
      // "¿Cuántos datos al mes incluye mi tarifa del router?": the article answers it; "¿nos lo podéis enviar?", "we
      // need your coverage documentation" ask for the document all the same.
      !(
        question &&
        !words.has('sendUs', folded) &&
        !words.has('orderNeed', folded) &&
        (articleMatch()?.score ?? 0) >= STRONG_MATCH
      ) &&
      !(documentImagined && (articleMatch()?.score ?? 0) >= CLEAR_MATCH) &&
      // "suspend the sim on it NOW pls, before someone runs up a bill": a change asked for, not a question.
      !(words.has('serviceRequest', folded) && !question) &&
      // "vale, lo busco en la documentación 👌": an answer taken, the document named only as where they will look.
      !(
        words.leading('yes', folded) !== undefined &&
        !question &&
        !words.has('sendUs', folded) &&
        !words.has('orderNeed', folded)
      ) &&
      (infoAsked || !question || (articleMatch()?.score ?? 0) < CLEAR_MATCH)
    )
      return { kind: 'request', type: 'information_request' };
    // "Quería pedir que la SIM …068 pase al plan IoT Data SMS": asking for a change on a SIM is no order.
    // "Before we sign the purchase order, which APN must the integrator configure?": a question an article answers
    // clearly, with no quantity ordered, is answered.
    const answered = question && (articleMatch()?.score ?? 0) >= CLEAR_MATCH;
    // "Will the box still work over there, or do we need to buy a different card?": advice asked, nothing ordered.
    const whetherAsked = sentencesOf(text).some(
      (s) => (s.includes('?') || isQuestion(s, words)) && words.has('order', s) && words.has('askWhether', s),
    );
    // "mandame un sms de prueba al chip 076": something sent to a SIM they name, with no quantity — nothing ordered
    // (unless new ones are asked for on its plan: "con la misma tarifa que la 0100").
    const toOwnSim = namesASim(recognition) && !words.has('samePlan', folded);
    if (
      (quantityOrdered || (!asksWhatIsKnown && !answered && !whetherAsked && !toOwnSim)) &&
      !changeOnSim &&
      ordered
    )
      return { kind: 'request', type: 'order' };
    // "queremos 50 sims", "200 more SIM cards please", "ocupamos 50 chips", "could we get 100 more micro sims?":
    // a number of SIMs and nothing wrong is an order — whatever topic the classifier guessed when the customer
    // says they need them, asked as a question or not.
    const many = (entities.affected?.count ?? 0) > 1;
    const need = words.has('orderNeed', folded) || needOpens;
    const askedFor = needOpens;
    // "Can you look at three SIMs for me: 8946…019, 8946…027 and 8946…043" names SIMs there are: nothing ordered.
    if (
      many &&
      !onDocument &&
      (!question || askedFor) &&
      !namesASim(recognition) &&
      words.has('orderItem', folded) &&
      !words.has('serviceRequest', folded) &&
      (intent === 'unclear' || intent === 'other' || need)
    )
      return { kind: 'request', type: 'order' };
    // "Can you raise the data limit on 8946…043? … and how long does that usually take?": the change asked first is
    // the request; the question after it is about the change.
    // "…would it be possible to raise the allowance for individual SIMs if required? There is no issue at the moment —
    // this is purely for planning purposes": asked, not asked for.
    const planning = question && (words.has('noCaseWanted', folded) || words.has('justAsking', folded));
    if (
      classified &&
      !planning &&
      // "Good day. Please we need you to increase the data limit on the sim ending 0043… How do we go about it?": the
      // change asked of the SIM is the request; how it is done is the team's to tell.
      (!howTo || changeOfSimAsked) &&
      (words.has('serviceRequest', folded) || changeAsked)
    )
      return { kind: 'request', type: 'service_request' };
    // "Could you bump the data limit on …043?": a change asked for on a SIM they name is a service request.
    if (classified && !howTo && namesASim(recognition) && changeWordAsked(folded, words))
      return { kind: 'request', type: 'service_request' };
  }
  // "No tenemos ninguna incidencia abierta; es únicamente una solicitud de información para nuestra planificación": a
  // request for information that says it is one, with nothing wrong — whatever article a sentence of it resembles.
  // "Nothing is wrong today, for once. … Our documentation says one thing and an old email another. Which APN should
  // our metering SIMs use?": a document only told about beside a question an article answers clearly asks for nothing.
  // A letter's "Les agradeceríamos que nos enviaran la información por escrito" asks with no question mark: it asks
  // for the information the letter says it requests, not a question an article answers.
  const answeredBesideDocument =
    question &&
    /[?¿]/.test(text) &&
    (articleMatch()?.score ?? 0) >= CLEAR_MATCH &&
    (!sentencesOf(text).some((s) => /[?¿]/.test(s) && words.has('informationRequest', s)) ||
      documentImagined);
  if (
    !symptom &&
    !evidence &&
    !aboutACase &&
    !answeredBesideDocument &&
    words.has('nothingWrong', folded) &&
    words.has('informationRequest', folded)
  )
    return { kind: 'request', type: 'information_request' };
  if (neededAnswer) return { kind: 'howto', article: neededAnswer.article, score: neededAnswer.score };
  // "modem keeps asking for a pin", "el módem pide el PIN cada vez que arranca": told, not asked — but what it tells
  // is nothing wrong on the network: an article on a topic of its own (not data, SMS, voice or CSD) that matches it
  // strongly is the fix.
  if (!question && !symptom && !evidence && !aboutACase && !personAsked && !words.has('openCase', folded)) {
    const match = articleMatch();
    if (match && match.article.topic === 'other' && match.score >= STRONG_MATCH)
      return { kind: 'howto', article: match.article, score: match.score };
  }
  // "what are my open cases?" asks about cases, "can I talk to someone?" for a person: not how-tos. Asking what
  // to type ("what do I type for the APN? we keep getting ERROR") is a how-to even when it names the error —
  // unless the customer pasted the modem's output: that is evidence to troubleshoot.
  const asksInstruction = words.has('askInstruction', folded) && !evidence;
  const aboutCasesOrPerson =
    (intent === 'case_status' || intent === 'agent') && recognition.confidence >= SURE_ENOUGH;
  // "El router no conecta, la SIM es la 0100. Y aprovecho: ¿cómo se cambia el PIN?": a fault told apart, on a SIM
  // named, is a problem to check — the question is answered beside it.
  const faultApart = (): boolean =>
    namesASim(recognition) &&
    sentencesOf(text).some(
      (s) => !/[?¿]/.test(s) && !isQuestion(s, words) && words.has('symptom', reportedWords(s, words)),
    );
  // "Algunos equipos se quedan colgados pidiendo el PIN. ¿Cómo hago para que el módem no lo pida nunca más?": how to do
  // something asked about what went wrong, on no SIM named — an article on nothing on the network (the PIN) that
  // clearly answers it does. "Our trackers have no data, how do I check the signal?" stays a problem to check.
  const howToAboutIt = (): boolean => {
    const match = asksHowTo(text, words) && !faultApart() ? articleMatch() : undefined;
    return match !== undefined && match.article.topic === 'other' && match.score >= CLEAR_MATCH;
  };
  // "La SIM 043 ha llegado al data limit, en el dashboard pone overage. ¿Me lo podéis mirar?": a look asked for at a
  // SIM named is a check of it, not an article on what it tells.
  // "¿Y qué le pasa ahora, se corta del todo?" asks what happens: a clause opened by a question word asks no look.
  const checkAsked =
    namesASim(recognition) &&
    words.find('howTo', folded).length === 0 &&
    clausesOf(text).some(
      (clause) =>
        words.has('checkRequest', clause) &&
        words.leading('question', words.leading('connective', clause) ?? clause) === undefined,
    );
  if (question && !checkAsked && (!symptom || ((asksInstruction || howToAboutIt()) && !faultApart()))) {
    // "Do the SIMs work in Portugal?" is asked like "do they work abroad?" when nothing matches the country.
    const match = articleMatch();
    // "Are your agents around on Sundays?" names a person, "is anyone there on a Sunday night, in case
    // something breaks?" reads like a case question — both ask when: a clear match still answers them. "Do you
    // have someone on call on Sundays?" asks about a person without asking for one (no "talk to", "call me",
    // "pásame con"): any match answers it.
    const aboutAPerson = intent === 'agent' && !words.has('askPerson', folded);
    const clear =
      match &&
      (aboutAPerson || match.score >= CLEAR_MATCH) &&
      (intent === 'agent' || (intent === 'case_status' && entities.caseIds.length === 0));
    // "Is this automated? I want a human": a person asked for outside the question is the turn — in a phrase, or in a
    // sentence as short as a demand ("I'm not convinced there's a single human on your side on a Sunday night" only
    // mentions one).
    // "Mirá, no me pasés con la máquina, quiero hablar con una persona de carne y hueso, ¿se puede?": a person asked
    // for in words before the question tag is a demand too.
    const personDemanded =
      personAsked &&
      (asksForPersonInWords(words, text) ||
        sentencesOf(text).some((sentence) => {
          if (/[?¿]/.test(sentence)) return false;
          const asked = words.find('askPerson', sentence);
          return (
            asked.some((m) => m.end - m.start >= 2) ||
            (asked.length > 0 && messageWords(sentence).length <= DEMAND_WORDS)
          );
        }));
    // "…requires a written statement describing how SIM traffic data is stored on your network. Could you please provide
    // such a document?": a document or price asked for is the team's — a weak resemblance to an article does not answer.
    const documentWanted = words.has('informationRequest', folded) && (match?.score ?? 0) < CLEAR_MATCH;
    if (match && (!aboutCasesOrPerson || clear) && !personDemanded && !documentWanted)
      return { kind: 'howto', article: match.article, score: match.score };
  }
  if (intent !== 'agent' && !symptom && !aboutACase) {
    // "How much is a fixed IP?": a question about a price or an offer asks for information, never for a change.
    // "What happens if the plan has no SMS?" with no article to answer it: a question for the team, not a case.
    if (question && (whatIf || words.has('informationRequest', folded)))
      return { kind: 'request', type: 'information_request' };
    if (words.has('serviceRequest', folded)) return { kind: 'request', type: 'service_request' };
  }
  // "What does a reading of +CSQ: 99,99 actually mean on the modem?": output asked about, on no SIM and with nothing
  // told wrong — the article that explains it answers, and no case is opened.
  if (
    evidence &&
    question &&
    !namesASim(recognition) &&
    !words.has('symptom', reported) &&
    !words.has('stillBroken', reported) &&
    words.has('askMeaning', folded)
  ) {
    const match = articleMatch();
    if (match && match.score >= CLEAR_MATCH)
      return { kind: 'howto', article: match.article, score: match.score };
  }
  if (evidence) return { kind: 'problem', intent: evidenceIntent(recognition) };
  // "Fijate qué pasa con la 0043", "can you check 0043?": looking at a SIM they name is troubleshooting it.
  const unplaced = intent === 'other' || intent === 'unclear';
  if (unplaced && !aboutACase && namesASim(recognition) && words.has('checkRequest', folded))
    return { kind: 'problem', intent: evidenceIntent(recognition) };
  // A problem told in words the classifier did not place ("stopped talking to the head-end"), or took for a case
  // question it is unsure of, with no case named ("35 of our vans have disappeared off the tracking screen"): still a
  // problem ("¿cómo va mi incidencia?" is sure, and stays a case question).
  // "About 40 units went dark this morning. Please open a ticket for it": a case asked for, for a problem told.
  const placedAsCase =
    intent === 'case_status' &&
    !aboutACase &&
    (recognition.confidence < SURE_ENOUGH ||
      words.has('openCase', folded) ||
      words.has('outage', folded) ||
      // "…lleva desde el jueves sin mandar posiciones. El ICCID es el 8946 0700 …": a SIM named, no case.
      (namesASim(recognition) && entities.caseIds.length === 0) ||
      // "Aproximadamente 2.000 unidades … han dejado de reportar. Les rogamos nos indiquen el alcance de la
      // incidencia": a count of devices told broken, not asked about ("¿cómo va lo de los 300 que dejaron de…?").
      ((entities.affected?.count ?? 0) > 1 &&
        sentencesOf(text).some((s) => !/[?¿]/.test(s) && words.has('symptom', s))) ||
      // "El router no carga ninguna página desde ayer. En Mi cuenta pone Estado: Activada…": told, nothing asked.
      (!/[?¿]/.test(text) && entities.caseIds.length === 0 && !words.has('waitQuestion', folded)));
  // "I just want to know why the SIM ending 0043 has stopped. Can you manage that on your own?": the classifier's
  // "agent" with no person asked for in words is a problem told, like a topic it did not place.
  const personless = intent === 'agent' && !words.has('askPerson', folded);
  if (symptom && (intent === 'other' || intent === 'unclear' || placedAsCase || personless))
    return { kind: 'problem', intent: evidenceIntent(recognition) };
  // "Pues abrid un caso, que alguien me lo explique con números" about the SIM just looked up (or named): a case
  // asked for on a SIM is a problem to open on it, not the case list.
  if (placedAsCase && words.has('openCase', folded) && namesASim(recognition))
    return { kind: 'problem', intent: evidenceIntent(recognition) };
  // "And to confirm, that only works over 2G/3G, not on LTE-M — correct?": a question with nothing wrong in it,
  // no SIM or count to look at and no article that answers it goes to the team if the customer wants — an
  // incident is never opened for it on the topic alone.
  // Only a short question: a long message on a problem topic that no word list reads as a symptom is more
  // likely a problem told at length than a question.
  const nothingToCheck = !namesASim(recognition) && (entities.affected?.count ?? 0) === 0;
  // "Es para saber, ahorita todo funciona": only asking, however long the question.
  const short = folded.length <= SHORT_QUESTION_WORDS || words.has('justAsking', folded);
  if (question && short && !symptom && !aboutACase && nothingToCheck && isProblemIntent(intent))
    return { kind: 'ask_team' };
  // "hey is there an api we can pull sim usage from?": a question the classifier placed nowhere and no article
  // answers is for the team (offered), not small talk — unless it is as short as "how are you?". Long ones too: a
  // greeting before a long question ("Hello, can you tell me when my contract ends? …") is no small talk.
  if (
    question &&
    intent === 'other' &&
    !symptom &&
    !aboutACase &&
    nothingToCheck &&
    folded.length >= OTHER_QUESTION_MIN_WORDS &&
    !words.has('greeting', folded.slice(-3))
  )
    return { kind: 'ask_team' };
  // "nope, all fine, just wanted to know where they are", "Muy amable, con esto armo la presentación": the
  // classifier's "agent" on a "no" answer or a thank-you, with no person asked for in words and nothing wrong, is no
  // request for a person (the handoff policy's reading of "agent").
  if (
    intent === 'agent' &&
    !words.has('askPerson', folded) &&
    !symptom &&
    !namesASim(recognition) &&
    (words.yesNo(text) === false || words.has('thanks', folded))
  )
    return { kind: 'nothing' };
  // "so if I send one anyway it'll get through eventually?": the classifier's "agent" on a question that asks for no
  // person in words is a question for the team (offered), not a handoff.
  if (
    intent === 'agent' &&
    question &&
    !words.has('askPerson', folded) &&
    !asksForPersonInWords(words, text) &&
    !symptom &&
    !aboutACase &&
    !namesASim(recognition)
  )
    return { kind: 'ask_team' };
  // "sim 0043", "meter 0092", "hola, es la 8946…043": a SIM named and nothing else, as a chat's first line before the
  // problem. Its state is shown, and the SIM is the one the next message ("no data since yesterday") is about.
  // "hi, first time using this chat … the card inside has this printed on it: 8946 0700 0000 0000 035": a SIM named in
  // words no list reads, and nothing asked — the same: its state shown, the SIM kept for the next message.
  if (
    unplaced &&
    !symptom &&
    !aboutACase &&
    namesASim(recognition) &&
    (onlyNamesASim(folded, words) || (!isQuestion(text, words) && writesASim(recognition)))
  ) {
    const { iccids, msisdns, lastDigits, imsis } = entities;
    return { kind: 'fleet_question', refs: { iccids, msisdns, lastDigits, imsis } };
  }
  return { kind: 'route' };
}

/** A clause's words with each number left out, or read as `instead` ("la 0050 puede" → "la sim puede"). */
function withoutDigits(clause: readonly string[], instead?: string): string[] {
  return clause.flatMap((word) => (/^\d+$/.test(word) ? (instead === undefined ? [] : [instead]) : [word]));
}

/** At most this many words in a salutation ("Estimados, muy buenos días:", "Dear Support Team,"). */
/**
 * Whether every sentence that names SIMs or an order names a document first, with nothing needed before the SIMs:
 * "a copy of last month's invoice, the one with the 30 new SIMs on it", "la factura de las 30 SIM nuevas" ask for
 * the document — the SIMs on it order nothing. "We need a quote for 200 new SIMs" still needs SIMs.
 */
function simsOnDocument(text: string, words: Vocabulary): boolean {
  const naming = sentencesOf(text)
    .map((s) => messageWords(s))
    .filter((s) => words.has('order', s) || words.has('orderItem', s));
  return (
    naming.length > 0 &&
    naming.every((s) => {
      const first = Math.min(
        ...[...words.find('order', s), ...words.find('orderItem', s)].map((m) => m.start),
      );
      const before = s.slice(0, first);
      return words.has('informationRequest', before) && !words.has('orderNeed', before);
    })
  );
}

const SALUTATION_WORDS = 5;

/** The message without a salutation on a line of its own at its top ("Estimados, muy buenos días:\n\n…"). */
function withoutSalutation(text: string, words: Vocabulary): string {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim());
  const line = lines[first];
  if (first < 0 || line === undefined || first === lines.length - 1) return text;
  return onlyGreets(messageWords(line), words) ? lines.slice(first + 1).join('\n') : text;
}

/** A salutation alone: a greeting and polite words, nothing else. */
function onlyGreets(sentence: readonly string[], words: Vocabulary): boolean {
  return (
    sentence.length > 0 &&
    sentence.length <= SALUTATION_WORDS &&
    words.leading('greeting', sentence) !== undefined &&
    !words.has('serviceRequest', sentence) &&
    !words.has('symptom', sentence)
  );
}

/** A SIM's reference is written in the message itself (not only recalled from the turn before). */
function writesASim(recognition: Recognition): boolean {
  const { entities, text } = recognition;
  return (
    entities.iccids.some((iccid) => text.includes(iccid.raw)) ||
    entities.lastDigits.length + entities.msisdns.length > 0
  );
}

/**
 * At most this many words beside a SIM's reference, its noun, greetings and an earlier contact referred to: "it's
 * the one", "es la de".
 */
const BARE_REFERENCE_WORDS = 3;

/** The message is a SIM's reference — with a SIM or device noun, a greeting, filler — and nothing more. */
function onlyNamesASim(all: readonly string[], words: Vocabulary): boolean {
  const covered = new Set<number>();
  // "Hi, following up on yesterday's chat about SIM 0076": the earlier contact referred to is nothing new.
  for (const list of [
    'countedThings',
    'countFillers',
    'greeting',
    'politeness',
    'thanks',
    'earlierContact',
  ] as const)
    for (const m of words.find(list, all)) for (let k = m.start; k < m.end; k++) covered.add(k);
  return all.filter((w, k) => !covered.has(k) && !/\d/.test(w)).length <= BARE_REFERENCE_WORDS;
}

/** The clear article match for a need told as a statement ("I need the SMSC number"), if it is one. */
function needsWhatIsKnown(
  recognition: Recognition,
  kb: ActKnowledge,
): { article: ArticleFile; score: number } | undefined {
  const { text, entities } = recognition;
  const words = kb.vocabulary;
  const needed =
    (entities.affected?.count ?? 0) <= 1 &&
    clausesOf(text).some((clause) => {
      // "we need new SIMs with the right APN" needs SIMs; "I need the PIN of the new cards" needs the PIN.
      // "actually I only need the APN for the trackers": a connective before the need.
      const rest = words.leading('orderNeed', words.leading('connective', clause) ?? clause);
      const sims = [...words.find('order', rest ?? []), ...words.find('orderItem', rest ?? [])];
      return rest !== undefined && sims.every((m) => m.start > 2);
    }) &&
    !words.has('serviceRequest', text) &&
    !words.has('changeRequest', text);
  const match = needed ? kb.articles.match(text) : undefined;
  return match && match.score >= CLEAR_MATCH ? match : undefined;
}

/**
 * What the bot does with the rest of a message that also asked for the bot or a language ("back to the bot —
 * here's the SIM: 8946…084, gateway not reporting"): its act, when the rest asks something, names a SIM or tells
 * a problem. Undefined when the rest is more of the same ("forget that, I'll carry on with you"), asks for a
 * person, or is nothing the bot acts on.
 */
export function actBesideMeta(rest: Recognition, kb: ActKnowledge): MessageAct | undefined {
  const words = kb.vocabulary;
  const act = readMessageAct(rest, kb);
  if (act.kind === 'back_to_bot' || act.kind === 'switch_language' || act.kind === 'nothing')
    return undefined;
  const told =
    isQuestion(rest.text, words) ||
    namesASim(rest) ||
    rest.entities.modem.length > 0 ||
    words.has('symptom', reportedWords(rest.text, words));
  if (!told && (act.kind === 'route' || act.kind === 'problem')) return undefined;
  if (act.kind === 'route' && !isProblemIntent(rest.intent)) return undefined;
  return act;
}

/**
 * A change asked for in a sentence of its own beside a question about SIMs ("Which of our SIMs have hit their data
 * limit? Raise it on all of them, please", "What plan is 0068 on? … so please move it to IoT Data SMS"). "I was sure
 * we had three switched off" tells what they believed: a change is asked for, politely or as an order.
 */
function changeAskedApart(text: string, words: Vocabulary, besideQuestion = false): boolean {
  return sentencesOf(text).some((s) => {
    if (words.has('fleetQuestion', s)) return false;
    // "1. How many of our SIMs are on IoT Connect EU? 2. Any of them deactivated?": a state asked about, no change.
    if (/[?¿]/.test(s) && !words.has('serviceRequest', s) && !changeWordAsked(messageWords(s), words, true))
      return false;
    const asked = messageWords(s);
    const opener = words.leading('politeness', asked) ?? asked;
    return (
      (words.has('serviceRequest', s) || words.has('changeRequest', s)) &&
      (/[?¿]/.test(s) ||
        words.has('politeness', s) ||
        words.has('politeAsk', s) ||
        words.leading('serviceRequest', opener) !== undefined ||
        words.leading('changeRequest', opener) !== undefined ||
        // "Quiero cambiarme a un plan que tenga SMS": wanted — not beside a question about a SIM named: "can the SIM
        // ending 0068 send SMS? we want to put it in an alarm panel" tells what it is for.
        (!besideQuestion && words.leading('orderNeed', opener) !== undefined))
    );
  });
}

/**
 * A problem told beside the question a message asks, about a SIM it names ("The EV charger on SIM 0076 can't place its
 * voice call, and which of your plans include voice anyway?", "Our SIM …092 has had no session for two days now. Also,
 * which APN should it be on?"): a part that asks nothing and tells something wrong. Its service, to troubleshoot after
 * the answer; undefined when no part tells one.
 */
export function problemBeside(recognition: Recognition, kb: ActKnowledge): ProblemIntent | undefined {
  const words = kb.vocabulary;
  if (!namesASim(recognition)) return undefined;
  const parts = sentencesOf(recognition.text).flatMap((sentence) =>
    /[?¿]/.test(sentence) ? sentence.split(/,\s+|\s+[-—–]\s+/).slice(0, -1) : [sentence],
  );
  const told = parts.some((part) => {
    if (/[?¿]/.test(part)) return false;
    const folded = messageWords(part);
    if (
      (['question', 'askWhether', 'politeAsk'] as const).some(
        (list) => words.leading(list, folded) !== undefined,
      )
    )
      return false;
    return tellsSymptom(withoutQuestionTag(reportedWords(part, words), words), folded, words);
  });
  if (!told) return undefined;
  return isProblemIntent(recognition.intent) ? recognition.intent : evidenceIntent(recognition);
}

/**
 * SIMs ordered in a sentence of its own that asks nothing ("Is SIM 0019 still active? And separately, I need to order
 * 200 nano SIMs for the new trucks"): an order word, what is ordered, and more than one of them.
 */
function orderedApart(text: string, words: Vocabulary, entities: Recognition['entities']): boolean {
  return (
    (entities.affected?.count ?? 0) > 1 &&
    sentencesOf(text).some(
      (s) =>
        !/[?¿]/.test(s) && words.has('order', s) && words.has('orderItem', s) && !words.has('negation', s),
    )
  );
}

/**
 * A question of its own beside what the message is about — a sentence that asks, tells nothing wrong, is not part of
 * the act itself (`partOfAct`) and an article answers clearly: "What happens when a SIM goes over its data — cut off
 * or slowed down? Because truck 9 (sim ending 0043) has been dead since yesterday", "…please close the case. And what
 * are your support hours?", "¿podéis revisar la factura? Y otra cosa, ¿en qué países pueden hacer roaming?".
 */
export function questionBeside(
  recognition: Recognition,
  kb: ActKnowledge,
  partOfAct: (sentence: string) => boolean = () => false,
): ArticleFile | undefined {
  const words = kb.vocabulary;
  // "me devuelve +CSQ: 99,99, ¿eso qué significa?": what the output means is told where it is read — a question of
  // its own beside the output ("+CPIN: SIM PIN … ¿Qué PIN tiene la SIM y cómo lo desactivo?") is answered.
  const evidence = recognition.entities.modem.length > 0;
  for (const sentence of sentencesOf(recognition.text)) {
    if (!/[?¿]/.test(sentence) || partOfAct(sentence)) continue;
    // Beside the output, only how to do something is a question of its own ("Signal is fine, so why is it being
    // refused?" asks about the output).
    if (evidence && (/[+:]/.test(sentence) || !words.has('howTo', sentence))) continue;
    // "…when a SIM goes over its data — is it cut off?" imagines the cut-off: nothing wrong is told in it.
    const reported = reportedWords(sentence, words);
    if (words.has('symptom', reported) || words.has('stillBroken', reported)) continue;
    const match = kb.articles.match(sentence);
    if (match && match.score >= CLEAR_MATCH) return match.article;
  }
  return undefined;
}

/** At least this many words after an asking phrase with no question mark make a question to match on its own. */
const ASKED_AFTER_WORDS = 3;

/** The article that answers a question — "do the SIMs work in Portugal?" is asked like "do they work abroad?". */
function articleFor(recognition: Recognition, kb: ActKnowledge): ReturnType<ArticleIndex['match']> {
  const { entities } = recognition;
  // "Dear Support Team,\n\n…": whom a letter is addressed to asks nothing (no question about the team's hours).
  const text = withoutSalutation(recognition.text, kb.vocabulary);
  // "Me voy un mes a Oporto con el router. ¿Funcionará allí con la misma tarjeta? No quiero sorpresas en la factura":
  // the sentence that asks, read on its own too — the story around it dilutes the match.
  // "Need: / - the exact AT command to set the APN / - how to verify it took": a line asking for an instruction too.
  const asking = sentencesOf(text).filter((s) => /[?¿]/.test(s) || kb.vocabulary.has('askInstruction', s));
  // "…y mi jefe, que es de los que quiere saberlo todo, me ha pedido que averigüe en qué países funcionan vuestras SIM",
  // "…should be grateful if you would set out how the APN is to be configured": asked with no question mark, the
  // words after the asking phrase are the question — the story before it in the sentence only dilutes it.
  const askedAfter = sentencesOf(text).flatMap((s) => {
    const folded = messageWords(s);
    const end = Math.max(
      0,
      ...[...kb.vocabulary.find('politeAsk', folded), ...kb.vocabulary.find('relayedQuestion', folded)].map(
        (m) => m.end,
      ),
    );
    const after = end > 0 ? afterWords(s, end).trim() : '';
    return messageWords(after).length >= ASKED_AFTER_WORDS ? [after] : [];
  });
  const texts =
    asking.length > 1 || (asking.length === 1 && asking[0]?.trim() !== text.trim())
      ? [text, ...asking, ...askedAfter]
      : [text, ...askedAfter];
  let best: ReturnType<ArticleIndex['match']>;
  for (const candidate of texts) {
    const asked = kb.articles.match(candidate);
    // With a country named, the question read as one about going abroad, when that answers it better ("will the
    // router SIM work in Spain? heading off on holiday" is no question about opening hours).
    const abroad =
      entities.countries.length + (entities.places?.length ?? 0) > 0
        ? kb.articles.match(`${candidate} ${kb.vocabulary.phrases('abroad').join(' ')}`)
        : undefined;
    const match = abroad && (!asked || abroad.score > asked.score) ? abroad : asked;
    if (match && (!best || match.score > best.score)) best = match;
  }
  return best;
}

/**
 * The message names a SIM, a device (IMEI), a case or pasted modem output: about something of theirs, no question
 * about the plans in general.
 */
function namesADeviceOrCase(recognition: Recognition): boolean {
  const { imeis, caseIds, modem } = recognition.entities;
  return namesASim(recognition) || imeis.length + caseIds.length + modem.length > 0;
}

/**
 * The fleet named only where nothing is asked of it: every sentence with a fleet question's words imagines a case ("What
 * happens if any of our SIMs goes over the limit?") or, beside a document asked for elsewhere, tells ("Necesito un
 * informe del consumo … Vemos que algunos equipos van lentísimos … ¿Me lo pueden preparar?"). A fleet question written
 * across lines (a table) is none of these.
 */
function fleetOnlyTold(text: string, words: Vocabulary): boolean {
  const fleet = sentencesOf(text).filter((s) => words.has('fleetQuestion', withoutNumbers(messageWords(s))));
  return (
    fleet.length > 0 &&
    fleet.every(
      (s) =>
        asksWhatIf(s, words) ||
        (/[?¿]/.test(text) &&
          words.has('informationRequest', text) &&
          !/[?¿]/.test(s) &&
          !isQuestion(s, words) &&
          !words.has('askList', s) &&
          // "…y necesito saber qué SIM de las nuestras no tienen sesión": a question opener inside the sentence asks.
          !words.find('question', messageWords(s)).some((m) => m.end - m.start >= 2)),
    )
  );
}

/** The message names a SIM (ICCID, phone number, IMSI or last digits). */
export function namesASim(recognition: Recognition): boolean {
  // "We need the SIM with IMSI 240071000015857 switched back on": an IMSI names one SIM as well.
  const { iccids, msisdns, lastDigits, imsis } = recognition.entities;
  return iccids.length + msisdns.length + lastDigits.length + imsis.length > 0;
}

/**
 * The words a message reports (its {@link reportedWords}) tell a problem — "…is it cut off or just slowed down? No issue
 * right now, just planning" reports nothing, whatever it imagines.
 */
function tellsSymptom(reported: readonly string[], folded: readonly string[], words: Vocabulary): boolean {
  return (
    (words.has('symptom', reported) || words.has('stillBroken', reported)) &&
    !words.has('nothingWrong', folded)
  );
}

/** The message also answers something or names a SIM or case: more than a request to switch language. */
function hasAnswerOrReference(recognition: Recognition, words: Vocabulary): boolean {
  const { entities, text } = recognition;
  return (
    namesASim(recognition) ||
    entities.caseIds.length > 0 ||
    words.answer(text) !== undefined ||
    words.has('closeCase', text)
  );
}

/**
 * The service a problem is about when the classifier did not say: pasted output decides first (an SMS error
 * is SMS, NO CARRIER is CSD — or voice when voice is the one service named: a voice call dialled with ATD ends
 * the same way —, a PDP cause, attach or data context is data); then the one service the message names in words;
 * else the message's own best guess among data, SMS and voice (a modem is not CSD by itself), and data — most
 * problems are — otherwise.
 */
export function evidenceIntent(recognition: Recognition): ProblemIntent {
  const kinds = recognition.entities.modem.map((e) => e.kind);
  const named = namedService(recognition.entities.services);
  if (kinds.includes('cms')) return 'sms';
  if (kinds.includes('no_carrier')) return named === 'voice' ? 'voice' : 'csd';
  if (kinds.some((k) => k === 'pdp_cause' || k === 'cgatt' || k === 'cgdcont')) return 'data';
  if (named) return named;
  const topic: Intent | 'unclear' =
    recognition.intent === 'unclear' ? recognition.top.intent : recognition.intent;
  return topic === 'sms' || topic === 'voice' ? topic : 'data';
}

/**
 * The reported words without a question tag ending the message ("…that's the right one for your SIMs, isn't it?"):
 * asking for agreement reports nothing wrong. Gaps (left-out words) after it do not count.
 */
function withoutQuestionTag(reported: readonly string[], words: Vocabulary): string[] {
  let end = reported.length;
  while (end > 0 && reported[end - 1] === '') end -= 1;
  const tag = words.find('questionTag', reported.slice(0, end)).find((m) => m.end === end);
  return tag ? reported.slice(0, tag.start) : [...reported];
}

/** The words without the numbers among them ("cuántas de nuestras 8 SIM" → "cuántas de nuestras SIM"). */
function withoutNumbers(words: readonly string[]): string[] {
  return words.filter((w) => !/^\d+$/.test(w));
}
