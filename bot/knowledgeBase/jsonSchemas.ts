import { z } from 'zod';
import { TEXT_PLACEHOLDERS } from '../domain/placeholders.js';
import { TrainingDataSchema } from '../nlu/trainingData.js';
import { wordsFileSchema } from '../nlu/words/wordsSchema.js';
import { namesMarkdown, zonesOf } from './namesReference.js';
import type { KnowledgeFiles } from './readKnowledge.js';
import { articleFileSchema } from './schemas/articleSchema.js';
import { cannedRepliesFileSchema, teamsFileSchema } from './schemas/deskSchema.js';
import { flowFileSchema } from './schemas/flowSchema.js';
import { languagesFileSchema } from './schemas/languagesSchema.js';
import { FACT_NAMES, factDescription } from './schemas/names.js';
import { flowTestFileSchema } from './schemas/flowTestSchema.js';
import { plansFileSchema } from './schemas/planSchema.js';
import { requestsFileSchema } from './schemas/requestsSchema.js';
import { textsFileSchema } from './schemas/textsSchema.js';

type JsonObject = Record<string, unknown>;

const toJson = (schema: z.ZodType): JsonObject =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
const render = (json: JsonObject): string => `${JSON.stringify(json, null, 2)}\n`;

/** The object at `keys` inside a JSON Schema, when it is there. */
function dig(json: JsonObject, keys: string[]): JsonObject | undefined {
  let at: unknown = json;
  for (const key of keys) at = (at as JsonObject | undefined)?.[key];
  return typeof at === 'object' && at !== null ? (at as JsonObject) : undefined;
}

/** plans.schema.json: zone ids are the zones plans.json defines, each described by its countries. */
function plansSchema(files: KnowledgeFiles | undefined): JsonObject {
  const json = toJson(plansFileSchema);
  const zones = zonesOf(files);
  const items = dig(json, [
    'properties',
    'plans',
    'items',
    'properties',
    'roaming',
    'properties',
    'zones',
    'items',
  ]);
  if (items && Object.keys(zones).length > 0) {
    items['enum'] = Object.keys(zones);
    items['enumDescriptions'] = Object.values(zones).map((countries) => `Countries: ${countries.join(', ')}`);
    items['description'] = 'A roaming zone defined under `zones` in this file.';
  }
  return json;
}

/** texts.schema.json: the placeholders a text may use, as enums with their meaning. */
function textsSchema(): JsonObject {
  const json = toJson(textsFileSchema);
  const names = Object.keys(TEXT_PLACEHOLDERS);
  json['$defs'] = {
    ...(json['$defs'] as JsonObject | undefined),
    placeholder: {
      description: 'A {placeholder} the code fills in texts outside flows (see names.md).',
      enum: names,
      enumDescriptions: Object.values(TEXT_PLACEHOLDERS),
    },
    factPlaceholder: {
      description: 'A {fact} placeholder in a flow text (see names.md).',
      enum: FACT_NAMES,
      enumDescriptions: FACT_NAMES.map(factDescription),
    },
  };
  return json;
}

/**
 * The files under `knowledge/schema/`, generated from the zod schemas the loader validates with (so an editor's
 * editor and kb:check agree), by file name; zone ids come from `files`' plans.json. Also `names.md`, the
 * reference of every name (facts, findings, handoff reasons, zones, placeholders).
 */
export function generateJsonSchemas(files?: KnowledgeFiles): Record<string, string> {
  const nlu = z.toJSONSchema(TrainingDataSchema, { io: 'input', unrepresentable: 'any' });
  return {
    'flow.schema.json': render(toJson(flowFileSchema)),
    'plans.schema.json': render(plansSchema(files)),
    'texts.schema.json': render(textsSchema()),
    'nlu.schema.json': render({ title: 'Firstline NLU training data', ...nlu }),
    'words.schema.json': render(toJson(wordsFileSchema)),
    'article.schema.json': render(toJson(articleFileSchema)),
    'requests.schema.json': render(toJson(requestsFileSchema)),
    'canned.schema.json': render(toJson(cannedRepliesFileSchema)),
    'teams.schema.json': render(toJson(teamsFileSchema)),
    'tests.schema.json': render(toJson(flowTestFileSchema)),
    'languages.schema.json': render(toJson(languagesFileSchema)),
    'names.md': namesMarkdown(files),
  };
}
