import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileKnowledgeReleases } from '../../bot/knowledgeBase/releases/fileReleases.js';
import { readKnowledgeFiles } from '../../bot/knowledgeBase/readKnowledge.js';
import { cli } from './cliHelper.js';
import { editJson, KNOWLEDGE_DIR } from './helpers.js';

type Json = Record<string, unknown>;
const nodes = (flow: Json) => flow['nodes'] as Record<string, Json>;

/** The editors' command line: kb:graph, kb:try, kb:test, kb:check's errors and notes, kb:rollback. */
describe('knowledge editors: command line', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-kb-cli-'));
    await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('kb:graph prints the flow as Mermaid: every node with its kind, checks with pass/fail/unknown, calls', async () => {
    const { code, stdout } = await cli('bot/knowledgeBase/graphCli.ts', ['data', '--knowledge', dir]);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^flowchart TD/);
    const flow = JSON.parse(await readFile(path.join(dir, 'flows/data.json'), 'utf8')) as Json;
    for (const id of Object.keys(nodes(flow))) expect(stdout).to.include(`n_${id}`);
    expect(stdout).to.include('n_data_limit -->|pass| n_limit_reached');
    expect(stdout).to.include('n_data_limit -->|unknown| n_plan_data');
    expect(stdout).to.include('call sim_state');
    expect(stdout).to.include('handoff: data_limit_reached');
    expect(stdout).to.include('-->|yes| resolved');
  });

  it('kb:try walks a flow with a demo SIM’s facts or typed facts and answers, and says where it ends', async () => {
    const healthy = await cli('bot/knowledgeBase/tryCli.ts', [
      'data',
      '--sim',
      '8946070000000000019',
      '--knowledge',
      dir,
    ]);
    expect(healthy.code).to.equal(0);
    expect(healthy.stdout).to.match(/→ asks final:/);
    expect(healthy.stdout).to.include('asked: final');
    const typed = await cli('bot/knowledgeBase/tryCli.ts', [
      'voice',
      '--facts',
      'sim.active=true,plan.known=true,plan.voice=true',
      '--answers',
      'stat_3',
      '--lang',
      'es',
      '--knowledge',
      dir,
    ]);
    expect(typed.stdout).to.match(/registration_check\.ask_creg +asks → answered stat_3/);
    expect(typed.stdout).to.match(/→ handoff \(registration_denied\)/);
    const bad = await cli('bot/knowledgeBase/tryCli.ts', ['data', '--answers', 'maybe', '--knowledge', dir]);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.include(
      'answer "maybe" does not fit sim_state.ask_active (expected activated, not_activated, dont_know)',
    );
  });

  it('kb:test runs the editors’ tests; a failing one says what was expected and what the walk did', async () => {
    const ok = await cli('bot/knowledgeBase/testCli.ts', ['--knowledge', dir]);
    expect(ok.code).to.equal(0);
    expect(ok.stdout).to.match(/\n(\d+) passed, 0 failed\n$/);
    await editJson(dir, 'tests/data.json', (json) => {
      const test = (json['tests'] as Array<Json & { expect: Json }>)[0] as { expect: Json };
      test.expect['asks'] = ['sim_state.ask_active', 'final'];
    });
    const failed = await cli('bot/knowledgeBase/testCli.ts', ['--knowledge', dir]);
    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.include(
      'expected the questions sim_state.ask_active, final, but it asked final',
    );
    const check = await cli('bot/knowledgeBase/cli.ts', [dir]);
    expect(check.code).to.equal(1);
    expect(check.stderr).to.match(
      /tests\/data\.json:\d+:\d+ \$\.tests\[name="A healthy SIM[^\]]*\]: test "A healthy SIM/,
    );
  });

  it('kb:check: a missing comma is one error at its line with the fix, and nothing cascades into other files', async () => {
    const file = path.join(dir, 'texts/flows.en.json');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('"flows.data.intro"'));
    lines[at] = (lines[at] as string).replace(/,$/, '');
    await writeFile(file, lines.join('\n'));
    const { code, stderr } = await cli('bot/knowledgeBase/cli.ts', [dir]);
    expect(code).to.equal(1);
    const errors = stderr.trim().split('\n').slice(0, -1);
    expect(errors).to.deep.equal([
      `${file}:${at + 1}:${(lines[at] as string).length + 1} $: invalid JSON: a comma is missing — add a comma at the end of line ${at + 1}`,
    ]);
  });

  it('kb:check: a misspelt field is one error with "did you mean", and no "required flow is missing"', async () => {
    await editJson(dir, 'flows/data.json', (flow) => {
      const intro = nodes(flow)['intro'] as Json;
      intro['nxt'] = intro['next'];
      delete intro['next'];
    });
    const { stderr } = await cli('bot/knowledgeBase/cli.ts', [dir]);
    const errors = stderr.trim().split('\n').slice(0, -1);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(
      /flows\/data\.json:\d+:\d+ \$\.nodes\.intro\.nxt: unknown property "nxt" — did you mean "next"\?$/,
    );
    expect(stderr).to.not.include('required flow');
  });

  it('kb:check: a bad plan is reported on its plan (by name) and causes no false errors in the flows', async () => {
    await editJson(dir, 'plans.json', (json) => {
      const plans = json['plans'] as Array<Json>;
      const metering = plans.find((p) => p['name'] === 'Metering Critical') as Json;
      metering['radio'] = ['4G', '6G'];
    });
    const { stderr } = await cli('bot/knowledgeBase/cli.ts', [dir]);
    const errors = stderr.trim().split('\n').slice(0, -1);
    // The flows compare plan.name with "Metering Critical": no "plan is not defined" there.
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(
      /plans\.json:\d+:\d+ \$\.plans\[name="Metering Critical"\]\.radio\[#2\]: "6G" is not allowed here/,
    );
    await cp(path.join(KNOWLEDGE_DIR, 'plans.json'), path.join(dir, 'plans.json'));
    await editJson(dir, 'plans.json', (json) => {
      (((json['plans'] as Array<Json>)[1] as Json)['roaming'] as Json)['zones'] = ['NORDICS'];
    });
    const zone = await cli('bot/knowledgeBase/cli.ts', [dir]);
    expect(zone.stderr).to.match(
      /zones\[#1\]: zone "NORDICS" is not defined in zones — did you mean "NORDIC"\?/,
    );
  });

  it('kb:check: a missing translation names the file that needs it; unused and duplicated flow texts are listed', async () => {
    await editJson(dir, 'texts/flows.es.json', (json) => {
      delete (json['texts'] as Record<string, string>)['flows.data.session_up'];
    });
    const missing = await cli('bot/knowledgeBase/cli.ts', [dir]);
    expect(missing.stderr).to.match(
      /texts\/flows\.es\.json:\d+:\d+ \$\.texts\["flows\.data\.session_up"\]: text "flows\.data\.session_up" is missing in es \(the en text is in flows\.en\.json/,
    );
    await cp(path.join(KNOWLEDGE_DIR, 'texts/flows.es.json'), path.join(dir, 'texts/flows.es.json'));
    for (const lang of ['en', 'es'])
      await editJson(dir, `texts/flows.${lang}.json`, (json) => {
        (json['texts'] as Record<string, string>)['flows.data.forgotten'] = 'A text no flow uses any more.';
      });
    const notes = await cli('bot/knowledgeBase/cli.ts', [dir]);
    expect(notes.code).to.equal(0);
    expect(notes.stdout).to.include('note: text "flows.data.forgotten" (flows.en.json) is used by no flow');
    expect(notes.stdout).to.match(
      /note: the same en text under flows\.data\.attached\.report, flows\.data\.session\.report/,
    );
  });

  it('kb:rollback lists the kept versions and writes one back into the knowledge directory', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'firstline-kb-data-'));
    try {
      const releases = new FileKnowledgeReleases(path.join(data, 'knowledge-releases'));
      const original = (await readKnowledgeFiles(dir)).files;
      await releases.record('aaaaaaaaaaaa', original, []);
      await editJson(dir, 'texts/flows.en.json', (json) => {
        (json['texts'] as Record<string, string>)['flows.data.final'] = 'Changed after the release';
      });
      const list = await cli('bot/knowledgeBase/releases/rollbackCli.ts', [
        '--data-dir',
        data,
        '--knowledge',
        dir,
      ]);
      expect(list.stdout).to.match(/^ {2}aaaaaaaaaaaa {2}\S+ {2}\(as loaded\)$/m);
      const back = await cli('bot/knowledgeBase/releases/rollbackCli.ts', [
        'aaaa',
        '--data-dir',
        data,
        '--knowledge',
        dir,
      ]);
      expect(back.code).to.equal(0);
      expect(back.stdout).to.include('now holds aaaaaaaaaaaa (1 file(s) changed: texts/flows.en.json)');
      expect(await readFile(path.join(dir, 'texts/flows.en.json'), 'utf8')).to.equal(
        original.get('texts/flows.en.json'),
      );
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
});
