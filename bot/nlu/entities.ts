import type { Lang } from '../domain/language.js';
import type { Entities } from './types.js';
import { foldText } from './normalize.js';
import { extractAffected, labelledCount } from './entities/affected.js';
import { extractApns } from './entities/apn.js';
import type { EntityWords } from './entities/entityWords.js';
import { extractIdentifiers } from './entities/identifiers.js';
import { extractModemEvidence } from './entities/modem.js';

/**
 * Extract every entity Firstline understands from one customer message (either language), normalised:
 * identifiers (ICCID with Luhn flag, MSISDN as '+…', IMSI, IMEI), last-digit references, APNs, countries
 * (ISO alpha-2, from the knowledge's country names), the affected count (what is counted is knowledge too),
 * case ids, pasted or read-out modem evidence and the services named in words. `lang`, the message's language
 * when known, is the one a number after a SIM noun is dictated in ("sim nineteen", but not "a SIM once it…").
 */
export function extractEntities(text: string, words: EntityWords, lang?: Lang): Entities {
  const folded = foldText(text);
  // The SIMs a message names are in the customer's words, not in the signature under them.
  const unsigned = words.unsigned(text);
  const found = extractIdentifiers(unsigned, words.phone);
  // "Meters with 2+ consecutive missed reads: 27" (a forwarded alert) when no count reads in the prose.
  const affected = extractAffected(folded, words.counts) ?? labelledCount(folded, words.counts);
  // "8946 0700 0000 0000 050": the groups of an ICCID written in groups are no SIMs' last digits.
  const outsideIccids = found.iccids.reduce(
    (t, iccid) => t.replace(foldText(iccid.raw), ' '),
    unsigned === text ? folded : foldText(unsigned),
  );
  const suffixes = words.suffixes.simSuffixes(outsideIccids, affected?.count, lang);
  // "SIM 0005 — sorry, 0050": the reference taken back is not a SIM the message names.
  const takenBack = words.takenBack(folded, [
    ...found.iccids.map((i) => foldText(i.raw)),
    ...found.msisdns.map((m) => m.slice(1)),
    ...suffixes,
  ]);
  const identifiers =
    takenBack.size === 0
      ? found
      : {
          ...found,
          iccids: found.iccids.filter((i) => !takenBack.has(foldText(i.raw))),
          msisdns: found.msisdns.filter((m) => !takenBack.has(m.slice(1))),
        };
  return {
    ...identifiers,
    lastDigits: suffixes.filter((d) => !takenBack.has(d)),
    apns: extractApns(text, words.apn),
    // "…registered in England and Wales", "Acme Logistics, Göteborg, Sweden" under the sign-off: the sender's, not the SIMs'.
    countries: words.countries.find(unsigned),
    places: words.countries.placesIn(unsigned),
    ...(affected ? { affected } : {}),
    caseIds: words.caseIds.find(text),
    modem: extractModemEvidence(text, words.modem),
    // "…told your colleague it was on the Data SMS plan … it's the data only one … nothing SMS works": a plan's name
    // names no service of the customer's.
    services: words.services.named(words.withoutPlans(text) ?? text),
  };
}
