import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readKnowledgeFiles } from '../../bot/knowledgeBase/readKnowledge.js';
import { generateJsonSchemas } from '../../bot/knowledgeBase/writeSchema.js';
import { KNOWLEDGE_DIR } from './helpers.js';

describe('knowledge JSON Schema', () => {
  it('every file under knowledge/schema/ is up to date (npm run kb:schema)', async () => {
    const { files } = await readKnowledgeFiles(KNOWLEDGE_DIR);
    for (const [name, content] of Object.entries(generateJsonSchemas(files))) {
      const committed = await readFile(path.join(KNOWLEDGE_DIR, 'schema', name), 'utf8');
      if (name.endsWith('.json')) expect(JSON.parse(committed), name).to.deep.equal(JSON.parse(content));
      else expect(committed, name).to.equal(content);
    }
  });

  it('names facts, handoff reasons and zones as enums with descriptions; names.md lists what produces each fact', async () => {
    const { files } = await readKnowledgeFiles(KNOWLEDGE_DIR);
    const schemas = generateJsonSchemas(files);
    const flow = schemas['flow.schema.json'] ?? '';
    expect(flow).to.include('"sim.dataLimitReached"').and.to.include('"enumDescriptions"');
    expect(flow).to.include('The SIM reached its data limit');
    expect(schemas['plans.schema.json'])
      .to.include('"NORDIC"')
      .and.to.include('Countries: SE, NO, DK, FI, IS');
    expect(schemas['texts.schema.json']).to.include('"caseId"');
    const names = schemas['names.md'] ?? '';
    expect(names).to.match(
      /\| `session.active` \| boolean \| +\| A data session is up right now\. \| platform \|/,
    );
    expect(names).to.include(
      '| `modem.registration` | string | not_registered, home, searching, denied, unknown, roaming |',
    );
    expect(names).to.include('`HEALTHY`').and.to.include('`data_limit_reached`').and.to.include('`{caseId}`');
  });
});
