import { z } from 'zod';
import { TrainingDataSchema } from '../nlu/trainingData.js';
import { wordsFileSchema } from '../nlu/words/wordsSchema.js';
import { articleFileSchema } from './schemas/articleSchema.js';
import { cannedRepliesFileSchema, teamsFileSchema } from './schemas/deskSchema.js';
import { flowFileSchema } from './schemas/flowSchema.js';
import { plansFileSchema } from './schemas/planSchema.js';
import { requestsFileSchema } from './schemas/requestsSchema.js';
import { textsFileSchema } from './schemas/textsSchema.js';

/**
 * The JSON Schema files under `knowledge/schema/`, generated from the zod schemas the loader validates
 * with (so an editor's editor and kb:check agree), by file name.
 */
export function generateJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType): string => `${JSON.stringify(z.toJSONSchema(schema), null, 2)}\n`;
  const nlu = z.toJSONSchema(TrainingDataSchema, { io: 'input', unrepresentable: 'any' });
  return {
    'flow.schema.json': render(flowFileSchema),
    'plans.schema.json': render(plansFileSchema),
    'texts.schema.json': render(textsFileSchema),
    'nlu.schema.json': `${JSON.stringify({ title: 'Firstline NLU training data', ...nlu }, null, 2)}\n`,
    'words.schema.json': render(wordsFileSchema),
    'article.schema.json': render(articleFileSchema),
    'requests.schema.json': render(requestsFileSchema),
    'canned.schema.json': render(cannedRepliesFileSchema),
    'teams.schema.json': render(teamsFileSchema),
  };
}
