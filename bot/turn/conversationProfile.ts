import type { PlanQuestion } from '../nlu/planQuestion.js';
import type { Lang } from '../domain/language.js';

/** What Firstline remembers about one conversation besides the dialog stack. */
export interface ConversationProfile {
  lang: Lang;
  /** The customer chose a language explicitly (widget switch, "in English please"): stop auto-detecting. */
  langPinned?: boolean;
  /** The language was set (greeting, channel locale or a message): until then the channel's locale decides. */
  langKnown?: boolean;
  /** Consecutive messages the bot did not understand. */
  misunderstandings: number;
  /** The case this conversation is working on. */
  caseId?: string;
  /**
   * The article answered last: a follow-up question without its words ("¿y cómo lo configuro en el módem?" after
   * the APN article) is read with that article's keywords.
   */
  lastArticleId?: string;
  /**
   * The modem command whose answer the last turn's article asked for (its `reading`): a bare "99,99" in the next
   * message is that command's output. Kept for one turn only.
   */
  readingAsked?: string;
  /**
   * The article the last turn answered: a bare language request next ("en castellano, por favor") asks for it again
   * in that language. Kept for one turn only.
   */
  articleAnswered?: string;
  /**
   * The SIMs the last turn answered about without a case ("is 0043 active?"): the next message's "why has it no
   * data?" is about them. Kept for one turn only.
   */
  simsInContext?: string[];
  /**
   * The question about a plan the last turn answered ("what's the data limit on IoT Data Only?"): the next short
   * question naming none ("how much data per month does it allow?") is about that plan, one naming only another plan
   * ("¿y el de IoT Data SMS?") asks it the same. Kept for one turn only.
   */
  planInContext?: PlanQuestion;
  /**
   * The last turn listed the customer's SIMs for a fleet question: a short "and the ones abroad?", "¿y desactivadas?"
   * next asks the same with another filter. Kept for one turn only.
   */
  fleetListed?: boolean;
  /**
   * The request (information, service, order) sent to the team in the last turn: the next message that tells more
   * without a problem or a question ("it's for all our active SIMs, not just one") goes on it. Kept for one turn.
   */
  requestSent?: string;
  /**
   * The customer's last message when the bot did not understand it ("si me paso de los gigas del mes"): the next
   * short message is read together with it ("¿me cortan?"). Kept for one turn only.
   */
  fragment?: string;
  /**
   * The customer took their case back from the queue ("back to the bot, I won't wait"): checks that end unresolved
   * leave the case open with the bot instead of queuing it again — until they ask for a person.
   */
  personDeclined?: boolean;
  /** First contact of this conversation already counted for the statistics. */
  contactLogged?: boolean;
}

export const PROFILE_PROPERTY = 'firstlineProfile';

/** A new conversation's profile, in `lang` (the knowledge's default language until the customer shows theirs). */
export function defaultProfile(lang: Lang): ConversationProfile {
  return { lang, misunderstandings: 0 };
}
