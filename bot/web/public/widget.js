/* global document */
// The customer widget: demo-user picker in local mode, else a token from the embedding site.
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
const picker = document.getElementById('picker');
const switchUser = document.getElementById('switch-user');
const session = { lang: initialLanguage(), userId: '', chat: null };

const initialsOf = { 'demo-user': 'AL', 'demo-vip': 'NE', 'demo-consumer': 'PC' };

function stopChat() {
  if (session.chat) session.chat.directLine.end();
  session.chat = null;
  document.getElementById('webchat').replaceChildren();
}

async function startAs(userId) {
  stopChat();
  showNotice('');
  try {
    const locale = session.lang === 'es' ? 'es-ES' : 'en-US';
    const answer = config.localMode
      ? await postJson('/api/webchat/token', { userId, locale })
      : await postJson(config.customerTokenUrl, { locale });
    session.userId = answer.userId || userId;
    session.chat = startWebChat({
      token: answer.token,
      userId: session.userId,
      lang: session.lang,
      initials: initialsOf[session.userId] || 'ME',
    });
    picker.hidden = true;
    switchUser.hidden = !config.localMode;
    document.body.dataset.chatUser = session.userId;
  } catch {
    showNotice(t(session.lang, 'failed'));
  }
}

function showPicker() {
  stopChat();
  session.userId = '';
  delete document.body.dataset.chatUser;
  picker.hidden = false;
  switchUser.hidden = true;
}

applyLanguage(session.lang);
bindLanguageSwitch((lang) => {
  session.lang = lang;
  // Web Chat's locale is fixed at render time; a new conversation greets in the new language.
  if (session.userId) startAs(session.userId);
});
for (const card of document.querySelectorAll('[data-user]')) {
  card.addEventListener('click', () => startAs(card.getAttribute('data-user')));
}
switchUser.addEventListener('click', showPicker);

if (config.localMode) showPicker();
else if (config.customerTokenUrl) startAs('');
else showNotice(t(session.lang, 'needToken'));
