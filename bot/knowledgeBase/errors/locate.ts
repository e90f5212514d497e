import path from 'node:path';
import type { KbError } from '../kbError.js';
import type { KnowledgeFiles } from '../readKnowledge.js';
import { JsonSource, parseJsonPath } from './jsonSource.js';

/**
 * Give every error that lacks them its line, column and people's path, from the text of its file. Errors of
 * files that are not JSON (or not in `files`) are left as they are.
 */
export function locateErrors(dir: string, files: KnowledgeFiles, errors: readonly KbError[]): KbError[] {
  const sources = new Map<string, JsonSource>();
  const sourceOf = (file: string): JsonSource | undefined => {
    const relative = path.relative(dir, file).split(path.sep).join('/');
    const text = files.get(relative);
    if (text === undefined || !relative.endsWith('.json')) return undefined;
    let source = sources.get(relative);
    if (!source) {
      source = new JsonSource(text);
      sources.set(relative, source);
    }
    return source;
  };
  return errors.map((error) => {
    if (error.line !== undefined) return error;
    const source = sourceOf(error.file);
    if (!source || source.syntax) return error;
    const { line, column, where } = source.locate(parseJsonPath(error.path));
    return { ...error, line, column, where };
  });
}
