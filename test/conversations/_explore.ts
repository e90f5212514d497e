import { startTestServer } from '../helpers/server.js';
import { Conversation, allText, choicesOf } from '../helpers/conversation.js';
const server = await startTestServer({ ADMIN_TOKEN: 'x'.repeat(32) });
const script = JSON.parse(process.argv[2] ?? '{}') as { user: string; locale?: string; msgs: string[] };
const c = new Conversation(server.baseUrl, { userId: script.user, locale: script.locale ?? 'en-US' });
const show = (label: string, r: Awaited<ReturnType<Conversation['say']>>) => { console.log(`>>> ${label}`); for (const a of r) console.log(`  [${a.type}${a.name ? ':' + a.name : ''}] ${a.text ?? ''} ${a.suggestedActions ? JSON.stringify(choicesOf([a])) : ''} ${a.attachments ? JSON.stringify(a.attachments).slice(0, 200) : ''}`); };
show('join', await c.join());
for (const m of script.msgs) show(m, await c.say(m));
await server.close();
