import axios, { type AxiosResponse } from 'axios';
import { expect } from 'chai';
import { startEchoBotServer, type EchoBotServer } from './echoBotServer.js';

interface Stream {
  activities: {
    id: string;
    type: string;
    text?: string;
    from: { id: string; role?: string };
    [k: string]: unknown;
  }[];
  watermark: string;
}

const http = axios.create({ validateStatus: () => true });
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function demoToken(base: string, userId: string): Promise<{ token: string; conversationId: string }> {
  const res = await http.post(`${base}/api/webchat/token`, { userId });
  expect(res.status, JSON.stringify(res.data)).to.equal(200);
  return res.data as { token: string; conversationId: string };
}

async function poll(base: string, id: string, token: string, watermark?: string): Promise<Stream> {
  const query = watermark === undefined ? '' : `?watermark=${watermark}`;
  const res = await http.get(`${base}/v3/directline/conversations/${id}/activities${query}`, bearer(token));
  expect(res.status, JSON.stringify(res.data)).to.equal(200);
  return res.data as Stream;
}

async function waitForStream(
  base: string,
  id: string,
  token: string,
  done: (s: Stream) => boolean,
  watermark?: string,
): Promise<Stream> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const stream = await poll(base, id, token, watermark);
    if (done(stream)) return stream;
    if (Date.now() > deadline) throw new Error(`stream never matched: ${JSON.stringify(stream.activities)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const texts = (s: Stream) => s.activities.map((a) => a.text);

describe('local Direct Line 3.0', () => {
  let clock = Date.now();
  let local: EchoBotServer;
  let secured: EchoBotServer;
  let productionNoSecret: EchoBotServer;

  before(async () => {
    local = await startEchoBotServer({ localMode: true, tokenTtlSeconds: 1800, now: () => clock });
    secured = await startEchoBotServer({ localMode: false, secret: 's3cret-for-tests' });
    productionNoSecret = await startEchoBotServer({ localMode: false });
  });
  after(async () => {
    await Promise.all([local.close(), secured.close(), productionNoSecret.close()]);
  });

  describe('token generation', () => {
    it('requires the secret when one is configured', async () => {
      const url = `${secured.baseUrl}/v3/directline/tokens/generate`;
      expect((await http.post(url, {})).status).to.equal(401);
      expect((await http.post(url, {}, bearer('wrong'))).status).to.equal(403);
      const ok = await http.post(
        url,
        { user: { id: 'customer-42', name: 'Ada' } },
        bearer('s3cret-for-tests'),
      );
      expect(ok.status).to.equal(200);
      expect(ok.data).to.include.keys('conversationId', 'token', 'expires_in');
      expect(ok.data.token).to.not.include('s3cret');
    });

    it('works without a secret only in local mode, and only for demo- users', async () => {
      const url = (s: EchoBotServer) => `${s.baseUrl}/v3/directline/tokens/generate`;
      expect((await http.post(url(productionNoSecret), { user: { id: 'demo-user' } })).status).to.equal(403);
      expect((await http.post(url(local), { user: { id: 'demo-user' } })).status).to.equal(200);
      const impostor = await http.post(url(local), { user: { id: 'ceo-of-acme' } });
      expect(impostor.status).to.equal(403);
      expect(impostor.data.error.message).to.match(/demo-/);
    });

    it('serves the demo token route only in local mode', async () => {
      expect((await http.post(`${local.baseUrl}/api/webchat/token`, { userId: 'demo-vip' })).status).to.equal(
        200,
      );
      expect((await http.post(`${local.baseUrl}/api/webchat/token`, { userId: 'root' })).status).to.equal(
        400,
      );
      const remote = await http.post(`${secured.baseUrl}/api/webchat/token`, { userId: 'demo-vip' });
      expect(remote.status).to.equal(403);
    });
  });

  describe('a conversation', () => {
    let conv: { token: string; conversationId: string };
    let afterWelcome: string;

    before(async () => {
      conv = await demoToken(local.baseUrl, 'demo-alice');
    });

    it('starts with 201 and the bot welcomes the user (conversationUpdate reached it)', async () => {
      const res = await http.post(
        `${local.baseUrl}/v3/directline/conversations`,
        undefined,
        bearer(conv.token),
      );
      expect(res.status).to.equal(201);
      expect(res.data.conversationId).to.equal(conv.conversationId);
      expect(res.data).to.include.keys('token', 'expires_in', 'streamUrl');
      const stream = await waitForStream(local.baseUrl, conv.conversationId, conv.token, (s) =>
        texts(s).includes('Welcome demo-alice'),
      );
      afterWelcome = stream.watermark;
      expect(afterWelcome).to.be.a('string');
      const update = local.received.find(
        (a) => a.type === 'conversationUpdate' && a.conversation?.id === conv.conversationId,
      );
      expect(update?.membersAdded?.map((m) => m.id)).to.include('demo-alice');
      expect(update?.channelId).to.equal('directline');
    });

    it('does not welcome twice when the conversation is started again (reconnect)', async () => {
      const again = await http.post(
        `${local.baseUrl}/v3/directline/conversations`,
        undefined,
        bearer(conv.token),
      );
      expect(again.status).to.equal(200);
      const get = await http.get(
        `${local.baseUrl}/v3/directline/conversations/${conv.conversationId}`,
        bearer(conv.token),
      );
      expect(get.status).to.equal(200);
      expect(get.data.conversationId).to.equal(conv.conversationId);
      const updates = local.received.filter(
        (a) => a.type === 'conversationUpdate' && a.conversation?.id === conv.conversationId,
      );
      expect(updates).to.have.length(1);
    });

    it('echoes the user activity with its clientActivityID, ignores a spoofed from.id, and shows the replies in order', async () => {
      const post = await http.post(
        `${local.baseUrl}/v3/directline/conversations/${conv.conversationId}/activities`,
        {
          type: 'message',
          text: 'hello bot',
          from: { id: 'demo-vip', name: 'Someone else' },
          channelData: { clientActivityID: 'client-123' },
        },
        bearer(conv.token),
      );
      expect(post.status, JSON.stringify(post.data)).to.equal(200);
      expect(post.data.id).to.be.a('string').and.not.equal('');

      const stream = await waitForStream(
        local.baseUrl,
        conv.conversationId,
        conv.token,
        (s) => s.activities.some((a) => a.suggestedActions !== undefined),
        afterWelcome,
      );
      const [echo, ...replies] = stream.activities;
      expect(echo?.id).to.equal(post.data.id);
      expect((echo?.channelData as { clientActivityID?: string }).clientActivityID).to.equal('client-123');
      expect(echo?.from.id).to.equal('demo-alice');
      // typing travels over WebSockets only (as Azure's): a poll never sees it.
      expect(replies.map((a) => a.type)).to.deep.equal(['message', 'message']);
      const reply = replies[1];
      expect(reply?.text).to.equal('Echo: hello bot');
      expect(reply?.replyToId).to.equal(post.data.id);
      const actions = (reply?.suggestedActions as { actions: { title: string }[] }).actions.map(
        (a) => a.title,
      );
      expect(actions).to.deep.equal(['Option A', 'Option B']);
      const card = (replies[0]?.attachments as { contentType: string; content: { version: string } }[])[0];
      expect(card?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
      expect(card?.content.version).to.equal('1.5');
      expect(texts(stream)).to.not.include('Welcome demo-alice');

      const seenByBot = local.received.find((a) => a.text === 'hello bot');
      expect(seenByBot?.from?.id).to.equal('demo-alice');
      expect(seenByBot?.recipient?.id).to.equal('firstline');
      expect(seenByBot?.serviceUrl).to.equal(local.baseUrl);

      const empty = await poll(local.baseUrl, conv.conversationId, conv.token, stream.watermark);
      expect(empty.activities).to.deep.equal([]);
      expect(empty.watermark).to.equal(stream.watermark);
      afterWelcome = stream.watermark;
    });

    it('delivers proactive messages, including to activity ids never seen before', async () => {
      const reference = local.references.get(conv.conversationId);
      expect(reference).to.not.equal(undefined);
      await local.adapter.continueConversationAsync('', reference ?? {}, async (context) => {
        await context.sendActivity('proactive hello');
      });
      const encoded = encodeURIComponent(conv.conversationId);
      const fresh = await http.post(
        `${local.baseUrl}/v3/conversations/${encoded}/activities/${encodeURIComponent('x|never-seen')}`,
        {
          type: 'message',
          text: 'out of the blue',
          from: { id: 'firstline' },
        },
      );
      expect(fresh.status).to.equal(200);
      expect(fresh.data.id).to.be.a('string');
      const plain = await http.post(`${local.baseUrl}/v3/conversations/${encoded}/activities`, {
        type: 'message',
        text: 'no reply id',
      });
      expect(plain.status).to.equal(200);
      const stream = await waitForStream(
        local.baseUrl,
        conv.conversationId,
        conv.token,
        (s) => texts(s).includes('no reply id'),
        afterWelcome,
      );
      expect(texts(stream)).to.deep.equal(['proactive hello', 'out of the blue', 'no reply id']);
      // Web Chat would hold a reply to an activity it never saw for 5 s: an unknown replyToId is dropped.
      expect(stream.activities[1]?.replyToId).to.equal(undefined);
      expect(stream.activities.every((a) => a.from.role === 'bot')).to.equal(true);
      const members = await http.get(`${local.baseUrl}/v3/conversations/${encoded}/members`);
      expect(members.data.map((m: { id: string }) => m.id)).to.include('demo-alice');
      const unknown = await http.post(`${local.baseUrl}/v3/conversations/nope/activities`, {
        type: 'message',
      });
      expect(unknown.status).to.equal(404);
    });

    it('never lets a token read or post to another conversation (403)', async () => {
      const other = await demoToken(local.baseUrl, 'demo-bob');
      await http.post(`${local.baseUrl}/v3/directline/conversations`, undefined, bearer(other.token));
      const read = await http.get(
        `${local.baseUrl}/v3/directline/conversations/${conv.conversationId}/activities`,
        bearer(other.token),
      );
      expect(read.status).to.equal(403);
      expect(JSON.stringify(read.data)).to.not.include('hello bot');
      const write = await http.post(
        `${local.baseUrl}/v3/directline/conversations/${conv.conversationId}/activities`,
        { type: 'message', text: 'intrusion' },
        bearer(other.token),
      );
      expect(write.status).to.equal(403);
      const reconnect = await http.get(
        `${local.baseUrl}/v3/directline/conversations/${conv.conversationId}`,
        bearer(other.token),
      );
      expect(reconnect.status).to.equal(403);
      expect(local.received.some((a) => a.text === 'intrusion')).to.equal(false);
      const forged = `${other.token.split('.')[0]}.${conv.token.split('.')[1]}`;
      expect((await poll403(local.baseUrl, other.conversationId, forged)).status).to.equal(403);
      expect(
        (await http.get(`${local.baseUrl}/v3/directline/conversations/${conv.conversationId}/activities`))
          .status,
      ).to.equal(401);
    });

    it('refreshes tokens, and expired tokens get 403 TokenExpired', async () => {
      const refreshed = await http.post(
        `${local.baseUrl}/v3/directline/tokens/refresh`,
        undefined,
        bearer(conv.token),
      );
      expect(refreshed.status).to.equal(200);
      expect(refreshed.data.conversationId).to.equal(conv.conversationId);
      expect(refreshed.data.token).to.not.equal(conv.token);
      clock += 1_200_000;
      const late = await http.post(
        `${local.baseUrl}/v3/directline/tokens/refresh`,
        undefined,
        bearer(refreshed.data.token),
      );
      expect(late.status).to.equal(200);
      clock += 700_000; // the original token (1800 s) is now expired, the refreshed ones are not
      const expired = await poll403(local.baseUrl, conv.conversationId, conv.token);
      expect(expired.status).to.equal(403);
      expect(expired.data.error.code).to.equal('TokenExpired');
      expect(
        (await http.post(`${local.baseUrl}/v3/directline/tokens/refresh`, undefined, bearer(conv.token)))
          .status,
      ).to.equal(403);
      const stream = await poll(local.baseUrl, conv.conversationId, late.data.token as string);
      expect(texts(stream)).to.include('Echo: hello bot');
    });

    it('refuses malformed bodies with 400 and a clear message', async () => {
      const fresh = await demoToken(local.baseUrl, 'demo-carol');
      const url = `${local.baseUrl}/v3/directline/conversations/${fresh.conversationId}/activities`;
      const badType = await http.post(url, { type: 'hack', text: 'x' }, bearer(fresh.token));
      expect(badType.status).to.equal(400);
      expect(badType.data.error.message).to.match(/type/);
      const notJson = await http.post(url, '{"type":', {
        headers: { Authorization: `Bearer ${fresh.token}`, 'Content-Type': 'application/json' },
      });
      expect(notJson.status).to.equal(400);
      const badUser = await http.post(`${local.baseUrl}/v3/directline/tokens/generate`, {
        user: { id: '<script>' },
      });
      expect(badUser.status).to.equal(400);
      expect(badUser.data.error.message).to.match(/user\.id/);
      const badWatermark = await http.get(`${url}?watermark=abc`, bearer(fresh.token));
      expect(badWatermark.status).to.equal(400);
    });
  });
});

function poll403(base: string, id: string, token: string): Promise<AxiosResponse> {
  return http.get(`${base}/v3/directline/conversations/${id}/activities`, bearer(token));
}
