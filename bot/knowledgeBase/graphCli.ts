import { parseArgs } from 'node:util';
import { formatKbError } from './kbError.js';
import { mermaidFlow } from './mermaid.js';
import { checkKnowledge } from './check.js';

/** `npm run kb:graph -- <flow> [--knowledge dir]`: the flow as a Mermaid diagram (paste it into any Mermaid viewer). */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { knowledge: { type: 'string' } },
    allowPositionals: true,
  });
  const dir = values.knowledge ?? process.env['KNOWLEDGE_DIR'] ?? 'knowledge';
  const { knowledge, errors } = await checkKnowledge(dir, { schemas: false });
  const flowId = positionals[0];
  const flow = flowId ? knowledge.flows.get(flowId)?.data : undefined;
  if (!flow) {
    for (const error of errors) process.stderr.write(`${formatKbError(error)}\n`);
    process.stderr.write(
      `usage: npm run kb:graph -- <flow>   (flows: ${[...knowledge.flows.keys()].join(', ')})\n`,
    );
    return 1;
  }
  process.stdout.write(mermaidFlow(flow));
  return 0;
}

process.exitCode = await main();
