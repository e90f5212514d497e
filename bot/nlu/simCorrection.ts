import type { SimReferences } from '../connectivity/simLookup.js';
import type { Recognition } from './types.js';
import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** How far before the last mention of the SIM checked a claim ("la mía termina en") is read. */
const CLAIM_WORDS = 4;

/**
 * "Sorry, my mistake — 0068 is fine, truck 14 is the one ending 0076", "Perdona, me he liado: es la que acaba en
 * 0035": while one SIM is being checked, the customer takes it back (the `takeBack` list) and names another — or, checks
 * going on without a SIM, names one. Returns
 * the references to the SIMs not being checked — the ones meant — or undefined when nothing is taken back or every
 * SIM named is already being checked ("sorry, 0068 again"). Phone numbers count through `numbered`: the ICCIDs of
 * the organisation's SIMs the message's numbers name ("that's the old panel's number. The one that's down is +4670…035").
 */
export function correctedSims(
  words: Vocabulary,
  recognition: Recognition,
  checked: readonly string[],
  numbered: readonly string[] = [],
): SimReferences | undefined {
  // Checked without a SIM (none found, or skipped): a SIM named now is the one meant ("Typo again, sorry: 8946…027").
  if (checked.length > 0 && !words.has('takeBack', recognition.text)) return undefined;
  const { iccids, lastDigits } = recognition.entities;
  const otherIccids = [
    ...iccids.filter((i) => i.valid && !checked.includes(i.value)),
    ...numbered
      .filter((iccid) => !checked.includes(iccid) && !iccids.some((i) => i.value === iccid))
      .map((value) => ({ value, valid: true, raw: value })),
  ];
  const otherDigits = lastDigits.filter((d) => !checked.some((iccid) => iccid.endsWith(d)));
  if (otherIccids.length + otherDigits.length === 0) return undefined;
  // "La sim es 8946…019… ay no espera, esa es la de mi hermano, la mía termina en 0100": the SIM checked, named
  // last and claimed as theirs, is the one meant — the other was the one taken back.
  const at = (raw: string): number => recognition.text.lastIndexOf(raw);
  const lastOther = Math.max(...otherIccids.map((i) => at(i.raw)), ...otherDigits.map(at));
  const lastChecked = Math.max(
    -1,
    ...iccids.filter((i) => checked.includes(i.value)).map((i) => at(i.raw)),
    ...lastDigits.filter((d) => checked.some((iccid) => iccid.endsWith(d))).map(at),
  );
  // Claimed as theirs just before ("la mía termina en"): not "sorry, it's 0076, not 0068", nor "0019 va perfectamente".
  const before = messageWords(recognition.text.slice(0, lastChecked)).slice(-CLAIM_WORDS);
  if (lastChecked > lastOther && words.has('mine', before)) return undefined;
  return { iccids: otherIccids, msisdns: [], lastDigits: otherDigits };
}
