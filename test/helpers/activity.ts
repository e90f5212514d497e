/**
 * The smallest activity `/api/messages` accepts (a message from demo-user in a fresh conversation, replies
 * inline), with `fields` overriding any part — for tests that post raw or deliberately broken activities.
 */
export function minimalActivity(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text: 'hello',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: 'demo-user' },
    recipient: { id: 'firstline' },
    conversation: { id: `conv-${Math.random()}` },
    ...fields,
  };
}
