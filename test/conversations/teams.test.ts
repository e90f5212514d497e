import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adaptiveCards, factSets, renderText, type CardPayload } from '../connectivity/helpers.js';
import { allText, choicesOf, Conversation, type Reply } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

interface DirectoryFile {
  organisations: Array<{ id: string; name: string }>;
  users: Array<{ id: string; aadObjectId?: string; organisationId?: string; name: string; role: string }>;
}

const directory = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../knowledge/demo/directory.json'), 'utf8'),
) as DirectoryFile;
const teamsUser = directory.users.find((u) => u.aadObjectId !== undefined && u.role === 'customer');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Every action anywhere in a card (card actions, ActionSets, selectActions, nested containers). */
function actionsIn(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(actionsIn);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own =
    typeof record['type'] === 'string' && (record['type'] as string).startsWith('Action.') ? [record] : [];
  return [...own, ...Object.values(record).flatMap(actionsIn)];
}

function versionAtMost15(version: string | undefined): boolean {
  const [major, minor] = (version ?? '').split('.').map(Number);
  return major !== undefined && minor !== undefined && (major < 1 || (major === 1 && minor <= 5));
}

describe('conversation: Teams-shaped activities', function () {
  this.timeout(60_000);
  const server = useTestServer();
  /** Every card the bot sent in this file's Teams conversations. */
  const cards: CardPayload[] = [];
  const nonAdaptive: string[] = [];

  function teams(options: {
    userId: string;
    aadObjectId?: string;
  }): Conversation & { collect: (r: Reply[]) => Reply[] } {
    const conv = new Conversation(server.baseUrl, { channelId: 'msteams', tenantId: TENANT, ...options });
    return Object.assign(conv, {
      collect: (replies: Reply[]): Reply[] => {
        cards.push(...adaptiveCards(replies));
        for (const r of replies)
          for (const a of r.attachments ?? [])
            if (a.contentType !== 'application/vnd.microsoft.card.adaptive') nonAdaptive.push(a.contentType);
        return replies;
      },
    });
  }

  it('the activities are Teams-shaped (channelId, tenant, aadObjectId)', () => {
    expect(teamsUser, 'a Teams demo user with an aadObjectId in knowledge/demo/directory.json').to.not.equal(
      undefined,
    );
    const activity = new Conversation('http://127.0.0.1:1', {
      userId: '29:1-any',
      channelId: 'msteams',
      tenantId: TENANT,
      aadObjectId: teamsUser?.aadObjectId ?? '',
    }).activity({ type: 'message', text: 'hi' });
    expect(activity).to.deep.include({ channelId: 'msteams', channelData: { tenant: { id: TENANT } } });
    expect(activity['conversation']).to.deep.include({ tenantId: TENANT, conversationType: 'personal' });
    expect(activity['from']).to.deep.include({ aadObjectId: teamsUser?.aadObjectId });
  });

  it('identifies the Teams user by aadObjectId (not by the channel user id): the welcome names the organisation', async () => {
    const org = directory.organisations.find((o) => o.id === teamsUser?.organisationId);
    // Teams gives every bot its own user id for a person; only the aadObjectId is stable.
    const conv = teams({
      userId: '29:1a-bot-specific-id-not-in-directory',
      aadObjectId: teamsUser?.aadObjectId ?? '',
    });
    const welcome = conv.collect(await conv.join());
    const firstName = (teamsUser?.name ?? '').split(' ')[0] ?? '';
    expect(allText(welcome)).to.contain(
      renderText('en', 'bot.welcome.customer', { name: firstName, organisation: org?.name ?? '?' }),
    );
    expect(org?.name).to.equal('Acme Logistics');

    // A troubleshooting turn works, with the organisation's SIMs.
    const iccid = '8946070000000000027';
    const replies = conv.collect(await conv.say(`no data on ${iccid}`));
    const caseId = /CS-\d+/.exec(allText(replies))?.[0];
    expect(caseId).to.be.a('string');
    const facts = adaptiveCards(replies).flatMap(factSets);
    expect(
      facts.some(
        (f) =>
          f['ICCID'] === iccid && f['Findings']?.includes(renderText('en', 'simCard.finding.APN_MISMATCH')),
      ),
    ).to.equal(true);
    expect(allText(replies)).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
    expect(allText(replies)).to.not.contain(renderText('en', 'bot.error.failure'));
    expect(choicesOf(replies)).to.deep.equal(['Yes', 'No']);
    const done = conv.collect(await conv.say('Yes'));
    expect(allText(done)).to.contain(renderText('en', 'bot.resolved', { caseId: caseId ?? '' }));

    // The follow-up card's Action.Submit comes back as a Teams message with a value, and works.
    const offer = adaptiveCards(done).find((c) => actionsIn(c).length > 0);
    const keepOpen = actionsIn(offer).find((a) => a['title'] === renderText('en', 'followUp.offer.yes'));
    expect(keepOpen, 'the follow-up offer card').to.not.equal(undefined);
    const afterSubmit = conv.collect(await conv.submit(keepOpen?.['data'] as Record<string, unknown>));
    expect(afterSubmit.length).to.be.greaterThan(0);
    expect(allText(afterSubmit))
      .to.contain(caseId ?? '?')
      .and.to.not.contain(renderText('en', 'bot.error.failure'));
  });

  it('an unknown aadObjectId is not identified (no look-up), but still gets help', async () => {
    const conv = teams({ userId: '29:1-stranger', aadObjectId: '00000000-0000-4000-8000-000000000000' });
    const welcome = conv.collect(await conv.join());
    expect(allText(welcome)).to.contain(renderText('en', 'bot.welcome.anonymous'));
    const replies = conv.collect(await conv.say('no data on 8946070000000000027'));
    expect(allText(replies)).to.contain(renderText('en', 'bot.sim.anonymous'));
    expect(adaptiveCards(replies)).to.have.length(0);
  });

  it('more Teams conversations: fleet summary, a handoff, the agent desk', async () => {
    const fleet = teams({ userId: '29:1-fleet', aadObjectId: teamsUser?.aadObjectId ?? '' });
    await fleet.join();
    fleet.collect(await fleet.say('none of my devices have data'));
    const summary = fleet.collect(await fleet.say('All my SIMs'));
    expect(allText(summary)).to.contain(renderText('en', 'simCard.fleetTitle'));

    const voice = teams({ userId: '29:1-voice', aadObjectId: teamsUser?.aadObjectId ?? '' });
    await voice.join();
    const handoff = voice.collect(await voice.say('calls fail on 8946070000000000076'));
    expect(allText(handoff)).to.match(/CS-\d+/);

    const agent = teams({ userId: 'demo-agent' });
    agent.collect(await agent.join());
    const queue = agent.collect(await agent.say('queue'));
    expect(queue.length).to.be.greaterThan(0);
  });

  it('every card sent in these conversations is an Adaptive Card ≤ 1.5 with Action.Submit actions only', () => {
    expect(cards.length, 'cards were sent').to.be.greaterThan(2);
    expect(nonAdaptive, 'only Adaptive Cards').to.deep.equal([]);
    for (const card of cards) {
      expect(card.type).to.equal('AdaptiveCard');
      expect(versionAtMost15(card.version), `version ${card.version}`).to.equal(true);
      for (const action of actionsIn(card))
        expect(action['type'], JSON.stringify(action)).to.equal('Action.Submit');
    }
    expect(
      cards.some((c) => actionsIn(c).length > 0),
      'at least one card with actions was checked',
    ).to.equal(true);
  });
});
