import { expect } from 'chai';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cliHelper.js';
import { editJson, KNOWLEDGE_DIR } from './helpers.js';

type Json = Record<string, unknown>;

/**
 * The editor's trial change from issue 16, made the way an editor makes it — JSON only, no code: an IMEI-lock
 * question in the data flow (texts inline, no keys in other files) with its own flow test. kb:check and kb:test
 * pass, kb:try shows the question is skipped for a healthy SIM with a live session and asked without one, and the
 * code tests that failed for the editor (they pinned the shipped flow's path) pass on the changed knowledge.
 */
describe('knowledge editors: the IMEI-lock trial change', function () {
  this.timeout(600_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-kb-trial-'));
    await cp(KNOWLEDGE_DIR, dir, { recursive: true });
    // One new question and two steps in data.json; the session check leads to it when no session is up.
    await editJson(dir, 'flows/data.json', (flow) => {
      const nodes = flow['nodes'] as Record<string, Json>;
      const session = nodes['session'] as { next: Record<string, string> };
      session.next['fail'] = 'ask_moved';
      session.next['unknown'] = 'ask_moved';
      nodes['ask_moved'] = {
        kind: 'question',
        note: 'SIMs with IMEI lock only work in the device they were first used in.',
        report: { label: { en: 'SIM moved to another device', es: 'SIM cambiada a otro dispositivo' } },
        text: {
          en: 'Has this SIM been moved into another device recently?',
          es: '¿Se ha cambiado esta SIM a otro dispositivo hace poco?',
        },
        answer: { type: 'yesno', yes: 'imei_locked', no: 'ever_session' },
      };
      nodes['imei_locked'] = {
        kind: 'instruction',
        text: {
          en: 'This SIM may be locked to the device it was first used in (IMEI lock). Put it back into that device if you can.',
          es: 'Puede que esta SIM esté bloqueada al dispositivo en el que se usó primero (bloqueo de IMEI). Vuelva a ponerla en ese dispositivo si puede.',
        },
        next: 'imei_handoff',
      };
      nodes['imei_handoff'] = {
        kind: 'handoff',
        reason: 'imei_lock',
        text: {
          en: 'A colleague can release the IMEI lock for the new device. I am passing the case on.',
          es: 'Un compañero puede quitar el bloqueo de IMEI para el nuevo dispositivo. Le paso el caso.',
        },
      };
    });
    // kb:check then says the walk "with nothing known" now meets the new question: its answers get one more "no".
    await editJson(dir, 'tests/data.json', (json) => {
      const test = (json['tests'] as Array<{ name: string; answers?: string[] }>).find((t) =>
        t.name.startsWith('With nothing known'),
      );
      if (test) test.answers = ['activated', 'no', 'internet', 'stat_1', 'no', 'yes'];
    });
    await writeFile(
      path.join(dir, 'tests/imei.json'),
      `${JSON.stringify(
        {
          $schema: '../schema/tests.schema.json',
          tests: [
            {
              name: 'A healthy SIM with a live session is not asked about a device change',
              flow: 'data',
              sim: '8946070000000000019',
              expect: { asks: ['final'], skips: ['ask_moved'] },
            },
            {
              name: 'Without a session, a SIM moved into another device goes to a person for the IMEI lock',
              flow: 'data',
              sim: '8946070000000000019',
              facts: { 'session.active': false, 'modem.registered': true, 'modem.registration': 'home' },
              answers: ['yes'],
              expect: {
                outcome: 'handoff',
                reason: 'imei_lock',
                asks: ['ask_moved'],
                says: ['inline.data.imei_locked.text'],
              },
            },
            {
              name: 'Without a session, a SIM that was not moved goes on with the session advice',
              flow: 'data',
              sim: '8946070000000000019',
              facts: { 'session.active': false, 'modem.registered': true, 'modem.registration': 'home' },
              answers: ['no'],
              expect: {
                outcome: 'asks',
                at: 'final',
                visits: ['ask_moved', 'ever_session', 'restart_session'],
              },
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('kb:check and kb:test pass with the change and its test', async () => {
    const check = await cli('bot/knowledgeBase/cli.ts', [dir]);
    expect(check.stderr).to.equal('');
    expect(check.code).to.equal(0);
    expect(check.stdout).to.match(/OK — .*\([1-9]\d* inline\)/);
    const test = await cli('bot/knowledgeBase/testCli.ts', ['--knowledge', dir, 'IMEI', 'device change']);
    expect(test.code).to.equal(0);
    expect(test.stdout).to.include(
      '✓ A healthy SIM with a live session is not asked about a device change (es)',
    );
    expect(test.stdout).to.include(
      '✓ Without a session, a SIM moved into another device goes to a person for the IMEI lock (en)',
    );
  });

  it('kb:try shows the question skipped for a healthy SIM with a live session and asked without a session', async () => {
    const healthy = await cli('bot/knowledgeBase/tryCli.ts', [
      'data',
      '--sim',
      '8946070000000000019',
      '--knowledge',
      dir,
    ]);
    expect(healthy.stdout).to.include('asked: final');
    expect(healthy.stdout).to.not.include('ask_moved');
    const noSession = await cli('bot/knowledgeBase/tryCli.ts', [
      'data',
      '--sim',
      '8946070000000000019',
      '--facts',
      'session.active=false,modem.registered=true,modem.registration=home',
      '--answers',
      'yes',
      '--knowledge',
      dir,
    ]);
    expect(noSession.stdout).to.match(/ask_moved +asks → answered yes/);
    expect(noSession.stdout).to.include('→ handoff (imei_lock): "A colleague can release the IMEI lock');
  });

  it('the code tests that pinned the shipped data flow pass on the changed knowledge', async () => {
    const { code, stdout } = await cli(
      'node_modules/mocha/bin/mocha.js',
      [
        '--reporter',
        'dot',
        'test/knowledgeBase/flowEngine.test.ts',
        'test/conversations/flows.test.ts',
        'test/conversations/hotReload.test.ts',
        'test/conversations/customer/modemOutput.test.ts',
      ],
      { FIRSTLINE_TEST_KNOWLEDGE: dir },
    );
    expect(stdout).to.match(/\d+ passing/);
    expect(stdout, stdout).to.not.match(/failing/);
    expect(code).to.equal(0);
  });
});
