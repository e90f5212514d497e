/**
 * The prose around an APN name, from the word files' `apn` (every language at once), folded: words that
 * follow "APN" but are not names ("the APN is wrong"), and words between "APN" and its name ("the APN is
 * set to x", "APN configurado como x").
 */
export interface ApnWords {
  notAName: ReadonlySet<string>;
  linking: ReadonlySet<string>;
}

const CGDCONT = /AT\+CGDCONT\s*=\s*\d+\s*,\s*"[^"]*"\s*,\s*"([^"]*)"/gi;
const QUOTED_AFTER_APN = /\bAPN\b[^"'“”\n]{0,30}["'“]([A-Za-z0-9][\w.-]*)["'”]/gi;
const WORDS_AFTER_APN = /\bAPNs?\b\s*[:=]?\s*((?:[^\s,;!?()"'“”]+\s*){1,4})/gi;

function cleanName(word: string): string {
  return word.replace(/^[:=]+/, '').replace(/[.:=]+$/, '');
}

function isApnName(words: ApnWords, word: string): boolean {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(word)) return false;
  if (/^\d+$/.test(word)) return false;
  return !words.notAName.has(word.toLowerCase());
}

/** APN names as the customer wrote them: after the word APN, quoted, or inside AT+CGDCONT. */
export function extractApns(text: string, apnWords: ApnWords): string[] {
  const out: string[] = [];
  const add = (name: string): void => {
    if (name && !out.some((o) => o.toLowerCase() === name.toLowerCase())) out.push(name);
  };
  for (const m of text.matchAll(CGDCONT)) add(m[1] ?? '');
  for (const m of text.matchAll(QUOTED_AFTER_APN)) add(cleanName(m[1] ?? ''));
  for (const m of text.matchAll(WORDS_AFTER_APN)) {
    const words = (m[1] ?? '').trim().split(/\s+/).map(cleanName);
    // The name is the first word that is not prose; a dotted host name is accepted anywhere in the window.
    for (const word of words) {
      const lower = word.toLowerCase();
      if (apnWords.linking.has(lower)) continue;
      if (isApnName(apnWords, word) && /^[a-z][\w.-]*$/i.test(word)) add(word);
      break;
    }
  }
  return out;
}
