import { checkKnowledge } from './check.js';
import type { KbError } from './kbError.js';
import { KnowledgeBase } from './knowledgeBase.js';

/** Check `dir` and, when it is valid, build the knowledge base from it. */
export async function loadKnowledgeBase(dir: string): Promise<{ kb?: KnowledgeBase; errors: KbError[] }> {
  const { errors, knowledge } = await checkKnowledge(dir);
  return errors.length > 0 ? { errors } : { kb: new KnowledgeBase(knowledge), errors };
}
