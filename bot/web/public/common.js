/* global window, document, navigator, localStorage, fetch, location */
// Shared browser code of the Firstline pages: configuration, language, and starting Web Chat.

/** Texts of both pages, per language. */
const texts = {
  en: {
    tagline: 'Connectivity help for your SIMs, 24/7',
    introTitle: 'How can we help?',
    introText:
      'Tell Firstline what your devices are doing. It checks your SIMs live and hands over to our operations team when a person is needed.',
    hint1: '“Our meters have no data since yesterday”',
    hint2: '“SMS are not delivered to 8946070000000000068”',
    hint3: '“What is the status of CS-10001?”',
    chatSub: 'Virtual assistant · agents on call',
    switchUser: 'Switch user',
    pickTitle: 'Demo mode — chat as:',
    userAcme: 'Fleet tracking · standard',
    userNordlys: 'Smart metering · VIP',
    orgPrivate: 'Private customer',
    userPrivate: 'Holiday-cottage router',
    placeholder: 'Describe the problem…',
    agentPlaceholder: 'Type a command or reply to the customer…',
    needToken: 'This chat must be opened from the operator’s site, which signs you in.',
    failed: 'The chat could not start. Please reload the page.',
    agentTagline: 'Pick up handoffs, talk to customers, resolve',
    commandsTitle: 'Commands',
    cmdQueue: 'Show queue',
    cmdPick: 'Pick next',
    cmdHelp: 'Help',
    cmdResolve: 'Resolve',
    commandsHint: 'You can also type: pick CS-123, note …, transfer …',
    agentSub: 'Agent channel',
    signedInAs: 'Signed in as',
  },
  es: {
    tagline: 'Ayuda de conectividad para sus SIM, 24/7',
    introTitle: '¿En qué podemos ayudarle?',
    introText:
      'Cuéntele a Firstline qué hacen sus dispositivos. Comprueba sus SIM en vivo y pasa el caso a nuestro equipo de operaciones cuando hace falta una persona.',
    hint1: '“Nuestros contadores no tienen datos desde ayer”',
    hint2: '“Los SMS no llegan al 8946070000000000068”',
    hint3: '“¿Cómo va el caso CS-10001?”',
    chatSub: 'Asistente virtual · agentes de guardia',
    switchUser: 'Cambiar usuario',
    pickTitle: 'Modo demo — chatear como:',
    userAcme: 'Seguimiento de flotas · estándar',
    userNordlys: 'Telemedida · VIP',
    orgPrivate: 'Cliente particular',
    userPrivate: 'Router de casa de vacaciones',
    placeholder: 'Describa el problema…',
    agentPlaceholder: 'Escriba un comando o responda al cliente…',
    needToken: 'Este chat debe abrirse desde el sitio del operador, que le identifica.',
    failed: 'No se pudo iniciar el chat. Recargue la página.',
    agentTagline: 'Atender traspasos, hablar con clientes, resolver',
    commandsTitle: 'Comandos',
    cmdQueue: 'Ver cola',
    cmdPick: 'Atender siguiente',
    cmdHelp: 'Ayuda',
    cmdResolve: 'Resolver',
    commandsHint: 'También puede escribir: pick CS-123, note …, transfer …',
    agentSub: 'Canal de agentes',
    signedInAs: 'Conectado como',
  },
};

/** The JSON the server put into the page. */
export function readConfig() {
  const element = document.getElementById('firstline-config');
  return JSON.parse(element ? element.textContent : '{}');
}

/** The chosen language: an explicit switch wins, else the browser's. */
export function initialLanguage() {
  const saved = localStorage.getItem('firstline.lang');
  if (saved === 'en' || saved === 'es') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** A text in the given language. */
export function t(lang, key) {
  return (texts[lang] && texts[lang][key]) || texts.en[key] || key;
}

/** Applies the language to every `data-i18n` element and the switch buttons. */
export function applyLanguage(lang) {
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(lang, element.getAttribute('data-i18n'));
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang));
  }
}

/** Wires the EN/ES switch; `onChange` runs after the language changed. */
export function bindLanguageSwitch(onChange) {
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      const lang = button.getAttribute('data-lang');
      localStorage.setItem('firstline.lang', lang);
      applyLanguage(lang);
      onChange(lang);
    });
  }
}

/** Shows or hides the notice banner. */
export function showNotice(text) {
  const notice = document.getElementById('notice');
  notice.textContent = text || '';
  notice.hidden = !text;
}

/** POSTs JSON to this origin and returns the JSON answer, failing on any non-2xx status. */
export async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** Web Chat look in the operator's colours. */
export function styleOptions(userInitials) {
  return {
    accent: '#00a88f',
    backgroundColor: '#f7fafb',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#d7e2e6',
    bubbleBorderRadius: 14,
    bubbleFromUserBackground: '#0f4c5c',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserBorderColor: '#0f4c5c',
    botAvatarInitials: 'FL',
    botAvatarBackgroundColor: '#00a88f',
    userAvatarInitials: userInitials,
    userAvatarBackgroundColor: '#0f4c5c',
    hideUploadButton: true,
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#00a88f',
    suggestedActionTextColor: '#0f4c5c',
    suggestedActionBorderRadius: 999,
    sendBoxButtonColor: '#0f4c5c',
    typingAnimationDuration: 5000,
  };
}

/**
 * Renders Web Chat into `#webchat` over this server's Direct Line (WebSocket, as any Web Chat embed does).
 * With `conversationId` it resumes that conversation (its history replays); without, it starts a new one.
 * `renderProps` are merged into Web Chat's props (middleware).
 * @returns The Web Chat store, so the page can send messages from its own buttons.
 */
export function startWebChat({
  token,
  userId,
  userName,
  lang,
  initials,
  placeholderKey = 'placeholder',
  conversationId,
  renderProps = {},
}) {
  const WebChat = window.WebChat;
  const directLine = WebChat.createDirectLine({
    token,
    domain: `${location.origin}/v3/directline`,
    ...(conversationId ? { conversationId } : {}),
  });
  const store = WebChat.createStore();
  // A fresh element per chat: rendering again into the element of an earlier chat left the chat blank.
  const element = document.createElement('div');
  element.className = 'webchat-root';
  document.getElementById('webchat').replaceChildren(element);
  WebChat.renderWebChat(
    {
      directLine,
      store,
      userID: userId,
      username: userName,
      locale: lang === 'es' ? 'es-ES' : 'en-US',
      styleOptions: styleOptions(initials),
      overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: t(lang, placeholderKey) },
      ...renderProps,
    },
    element,
  );
  return { store, directLine };
}
