/** One problem in the knowledge files: which file, where in it (JSON path) and what is wrong. */
export interface KbError {
  /** The file as found under the knowledge directory, e.g. `knowledge/flows/data.json`. */
  file: string;
  /** JSON path inside the file, e.g. `$.nodes.check_apn.next.fail`. */
  path: string;
  message: string;
}

/** `knowledge/flows/data.json $.nodes.x.next: unknown node "y"` — one line per error. */
export function formatKbError(error: KbError): string {
  return `${error.file} ${error.path}: ${error.message}`;
}
