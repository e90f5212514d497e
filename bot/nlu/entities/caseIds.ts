// "CS-12345", "cs 12345", "CS12345"; or a 4–8 digit number right after a word for case/ticket
// ("case 12345", "caso nº 12345", "ticket #12345"). Longer numbers after "case" are SIM identifiers, not cases.
const PREFIXED = /\bcs[\s\-_#]?(\d{4,8})(?!\d)/gi;
const WORDED =
  /\b(?:case|caso|ticket|incidencia|incident|solicitud)\s*(?:id|number|numero|número|no\.?|nº|n°|n\.?º|#)?\s*[:#]?\s*(\d{4,8})(?![\d\s-]*\d{6})(?!\d)/gi;

/** Case ids, normalised to 'CS-<digits>' upper case. */
export function extractCaseIds(text: string): string[] {
  const out: string[] = [];
  for (const pattern of [PREFIXED, WORDED]) {
    for (const match of text.matchAll(pattern)) {
      const id = `CS-${match[1]}`;
      if (!out.includes(id)) out.push(id);
    }
  }
  return out;
}
