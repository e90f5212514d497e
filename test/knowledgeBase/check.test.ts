import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkKnowledge } from '../../bot/knowledgeBase/check.js';
import type { KbError } from '../../bot/knowledgeBase/kbError.js';
import {
  copyKnowledge,
  editJson,
  errorsAfterEdit,
  expectKbError,
  KNOWLEDGE_DIR,
  removeDir,
} from './helpers.js';

type Json = Record<string, unknown>;
const nodes = (flow: Json): Record<string, Json> => flow['nodes'] as Record<string, Json>;
const texts = (file: Json): Record<string, string> => file['texts'] as Record<string, string>;

describe('kb:check', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await copyKnowledge();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  const errorsAfter = (file: string, change: (json: Json) => void): Promise<KbError[]> =>
    errorsAfterEdit(dir, file, change);
  const expectError = (errors: KbError[], file: string, jsonPath: string, message: RegExp): void =>
    expectKbError(errors, dir, file, jsonPath, message);

  it('passes on the shipped knowledge', async () => {
    const { errors, knowledge } = await checkKnowledge(KNOWLEDGE_DIR);
    expect(errors).to.deep.equal([]);
    for (const id of [
      'data',
      'sms',
      'voice',
      'csd',
      'sim_state',
      'plan_check',
      'apn_check',
      'registration_check',
    ]) {
      expect(knowledge.flows.has(id), id).to.equal(true);
    }
  });

  it('refuses a text that promises a person where no handoff happens; handoff texts may', async () => {
    const errors = await errorsAfter('texts/findings.en.json', (file) => {
      texts(file)['finding.MODEM_REGISTRATION_DENIED.nextStep'] = 'An agent will check the SIM for you.';
    });
    expectError(
      errors,
      'texts/findings.en.json',
      '$.texts["finding.MODEM_REGISTRATION_DENIED.nextStep"]',
      /promises a person \("an agent will"\) but is not said when a person takes over/,
    );
    const es = await errorsAfter('texts/findings.es.json', (file) => {
      texts(file)['modem.pdpAdvice.8'] = 'Un agente revisará la SIM.';
    });
    expectError(es, 'texts/findings.es.json', '$.texts["modem.pdpAdvice.8"]', /promises a person/);
    // The same words in a handoff node's text are what happens: allowed (the edits above are still there).
    const handoff = await errorsAfter('texts/flows.en.json', (file) => {
      texts(file)['flows.data.unresolved'] = 'An agent will check the SIM; I am passing the case on.';
    });
    expect(handoff.filter((e) => e.file.endsWith('flows.en.json'))).to.deep.equal([]);
    // An instruction that promises a person would be said with no handoff after it.
    const instruction = await errorsAfter('texts/flows.en.json', (file) => {
      texts(file)['flows.sms.limits'] = 'A colleague will check your SMS limit.';
    });
    expectError(instruction, 'texts/flows.en.json', '$.texts["flows.sms.limits"]', /promises a person/);
  });

  it('reports schema errors with the JSON path', async () => {
    const errors = await errorsAfter('flows/data.json', (flow) => {
      nodes(flow)['final'] = { kind: 'resolution', text: 'flows.data.final', nope: 'x' };
    });
    expectError(errors, 'flows/data.json', '$.nodes.final.nope', /unknown property "nope"/);
    // One mistake, one error: the misspelt property is not also reported as missing.
    expect(errors.find((e) => e.path === '$.nodes.final.nope')?.suggestion).to.equal('did you mean "no"?');
    expect(errors.some((e) => e.path === '$.nodes.final.no')).to.equal(false);
  });

  it('reports invalid JSON', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'flows/sms.json'), '{ not json');
    const { errors } = await checkKnowledge(dir);
    expectError(errors, 'flows/sms.json', '$', /invalid JSON/);
  });

  it('reports an unknown node reference', async () => {
    const errors = await errorsAfter('flows/apn_check.json', (flow) => {
      (nodes(flow)['apn_match']?.['next'] as Json)['fail'] = 'nowhere';
    });
    expectError(errors, 'flows/apn_check.json', '$.nodes.apn_match.next.fail', /unknown node "nowhere"/);
  });

  it('reports an unreachable node', async () => {
    const errors = await errorsAfter('flows/voice.json', (flow) => {
      nodes(flow)['orphan'] = { kind: 'end' };
    });
    expectError(errors, 'flows/voice.json', '$.nodes.orphan', /unreachable node "orphan"/);
  });

  it('reports a loop with no exit and a path that ends nowhere', async () => {
    const errors = await errorsAfter('flows/sms.json', (flow) => {
      const n = nodes(flow);
      n['resolution'] = { kind: 'instruction', text: 'flows.sms.resolution', next: 'loop_a' };
      n['loop_a'] = {
        kind: 'question',
        text: 'flows.sms.direction',
        answer: { type: 'yesno', yes: 'loop_b', no: 'loop_b' },
      };
      n['loop_b'] = { kind: 'instruction', text: 'flows.sms.limits', next: 'loop_a' };
      delete n['unresolved'];
    });
    expectError(errors, 'flows/sms.json', '$.nodes.loop_a', /loop with no exit/);
    expectError(errors, 'flows/sms.json', '$.nodes.resolution', /path ends nowhere/);
  });

  it('reports a loop the engine would spin in without asking', async () => {
    const errors = await errorsAfter('flows/csd.json', (flow) => {
      (nodes(flow)['no_carrier_instr'] as Json)['next'] = 'bearer';
    });
    expectError(errors, 'flows/csd.json', '$.nodes.bearer', /loop without a question/);
  });

  it('reports a text missing in one language, and missing entirely', async () => {
    let errors = await errorsAfter('texts/flows.es.json', (file) => {
      delete texts(file)['flows.data.final'];
    });
    // Named on the file that needs it: the Spanish one.
    expectError(
      errors,
      'texts/flows.es.json',
      '$.texts["flows.data.final"]',
      /missing in es .*flows\.en\.json/,
    );
    errors = await errorsAfter('texts/flows.en.json', (file) => {
      delete texts(file)['flows.data.final'];
    });
    expectError(errors, 'flows/data.json', '$.nodes.final.text', /not defined in any language/);
  });

  it('reports a placeholder naming an unknown fact', async () => {
    const errors = await errorsAfter('texts/flows.en.json', (file) => {
      texts(file)['flows.apn_check.fix_apn'] = 'Use {plan.apnn}';
    });
    expectError(
      errors,
      'texts/flows.en.json',
      '$.texts["flows.apn_check.fix_apn"]',
      /placeholder \{plan\.apnn\} is not a known fact/,
    );
  });

  it('reports an unknown fact name', async () => {
    const errors = await errorsAfter('flows/data.json', (flow) => {
      (nodes(flow)['data_limit']?.['condition'] as Json)['fact'] = 'sim.limitt';
    });
    expectError(errors, 'flows/data.json', '$.nodes.data_limit.condition.fact', /unknown fact "sim.limitt"/);
    expect(errors.find((e) => e.path === '$.nodes.data_limit.condition.fact')?.suggestion).to.match(
      /did you mean "sim.dataLimitReached"|names\.md/,
    );
  });

  it('reports a plan referenced but not defined', async () => {
    const errors = await errorsAfter('flows/data.json', (flow) => {
      (nodes(flow)['private_apn']?.['condition'] as Json)['value'] = ['Metering Critikal'];
    });
    expectError(
      errors,
      'flows/data.json',
      '$.nodes.private_apn.condition.value[0]',
      /plan "Metering Critikal" is not defined/,
    );
  });

  it('reports a zone referenced but not defined', async () => {
    const errors = await errorsAfter('plans.json', (file) => {
      const plans = file['plans'] as Json[];
      ((plans[1] as Json)['roaming'] as Json)['zones'] = ['NORDICS'];
    });
    expectError(errors, 'plans.json', '$.plans[1].roaming.zones[0]', /zone "NORDICS" is not defined/);
  });

  it('reports an unknown sub-flow and a missing required flow', async () => {
    let errors = await errorsAfter('flows/voice.json', (flow) => {
      (nodes(flow)['registration'] as Json)['flow'] = 'registration_chek';
    });
    expectError(
      errors,
      'flows/voice.json',
      '$.nodes.registration.flow',
      /unknown sub-flow "registration_chek"/,
    );
    await rm(path.join(dir, 'flows/csd.json'));
    errors = (await checkKnowledge(dir)).errors;
    expectError(errors, 'flows/csd.json', '$', /required flow "csd" is missing/);
  });

  it('CLI prints one line per error and exits 1; exits 0 with a summary when clean', async function () {
    // Two CLI runs through npx and tsx: slow to start on a loaded machine, not a speed check.
    this.timeout(120_000);
    const run = promisify(execFile);
    const ok = await run('npx', ['tsx', 'bot/knowledgeBase/cli.ts', dir]);
    expect(ok.stdout).to.match(/OK — \d+ flows/);
    await editJson(dir, 'flows/data.json', (flow) => {
      (nodes(flow)['intro'] as Json)['next'] = 'nope';
    });
    const failed = await run('npx', ['tsx', 'bot/knowledgeBase/cli.ts', dir]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).to.equal(1);
    expect(failed?.stderr).to.match(
      new RegExp(
        `${path.join(dir, 'flows/data.json')}:\\d+:\\d+ \\$\\.nodes\\.intro\\.next: unknown node "nope"`,
      ),
    );
  });
});
