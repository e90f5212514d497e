import { cp } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { checkKnowledge } from '../../bot/knowledgeBase/check.js';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { copyKnowledge, editJson, KNOWLEDGE_DIR, removeDir } from './helpers.js';

type Json = Record<string, unknown>;
const replies = (file: Json): Json[] => file['replies'] as Json[];

describe('kb:check: canned replies and desk teams', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await copyKnowledge();
    for (const part of ['canned', 'desk']) {
      await cp(path.join(KNOWLEDGE_DIR, part), path.join(dir, part), { recursive: true });
    }
  });
  afterEach(() => removeDir(dir));

  const errorsOf = async () =>
    (await checkKnowledge(dir)).errors.map((e) => `${path.relative(dir, e.file)} ${e.path}: ${e.message}`);

  it('loads the shipped canned replies and teams, in both languages', async () => {
    const { kb, errors } = await loadKnowledgeBase(KNOWLEDGE_DIR);
    expect(errors).to.deep.equal([]);
    expect(kb?.cannedReplies.map((r) => r.id)).to.include.members(['greeting', 'checking', 'apn_fix']);
    for (const reply of kb?.cannedReplies ?? []) expect(reply.text.es, reply.id).to.not.equal(reply.text.en);
    expect(kb?.teams.map((t) => t.id)).to.deep.equal(['network', 'billing']);
  });

  it('names the file and path of a canned reply with an unknown placeholder or a missing language', async () => {
    await editJson(dir, 'canned/replies.json', (file) => {
      const list = replies(file);
      (list[0]!['text'] as Json)['en'] = 'Hello {customerName}';
      (list[0]!['text'] as Json)['es'] = 'Hola {customerName}';
    });
    expect(await errorsOf()).to.include(
      'canned/replies.json $.replies[0].text.en: placeholder {customerName} is not one the console fills ({customer}, {agent}, {caseId}, {organisation}, {sim})',
    );
    await editJson(dir, 'canned/replies.json', (file) => {
      delete (replies(file)[1]!['text'] as Json)['es'];
    });
    expect(
      (await errorsOf()).some((e) => e.startsWith('canned/replies.json $.replies[1].text.es:')),
    ).to.equal(true);
  });

  it('refuses a canned reply whose languages use different placeholders, and duplicate ids', async () => {
    await editJson(dir, 'canned/replies.json', (file) => {
      const list = replies(file);
      (list[0]!['text'] as Json)['es'] = 'Hola, soy {agent}.';
      list[2]!['id'] = list[3]!['id'];
    });
    const errors = await errorsOf();
    expect(errors).to.include(
      'canned/replies.json $.replies[0].text.es: placeholders differ between languages for canned reply "greeting"',
    );
    expect(errors).to.include('canned/replies.json $.replies[3].id: duplicate id "sim_reset"');
  });

  it('checks teams: schema and unique ids', async () => {
    await editJson(dir, 'desk/teams.json', (file) => {
      const teams = file['teams'] as Json[];
      teams[1]!['id'] = 'network';
      teams[0]!['members'] = 'demo-agent';
    });
    const errors = await errorsOf();
    expect(errors.some((e) => e.startsWith('desk/teams.json $.teams[0].members:'))).to.equal(true);
  });

  it('works without the optional files (no canned replies, no teams)', async () => {
    await removeDir(path.join(dir, 'canned'));
    await removeDir(path.join(dir, 'desk'));
    const { kb, errors } = await loadKnowledgeBase(dir);
    expect(errors).to.deep.equal([]);
    expect(kb?.cannedReplies).to.deep.equal([]);
    expect(kb?.teams).to.deep.equal([]);
  });
});
