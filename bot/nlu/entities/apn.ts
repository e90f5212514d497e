// Words that follow "APN" in prose but are not APN names ("the APN is wrong", "el APN es incorrecto").
const NOT_A_NAME = new Set(
  `is es was are set to the el la a an name nombre de del on in en for para settings setting config configuration
  configuracion configurado configured configurada wrong incorrect incorrecto incorrecta correct correcto correcta
  problem problems problema problemas issue issues error errors mal bien missing change changed cambiar cambiado
  cambio use used uso usamos using usando we i you they it itself field value valor and y or o but pero that que
  which cual has have tiene tienen must should debe deberia right ok not no still sigue it's its been ya on of
  called llamado llamada named as como now ahora check revisar ver please favor here aqui there alli our my mi
  mis nuestro nuestra your su sus their settings ajustes works funciona works`
    .split(/\s+/)
    .filter(Boolean),
);

// Words between "APN" and its name ("the APN is set to x", "APN configurado como x"); anything else ends the search.
const LINKING = new Set(
  `is es was are set to the el la name nombre called llamado named as como now ahora configured configurado
  configurada configured: we use usamos used uso is: value valor field campo sigue still`
    .split(/\s+/)
    .filter(Boolean),
);

const CGDCONT = /AT\+CGDCONT\s*=\s*\d+\s*,\s*"[^"]*"\s*,\s*"([^"]*)"/gi;
const QUOTED_AFTER_APN = /\bAPN\b[^"'“”\n]{0,30}["'“]([A-Za-z0-9][\w.-]*)["'”]/gi;
const WORDS_AFTER_APN = /\bAPNs?\b\s*[:=]?\s*((?:[^\s,;!?()"'“”]+\s*){1,4})/gi;

function cleanName(word: string): string {
  return word.replace(/^[:=]+/, '').replace(/[.:=]+$/, '');
}

function isApnName(word: string): boolean {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(word)) return false;
  if (/^\d+$/.test(word)) return false;
  return !NOT_A_NAME.has(word.toLowerCase());
}

/** APN names as the customer wrote them: after the word APN, quoted, or inside AT+CGDCONT. */
export function extractApns(text: string): string[] {
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
      if (LINKING.has(lower)) continue;
      if (isApnName(word) && /^[a-z][\w.-]*$/i.test(word)) add(word);
      break;
    }
  }
  return out;
}
