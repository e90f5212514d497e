import { foldText } from '../normalize.js';

// Country names in English and Spanish (folded: lower case, no accents) → ISO 3166-1 alpha-2.
const NAMES: Record<string, string> = {
  germany: 'DE',
  alemania: 'DE',
  deutschland: 'DE',
  spain: 'ES',
  espana: 'ES',
  sweden: 'SE',
  suecia: 'SE',
  sverige: 'SE',
  norway: 'NO',
  noruega: 'NO',
  norge: 'NO',
  denmark: 'DK',
  dinamarca: 'DK',
  finland: 'FI',
  finlandia: 'FI',
  iceland: 'IS',
  islandia: 'IS',
  france: 'FR',
  francia: 'FR',
  'united kingdom': 'GB',
  'reino unido': 'GB',
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  'gran bretana': 'GB',
  england: 'GB',
  inglaterra: 'GB',
  scotland: 'GB',
  escocia: 'GB',
  wales: 'GB',
  gales: 'GB',
  ireland: 'IE',
  irlanda: 'IE',
  portugal: 'PT',
  italy: 'IT',
  italia: 'IT',
  netherlands: 'NL',
  'the netherlands': 'NL',
  holland: 'NL',
  'paises bajos': 'NL',
  holanda: 'NL',
  belgium: 'BE',
  belgica: 'BE',
  luxembourg: 'LU',
  luxemburgo: 'LU',
  switzerland: 'CH',
  suiza: 'CH',
  austria: 'AT',
  poland: 'PL',
  polonia: 'PL',
  'czech republic': 'CZ',
  czechia: 'CZ',
  'republica checa': 'CZ',
  chequia: 'CZ',
  slovakia: 'SK',
  eslovaquia: 'SK',
  hungary: 'HU',
  hungria: 'HU',
  romania: 'RO',
  rumania: 'RO',
  bulgaria: 'BG',
  greece: 'GR',
  grecia: 'GR',
  croatia: 'HR',
  croacia: 'HR',
  slovenia: 'SI',
  eslovenia: 'SI',
  serbia: 'RS',
  estonia: 'EE',
  latvia: 'LV',
  letonia: 'LV',
  lithuania: 'LT',
  lituania: 'LT',
  ukraine: 'UA',
  ucrania: 'UA',
  turkey: 'TR',
  turkiye: 'TR',
  turquia: 'TR',
  cyprus: 'CY',
  chipre: 'CY',
  malta: 'MT',
  andorra: 'AD',
  monaco: 'MC',
  gibraltar: 'GI',
  morocco: 'MA',
  marruecos: 'MA',
  'united states': 'US',
  usa: 'US',
  'estados unidos': 'US',
  eeuu: 'US',
  america: 'US',
  canada: 'CA',
  mexico: 'MX',
  brazil: 'BR',
  brasil: 'BR',
  argentina: 'AR',
  chile: 'CL',
  colombia: 'CO',
  peru: 'PE',
  uruguay: 'UY',
  venezuela: 'VE',
  ecuador: 'EC',
  china: 'CN',
  japan: 'JP',
  japon: 'JP',
  india: 'IN',
  'south korea': 'KR',
  'corea del sur': 'KR',
  australia: 'AU',
  'south africa': 'ZA',
  sudafrica: 'ZA',
  'united arab emirates': 'AE',
  'emiratos arabes unidos': 'AE',
  uae: 'AE',
  'saudi arabia': 'SA',
  'arabia saudi': 'SA',
  'arabia saudita': 'SA',
  israel: 'IL',
  egypt: 'EG',
  egipto: 'EG',
  russia: 'RU',
  rusia: 'RU',
};

// Written upper case after a preposition or label, a two-letter code is a country ("roaming in DE", "país: FR").
const ISO_CODES = new Set(Object.values(NAMES));
const CODE_CONTEXT =
  /(?:\b(?:in|en|to|a|from|desde|de|country|pais|país|roaming|via|into|hacia)\s*:?\s*|\(\s*)([A-Z]{2})(?![\w+])/g;

const NAME_PATTERN = new RegExp(
  `\\b(${Object.keys(NAMES)
    .filter((n) => !/\d/.test(n))
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/\s+/g, '\\s+'))
    .join('|')})\\b`,
  'g',
);

/** Countries mentioned by name (English or Spanish) or by ISO code used as such, as ISO alpha-2. */
export function extractCountries(text: string): string[] {
  const out: string[] = [];
  const folded = foldText(text);
  const found: Array<{ at: number; code: string }> = [];
  for (const m of folded.matchAll(NAME_PATTERN)) {
    const name = (m[1] ?? '').replace(/\s+/g, ' ');
    // "UK" is a name-like abbreviation; other two-letter words like "no" or "es" must not count as countries.
    const code = NAMES[name];
    if (code) found.push({ at: m.index ?? 0, code });
  }
  for (const m of text.matchAll(CODE_CONTEXT)) {
    const code = m[1] === 'UK' ? 'GB' : (m[1] ?? '');
    if (ISO_CODES.has(code)) found.push({ at: m.index ?? 0, code });
  }
  found.sort((a, b) => a.at - b.at);
  for (const { code } of found) if (!out.includes(code)) out.push(code);
  return out;
}
