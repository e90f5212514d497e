const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
  cero: 0,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiuno: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
};
const MULTIPLIERS: Record<string, number> = {
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
  mil: 1000,
  millon: 1_000_000,
  millones: 1_000_000,
};
// Joiners inside a number phrase: "two hundred and fifty", "treinta y cinco".
const JOINERS = new Set(['and', 'y']);

/** True when `word` (folded) can be part of a spelled-out number. */
export function isNumberWord(word: string): boolean {
  return word in UNITS || word in MULTIPLIERS || JOINERS.has(word);
}

/**
 * Parse a spelled-out number from folded words ("tres mil", "two thousand five hundred", "veinte");
 * returns undefined when the words are not a number.
 */
export function parseNumberWords(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words) {
    if (JOINERS.has(word)) continue;
    const unit = UNITS[word];
    const multiplier = MULTIPLIERS[word];
    if (unit !== undefined) {
      current += unit;
      seen = true;
    } else if (multiplier !== undefined) {
      // "mil" on its own means one thousand.
      current = (current || 1) * (multiplier === 100 ? 100 : 1);
      if (multiplier >= 1000) {
        total += (current || 1) * multiplier;
        current = 0;
      }
      seen = true;
    } else {
      return undefined;
    }
  }
  return seen ? total + current : undefined;
}

/**
 * Parse a number written with digits as customers do: "2000", "2,000", "2.000", "2 000", "2k", "1.5k".
 * Returns undefined when `token` is not one.
 */
export function parseDigits(token: string): number | undefined {
  const t = token.trim().toLowerCase().replace(/\s/g, '');
  const k = /^(\d+(?:[.,]\d+)?)k$/.exec(t);
  if (k?.[1]) return Math.round(Number(k[1].replace(',', '.')) * 1000);
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}
