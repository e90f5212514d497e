import { expect } from 'chai';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readKnowledgeFiles, versionOf } from '../../bot/knowledgeBase/readKnowledge.js';
import { FileKnowledgeReleases } from '../../bot/knowledgeBase/releases/fileReleases.js';
import { cli } from '../knowledgeBase/cliHelper.js';
import { editJson } from '../knowledgeBase/helpers.js';

/** nlu:eval reads KNOWLEDGE_DIR (as the bot does) and compares with the last version the bot accepted. */
describe('nlu:eval before/after', function () {
  this.timeout(120_000);
  let dir: string;
  let data: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-nlu-kb-'));
    data = await mkdtemp(path.join(os.tmpdir(), 'firstline-nlu-data-'));
    await cp('knowledge', dir, { recursive: true });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  });

  it('prints the scores of the last accepted version next to the edited directory’s', async () => {
    const accepted = (await readKnowledgeFiles(dir)).files;
    await new FileKnowledgeReleases(path.join(data, 'knowledge-releases')).record(
      versionOf(accepted),
      accepted,
      [],
    );
    const same = await cli('bot/nlu/evaluate.ts', ['--out', path.join(data, 'out')], {
      KNOWLEDGE_DIR: dir,
      DATA_DIR: data,
    });
    expect(same.stdout).to.include(
      `before/after: ${dir} is the last accepted version (${versionOf(accepted)})`,
    );
    // The editor files some SMS questions under "other" by mistake (under voice, the SMS the messages name
    // would still win: the recognizer's named-service rule hides that mistake from the scores).
    await editJson(dir, 'nlu/en.json', (json) => {
      const intents = json['intents'] as Record<string, string[]>;
      const moved = (intents['sms'] ?? []).splice(0, 40);
      intents['other']?.push(...moved);
    });
    const edited = versionOf((await readKnowledgeFiles(dir)).files);
    const after = await cli('bot/nlu/evaluate.ts', ['--out', path.join(data, 'out')], {
      KNOWLEDGE_DIR: dir,
      DATA_DIR: data,
    });
    expect(after.stdout).to.include(`before/after: last accepted ${versionOf(accepted)}`);
    expect(after.stdout).to.include(`→ ${edited}`);
    expect(after.stdout).to.match(/^ {2}en: held-out \d\.\d{3} → \d\.\d{3} ▼;/m);
    expect(after.stdout).to.match(/^ {2}es: held-out (\d\.\d{3}) → \1;/m);
  });
});
