/**
 * One problem in the knowledge files: which file, where in it and what is wrong — with the line and column
 * and a path people read once the file's text is at hand (see `locateErrors`), and a suggestion when one is
 * likely ("did you mean \"next\"?").
 */
export interface KbError {
  /** The file as found under the knowledge directory, e.g. `knowledge/flows/data.json`. */
  file: string;
  /** JSON path inside the file, as in the data (arrays from 0), e.g. `$.nodes.check_apn.next.fail`. */
  path: string;
  message: string;
  /** Line and column, counted from 1. */
  line?: number;
  column?: number;
  /** The path for people: array items by their id or name, or counted from 1 (`$.plans[#8]`). */
  where?: string;
  /** What probably fixes it. */
  suggestion?: string;
}

/**
 * `knowledge/flows/data.json:12:7 $.nodes.intro.nxt: unknown property "nxt" — did you mean "next"?` — one line
 * per error, the file position first so editors and terminals can jump to it.
 */
export function formatKbError(error: KbError): string {
  const at = error.line !== undefined ? `:${error.line}:${error.column ?? 1}` : '';
  const suggestion = error.suggestion ? ` — ${error.suggestion}` : '';
  return `${error.file}${at} ${error.where ?? error.path}: ${error.message}${suggestion}`;
}
