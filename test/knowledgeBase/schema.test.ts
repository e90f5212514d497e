import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateJsonSchemas } from '../../bot/knowledgeBase/writeSchema.js';
import { KNOWLEDGE_DIR } from './helpers.js';

describe('knowledge JSON Schema', () => {
  for (const [name, content] of Object.entries(generateJsonSchemas())) {
    it(`knowledge/schema/${name} is up to date (npm run kb:schema)`, async () => {
      const committed = await readFile(path.join(KNOWLEDGE_DIR, 'schema', name), 'utf8');
      expect(JSON.parse(committed)).to.deep.equal(JSON.parse(content));
    });
  }
});
