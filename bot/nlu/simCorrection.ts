import type { SimReferences } from '../connectivity/simLookup.js';
import type { Recognition } from './types.js';
import type { Vocabulary } from './words/vocabulary.js';

/**
 * "Sorry, my mistake — 0068 is fine, truck 14 is the one ending 0076", "Perdona, me he liado: es la que acaba en
 * 0035": while one SIM is being checked, the customer takes it back (the `takeBack` list) and names another. Returns
 * the references to the SIMs not being checked — the ones meant — or undefined when nothing is taken back or every
 * SIM named is already being checked ("sorry, 0068 again"). Phone numbers cannot be told apart from the SIMs checked
 * without a look-up, so only ICCIDs and last digits count.
 */
export function correctedSims(
  words: Vocabulary,
  recognition: Recognition,
  checked: readonly string[],
): SimReferences | undefined {
  if (checked.length === 0 || !words.has('takeBack', recognition.text)) return undefined;
  const { iccids, lastDigits } = recognition.entities;
  const otherIccids = iccids.filter((i) => i.valid && !checked.includes(i.value));
  const otherDigits = lastDigits.filter((d) => !checked.some((iccid) => iccid.endsWith(d)));
  if (otherIccids.length + otherDigits.length === 0) return undefined;
  return { iccids: otherIccids, msisdns: [], lastDigits: otherDigits };
}
