import type { Lang } from '../domain/language.js';

/** Intent ids: the contract between the NLU data, the dialogs and the knowledge files. */
export const INTENTS = ['data', 'sms', 'voice', 'csd', 'case_status', 'agent', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

/** The intents that report a problem with a service (the troubleshooting flows' and the case categories' names). */
export const PROBLEM_INTENTS = ['data', 'sms', 'voice', 'csd'] as const satisfies readonly Intent[];
export type ProblemIntent = (typeof PROBLEM_INTENTS)[number];

/** Whether `intent` reports a problem with a service. */
export function isProblemIntent(intent: string): intent is ProblemIntent {
  return (PROBLEM_INTENTS as readonly string[]).includes(intent);
}

/** Short conversational acts the dialogs react to, recognised apart from the intents. */
export const SMALL_TALK = ['greeting', 'thanks', 'yes', 'no', 'help', 'cancel', 'restart'] as const;
export type SmallTalk = (typeof SMALL_TALK)[number];

export interface IccidEntity {
  /** Digits only. */
  value: string;
  /** Luhn check digit correct. */
  valid: boolean;
  /** As written in the message. */
  raw: string;
}

export interface ModemEvidence {
  /**
   * e.g. `{ kind: 'cme', code: 10 }`, `{ kind: 'creg', command: 'CEREG', n: 0, stat: 3 }`, `{ kind: 'csq', rssi: 7,
   * ber: 99 }`, `{ kind: 'no_carrier' }`, `{ kind: 'pdp_cause', code: 33 }`, `{ kind: 'cgatt', state: 0 }`,
   * `{ kind: 'cgdcont', cid: 1, pdpType: 'IP', apn: 'internet' }`, `{ kind: 'cpin', status: 'SIM PIN' }`, `{ kind: 'csca', smsc: '' }`
   */
  kind: 'cme' | 'cms' | 'creg' | 'csq' | 'no_carrier' | 'pdp_cause' | 'cgatt' | 'cgdcont' | 'cpin' | 'csca';
  code?: number;
  command?: 'CREG' | 'CGREG' | 'CEREG';
  n?: number;
  stat?: number;
  rssi?: number;
  ber?: number;
  /** `+CGATT`: 1 attached to packet data, 0 detached. */
  state?: number;
  /** `+CGDCONT`: context id, PDP type and APN. */
  cid?: number;
  pdpType?: string;
  apn?: string;
  /** `+CPIN`: READY, SIM PIN, SIM PUK, NOT INSERTED… */
  status?: string;
  /** `+CSCA`: the SMS centre number the modem uses ('' when none is set). */
  smsc?: string;
  raw: string;
}

/** Everything the entity extractor found in one message, normalised. */
export interface Entities {
  iccids: IccidEntity[];
  /** E.164 with leading '+'. */
  msisdns: string[];
  imsis: string[];
  imeis: { value: string; valid: boolean }[];
  /** "SIM ending in 4471" → '4471'. */
  lastDigits: string[];
  apns: string[];
  /** ISO 3166 alpha-2, upper case. */
  countries: string[];
  /** The countries of cities and regions named ("Oporto" → PT): where a device goes, never a fleet filter. */
  places?: string[];
  /** How many SIMs/devices are affected; `all: true` for "all of them". */
  affected?: {
    count?: number;
    all: boolean;
    approximate: boolean;
    /** "Y otros 12 contadores": the count is on top of the SIMs named. */
    besidesNamed?: boolean;
  };
  /** 'CS-12345' normalised upper case. */
  caseIds: string[];
  modem: ModemEvidence[];
  /** The services the message names in words ("alarm texts" → sms); empty when it names none. */
  services: ProblemIntent[];
}

export interface IntentScore {
  intent: Intent;
  confidence: number;
}

/** The result of understanding one message. */
export interface Recognition {
  text: string;
  lang: Lang;
  /** `unclear` when the best score is under the threshold. */
  intent: Intent | 'unclear';
  confidence: number;
  /** Best intent even when `intent` is `unclear`, and the runner-up. */
  top: IntentScore;
  runnerUp?: IntentScore;
  smallTalk?: SmallTalk;
  /** The message only asks whether the chat works ("hello? is this working?"): a greeting, nothing more. */
  aboutChat?: true;
  entities: Entities;
}

/** What the knowledge's language identifier said about a message, when the caller asked it already. */
export interface LanguageIdentification {
  /** `LanguageIdentifier.identify(text)`: undefined when the message shows no clear language. */
  lang: Lang | undefined;
}

/** What dialogs depend on. */
export interface Recognizer {
  /**
   * `lang`: the conversation's last clear language, kept for messages that show none ("ok", "0043").
   * `identified`: the message's language as the current knowledge identifies it, when the caller has it
   * (the bot identifies every message before recognising it): the recogniser does not identify it again.
   */
  recognize(text: string, lang?: Lang, identified?: LanguageIdentification): Recognition;
}
