import { readMessageAct, namesASim, type ActKnowledge } from './messageAct.js';
import { luhnValid } from './luhn.js';
import { isProblemIntent, type IccidEntity, type Recognition } from './types.js';
import { messageWords } from './words/vocabulary.js';

/** A number of three to six digits on its own (not part of a longer number, a phone number or a time). */
const BARE_NUMBER = /(?<![\d+:.,])\d{3,6}(?![\d:.,]\d)/g;

/**
 * "Is SIM 0043 active?" — answered — then "¿y por qué no tiene datos esa SIM?": a message that names no SIM, counts
 * nothing and points at no other SIM ("the other one", the `otherSim` list) is about the SIMs the last turn
 * answered on, when reading it so makes it a problem to check, a change asked for on them or a question about those
 * SIMs. Otherwise the
 * recognition is returned as it was.
 *
 * @param inContext - ICCIDs of the SIMs the last turn answered about (the profile's `simsInContext`).
 */
export function withSimsInContext(
  recognition: Recognition,
  inContext: readonly string[] | undefined,
  kb: ActKnowledge,
): Recognition {
  if (!inContext?.length || namesASim(recognition)) return recognition;
  // "Ah, 035! That one's back in service in a van now and has no data": a bare number that ends exactly one of the
  // SIMs listed names that SIM.
  const endings = [...recognition.text.matchAll(BARE_NUMBER)].map((m) => m[0]);
  const pointed = inContext.filter((iccid) => endings.some((e) => iccid.endsWith(e)));
  if (endings.length === 1 && pointed.length === 1 && pointed[0]) {
    const named = pointed[0];
    const { affected: _counted, ...entities } = recognition.entities;
    return {
      ...recognition,
      entities: { ...entities, iccids: [iccidEntity(named)] },
    };
  }
  if (recognition.entities.affected) return recognition;
  if (kb.vocabulary.has('otherSim', messageWords(recognition.text))) return recognition;
  const recalled: Recognition = {
    ...recognition,
    entities: {
      ...recognition.entities,
      iccids: inContext.map(iccidEntity),
    },
  };
  const act = readMessageAct(recalled, kb);
  // "¿Y por qué ese plan no lleva voz?" after the one SIM on IoT Data Only was listed: a question about its plan, with
  // nothing told wrong, is no check of the SIM ("¿y por qué no tiene datos esa SIM?" tells what is wrong).
  const words = messageWords(recognition.text);
  const aboutPlanOnly = kb.vocabulary.has('planNoun', words) && !kb.vocabulary.has('symptom', words);
  // "Raise the limit on that one please" after the one SIM over its limit was listed: the change is on that SIM.
  const useful =
    act.kind === 'problem' ||
    (act.kind === 'request' && act.type === 'service_request') ||
    (act.kind === 'fleet_question' && act.refs !== undefined) ||
    (act.kind === 'route' && isProblemIntent(recognition.intent) && !aboutPlanOnly);
  return useful ? recalled : recognition;
}

/** A SIM in context as the ICCID entity a message naming it would carry. */
function iccidEntity(value: string): IccidEntity {
  return { value, valid: luhnValid(value), raw: value };
}
