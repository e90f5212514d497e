/* global document */
// The agent desk: Web Chat as the agent, plus buttons that send the desk commands.
import {
  applyLanguage,
  bindLanguageSwitch,
  initialLanguage,
  postJson,
  readConfig,
  showNotice,
  startWebChat,
  t,
} from './common.js';

const config = readConfig();
const session = { lang: initialLanguage(), chat: null };

async function start() {
  if (session.chat) session.chat.directLine.end();
  showNotice('');
  try {
    const locale = session.lang === 'es' ? 'es-ES' : 'en-US';
    const answer = config.localMode
      ? await postJson('/api/webchat/token', { userId: config.agentUserId, name: 'Agent', locale })
      : await postJson(config.agentTokenUrl, { locale });
    session.chat = startWebChat({
      token: answer.token,
      userId: answer.userId || config.agentUserId,
      userName: 'Agent',
      lang: session.lang,
      initials: 'AG',
      placeholderKey: 'agentPlaceholder',
    });
    document.getElementById('agent-id').textContent =
      `${t(session.lang, 'signedInAs')} ${config.agentUserId}`;
    document.body.dataset.chatUser = config.agentUserId;
  } catch {
    showNotice(t(session.lang, 'failed'));
  }
}

for (const button of document.querySelectorAll('[data-command]')) {
  button.addEventListener('click', () => {
    if (!session.chat) return;
    session.chat.store.dispatch({
      type: 'WEB_CHAT/SEND_MESSAGE',
      payload: { text: button.getAttribute('data-command') },
    });
  });
}

applyLanguage(session.lang);
bindLanguageSwitch((lang) => {
  // Only the page texts follow: restarting would give the agent a new conversation mid-handoff.
  session.lang = lang;
});
start();
