/* global document, sessionStorage, window, location, fetch */
// The customer widget: demo-user picker in local mode, else a token from the embedding site. The chat survives
// a reload, a language switch and a user switch: the conversation and its token are kept in this tab's
// sessionStorage and resumed (history replayed from the stream), never silently replaced by a new one.
import { agentIdentityProps } from './agentIdentity.js';
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
const CURRENT = 'firstline.chat.current';
/** Key of a user's saved chat; outside local mode the embedding site knows the user, so there is one. */
const chatKey = (userId) => `firstline.chat.${config.localMode ? userId : 'site'}`;

function readChat(userId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(chatKey(userId)) || 'null');
    return saved && typeof saved.conversationId === 'string' && typeof saved.token === 'string'
      ? saved
      : null;
  } catch {
    return null;
  }
}

function saveChat(userId, chat) {
  sessionStorage.setItem(chatKey(userId), JSON.stringify(chat));
  sessionStorage.setItem(CURRENT, userId);
}

/** The token Web Chat holds now (it refreshes it every 15 minutes), kept for the next reload. */
function rememberToken() {
  const chat = session.chat;
  const saved = chat && readChat(session.userId);
  if (saved && chat.directLine.token) saveChat(session.userId, { ...saved, token: chat.directLine.token });
}

/** A fresh token for a saved conversation straight from Direct Line, or null when the saved one expired. */
async function refreshSaved(saved) {
  try {
    const response = await fetch(`${location.origin}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${saved.token}` },
    });
    if (!response.ok) return null;
    const answer = await response.json();
    return answer.conversationId === saved.conversationId ? answer : null;
  } catch {
    return null;
  }
}

/** A token from the page's token route; with `conversationId` the route resumes that conversation if it may. */
function tokenFromRoute(userId, locale, conversationId) {
  const resume = conversationId ? { conversationId } : {};
  return config.localMode
    ? postJson('/api/webchat/token', { userId, locale, ...resume })
    : postJson(config.customerTokenUrl, { locale, ...resume });
}

function stopChat() {
  rememberToken();
  if (session.chat) session.chat.directLine.end();
  session.chat = null;
  document.getElementById('webchat').replaceChildren();
}

async function startAs(userId) {
  stopChat();
  showNotice('');
  try {
    const locale = session.lang === 'es' ? 'es-ES' : 'en-US';
    const saved = readChat(userId);
    const answer =
      (saved && (await refreshSaved(saved))) || (await tokenFromRoute(userId, locale, saved?.conversationId));
    const resumed = Boolean(saved) && answer.conversationId === saved.conversationId;
    session.userId = answer.userId || userId;
    saveChat(userId, { conversationId: answer.conversationId, token: answer.token });
    session.chat = startWebChat({
      token: answer.token,
      userId: session.userId,
      lang: session.lang,
      initials: initialsOf[session.userId] || 'ME',
      ...(resumed ? { conversationId: answer.conversationId } : {}),
      renderProps: agentIdentityProps(),
    });
    picker.hidden = true;
    switchUser.hidden = !config.localMode;
    document.body.dataset.chatUser = session.userId;
    document.body.dataset.conversationId = answer.conversationId;
  } catch {
    showNotice(t(session.lang, 'failed'));
  }
}

function showPicker() {
  stopChat();
  session.userId = '';
  sessionStorage.removeItem(CURRENT);
  delete document.body.dataset.chatUser;
  delete document.body.dataset.conversationId;
  picker.hidden = false;
  switchUser.hidden = true;
}

applyLanguage(session.lang);
bindLanguageSwitch((lang) => {
  session.lang = lang;
  // Web Chat's locale is fixed at render time: render again in the new language, same conversation.
  if (session.chat) startAs(session.userId);
});
for (const card of document.querySelectorAll('[data-user]')) {
  card.addEventListener('click', () => startAs(card.getAttribute('data-user')));
}
switchUser.addEventListener('click', showPicker);
window.addEventListener('pagehide', rememberToken);

const current = sessionStorage.getItem(CURRENT);
if (config.localMode && current && readChat(current)) startAs(current);
else if (config.localMode) showPicker();
else if (config.customerTokenUrl) startAs('');
else showNotice(t(session.lang, 'needToken'));
