/* global document, window, fetch, EventSource, location, localStorage, navigator, setTimeout, clearTimeout, setInterval, URLSearchParams */
// Firstline agent console: the queue, one pane per open case, live over server-sent events.
// Every element is built with text nodes (never innerHTML): customer text can never become markup.

const TEXTS = {
  en: {
    consoleTitle: 'Agent console',
    availability: 'Availability',
    available: 'Available',
    away: 'Away',
    signOut: 'Sign out',
    signInTitle: 'Sign in',
    signInText: 'Use the agent token the administrator issued to you.',
    tokenLabel: 'Agent token',
    signIn: 'Sign in',
    demoTitle: 'Local mode — sign in as a demo agent',
    teamsSigningIn: 'Signing you in with your Teams account…',
    teamsFailed: 'Teams sign-in did not work ({reason}). Sign in with your agent token instead.',
    signInFailed: 'Sign-in failed: {reason}',
    queue: 'Queue',
    mine: 'My cases',
    noPanes: 'Open a case from the queue or from your cases. Several can be open side by side.',
    cancel: 'Cancel',
    queueEmpty: 'Nobody is waiting.',
    mineEmpty: 'You hold no cases.',
    open: 'Open',
    pick: 'Pick up',
    decline: 'Decline',
    offeredToYou: 'Offered to you',
    offeredTo: 'Offered to {name}',
    waiting: 'waiting {time}',
    dueIn: 'response due in {time}',
    overdue: 'response {time} overdue',
    sims: '{count} SIMs',
    sim: '1 SIM',
    close: 'Close',
    closePane: 'Close pane {id}',
    resolve: 'Resolve',
    transfer: 'Transfer',
    handBack: 'Hand back to bot',
    release: 'Back to queue',
    send: 'Send',
    addNote: 'Add note',
    noteMode: 'Internal note (never sent)',
    cannedPlaceholder: 'Insert a canned reply…',
    replyLabel: 'Reply to {customer} ({id})',
    noteLabel: 'Internal note on {id}',
    sendHint: 'Enter sends · Shift+Enter new line',
    readOnly: 'Read only: {reason}',
    queuedReadOnly: 'pick the case up to answer.',
    heldBy: 'this case is with {name}.',
    closedReadOnly: 'the case is {status}.',
    customer: 'Customer',
    organisation: 'Organisation',
    vip: 'VIP',
    yes: 'yes',
    no: 'no',
    language: 'Language',
    priority: 'Priority',
    why: 'Handed over',
    channel: 'Channel',
    simsTitle: 'SIMs on the case',
    noSims: 'No SIM named yet.',
    refreshSims: 'Refresh live',
    liveChecked: 'Checked live at {time}',
    findings: 'Findings',
    checks: 'Checks done',
    none: 'None',
    incident: 'Linked incident',
    earlier: 'Earlier cases of these SIMs',
    merge: 'Merge into {id}',
    mergeTitle: 'Merge {dup} into {id}?',
    mergeText: '{dup} is closed as a duplicate; its conversation, notes, SIMs and findings move to {id}.',
    notes: 'Notes',
    fromCustomer: '{name} (customer)',
    fromBot: 'Firstline assistant',
    fromAgentMe: 'You',
    internalNote: 'Internal note · {name}',
    fromMerged: 'from {id}',
    delivery_sent: 'Sending…',
    delivery_delivered: 'Delivered',
    delivery_failed: 'Not delivered: {error}',
    typing: '{name} is typing…',
    transferTitle: 'Transfer {id}',
    transferTo: 'To',
    agents: 'Agents',
    teams: 'Teams',
    resolveTitle: 'Resolve {id}',
    summaryLabel: 'Summary for the customer (optional)',
    handBackTitle: 'Hand {id} back to the assistant?',
    handBackText: 'The customer is told you left and continues with the assistant.',
    releaseTitle: 'Put {id} back in the queue?',
    releaseText: 'The case is offered to the next available agent.',
    ok: 'OK',
    failedAction: 'That did not work: {reason}',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    dropped: '{count} older lines were dropped.',
    status_queued: 'queued',
    lookupNotFound: 'not in this organisation’s inventory',
    lookupUnavailable: 'platform unavailable',
    lookupInvalid: 'not a valid ICCID',
    sessionUp: 'data session up',
    sessionDown: 'no data session',
    sessionNone: 'never had a session',
  },
  es: {
    consoleTitle: 'Consola de agentes',
    availability: 'Disponibilidad',
    available: 'Disponible',
    away: 'Ausente',
    signOut: 'Cerrar sesión',
    signInTitle: 'Iniciar sesión',
    signInText: 'Use el token de agente que le dio el administrador.',
    tokenLabel: 'Token de agente',
    signIn: 'Entrar',
    demoTitle: 'Modo local — entrar como agente de demostración',
    teamsSigningIn: 'Iniciando sesión con su cuenta de Teams…',
    teamsFailed: 'El inicio de sesión de Teams no funcionó ({reason}). Entre con su token de agente.',
    signInFailed: 'No se pudo entrar: {reason}',
    queue: 'Cola',
    mine: 'Mis casos',
    noPanes: 'Abra un caso de la cola o de sus casos. Puede tener varios abiertos a la vez.',
    cancel: 'Cancelar',
    queueEmpty: 'No hay nadie esperando.',
    mineEmpty: 'No tiene ningún caso.',
    open: 'Abrir',
    pick: 'Tomar',
    decline: 'Rechazar',
    offeredToYou: 'Se le ofrece',
    offeredTo: 'Ofrecido a {name}',
    waiting: 'esperando {time}',
    dueIn: 'respuesta en {time}',
    overdue: 'respuesta con {time} de retraso',
    sims: '{count} SIM',
    sim: '1 SIM',
    close: 'Cerrar',
    closePane: 'Cerrar el panel {id}',
    resolve: 'Resolver',
    transfer: 'Transferir',
    handBack: 'Devolver al bot',
    release: 'Devolver a la cola',
    send: 'Enviar',
    addNote: 'Añadir nota',
    noteMode: 'Nota interna (nunca se envía)',
    cannedPlaceholder: 'Insertar una respuesta predefinida…',
    replyLabel: 'Responder a {customer} ({id})',
    noteLabel: 'Nota interna en {id}',
    sendHint: 'Intro envía · Mayús+Intro nueva línea',
    readOnly: 'Solo lectura: {reason}',
    queuedReadOnly: 'tome el caso para responder.',
    heldBy: 'este caso lo tiene {name}.',
    closedReadOnly: 'el caso está {status}.',
    customer: 'Cliente',
    organisation: 'Organización',
    vip: 'VIP',
    yes: 'sí',
    no: 'no',
    language: 'Idioma',
    priority: 'Prioridad',
    why: 'Motivo del traspaso',
    channel: 'Canal',
    simsTitle: 'SIM del caso',
    noSims: 'Aún no se ha nombrado ninguna SIM.',
    refreshSims: 'Consultar en vivo',
    liveChecked: 'Consultado en vivo a las {time}',
    findings: 'Hallazgos',
    checks: 'Comprobaciones hechas',
    none: 'Ninguno',
    incident: 'Incidencia vinculada',
    earlier: 'Casos anteriores de estas SIM',
    merge: 'Unir a {id}',
    mergeTitle: '¿Unir {dup} a {id}?',
    mergeText: '{dup} se cierra como duplicado; su conversación, notas, SIM y hallazgos pasan a {id}.',
    notes: 'Notas',
    fromCustomer: '{name} (cliente)',
    fromBot: 'Asistente Firstline',
    fromAgentMe: 'Usted',
    internalNote: 'Nota interna · {name}',
    fromMerged: 'de {id}',
    delivery_sent: 'Enviando…',
    delivery_delivered: 'Entregado',
    delivery_failed: 'No entregado: {error}',
    typing: '{name} está escribiendo…',
    transferTitle: 'Transferir {id}',
    transferTo: 'A',
    agents: 'Agentes',
    teams: 'Equipos',
    resolveTitle: 'Resolver {id}',
    summaryLabel: 'Resumen para el cliente (opcional)',
    handBackTitle: '¿Devolver {id} al asistente?',
    handBackText: 'Se avisa al cliente de que se ha ido y sigue con el asistente.',
    releaseTitle: '¿Devolver {id} a la cola?',
    releaseText: 'El caso se ofrece al siguiente agente disponible.',
    ok: 'Aceptar',
    failedAction: 'No ha funcionado: {reason}',
    connected: 'En vivo',
    reconnecting: 'Reconectando…',
    dropped: 'Se descartaron {count} líneas antiguas.',
    status_queued: 'en cola',
    lookupNotFound: 'no está en el inventario de esta organización',
    lookupUnavailable: 'plataforma no disponible',
    lookupInvalid: 'ICCID no válido',
    sessionUp: 'sesión de datos activa',
    sessionDown: 'sin sesión de datos',
    sessionNone: 'nunca tuvo sesión',
  },
};

const state = {
  lang: initialLanguage(),
  config: { localMode: false, teamsSso: false },
  csrf: '',
  me: undefined,
  queue: [],
  mine: [],
  offers: [],
  agents: [],
  teams: [],
  /** caseId → pane */
  panes: new Map(),
  /** caseId → unread count (cases of mine not open in a pane) */
  unread: new Map(),
  events: undefined,
};

/* ---------- small helpers ---------- */

function initialLanguage() {
  const saved = localStorage.getItem('firstline.console.lang');
  if (saved === 'en' || saved === 'es') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** A UI text with `{placeholders}` filled. */
function t(key, vars = {}) {
  const text = (TEXTS[state.lang] && TEXTS[state.lang][key]) || TEXTS.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (vars[name] === undefined ? whole : String(vars[name])));
}

/** An element: `attrs` sets properties/attributes (`on*` = listeners), children are nodes or text. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key in el && !key.includes('-')) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof window.Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace an element's children with `children` (as {@link h} takes them: null/false skipped, arrays flattened). */
/**
 * Replaces `el`'s children. A control inside it that had the keyboard focus gets it back in the new content (found by
 * its aria-label, which names the action and the case): a live update of the queue must not throw a keyboard user's
 * focus back to the page while they are about to press Enter.
 */
function fill(el, ...children) {
  const focused = document.activeElement;
  const label = focused && el.contains(focused) ? focused.getAttribute('aria-label') : null;
  el.replaceChildren(...h('div', {}, ...children).childNodes);
  if (label) {
    const again = [...el.querySelectorAll('[aria-label]')].find(
      (c) => c.getAttribute('aria-label') === label,
    );
    if (again) again.focus();
  }
  return el;
}

function byId(id) {
  return document.getElementById(id);
}

/** A failed API call: status and the server's error code and message. */
class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the console API on this origin; state changes carry the CSRF token. */
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-Firstline-CSRF'] = state.csrf;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return {};
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (data && data.error) || {};
    if (response.status === 401 && state.me) signedOut();
    throw new ApiError(response.status, error.code || 'Error', error.message || `HTTP ${response.status}`);
  }
  return data;
}

function duration(ms) {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString(state.lang === 'es' ? 'es-ES' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const button of document.querySelectorAll('[data-lang]'))
    button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === state.lang));
}

function toast(message) {
  const live = byId('connection');
  live.textContent = message;
  live.classList.add('down');
  setTimeout(() => {
    live.classList.remove('down');
    live.textContent = t('connected');
  }, 6000);
}

/* ---------- sign-in ---------- */

async function boot() {
  applyLanguage();
  state.config = await api('GET', '/api/console/config');
  try {
    startApp(await api('GET', '/api/console/session'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    showSignIn();
  }
}

function showSignIn() {
  byId('app').hidden = true;
  byId('tools').hidden = true;
  byId('sign-in').hidden = false;
  const demo = state.config.demoAgents || [];
  byId('demo-agents').hidden = demo.length === 0;
  fill(
    byId('demo-list'),
    ...demo.map((agent) =>
      h('button', {
        type: 'button',
        'data-agent': agent.id,
        text: `${agent.name} (${agent.id})`,
        onclick: () => signIn({ agentId: agent.id }),
      }),
    ),
  );
  if (new URLSearchParams(location.search).get('host') === 'teams') void teamsSignIn();
  else byId('token').focus();
}

async function signIn(body, path = '/api/console/session') {
  const error = byId('sign-in-error');
  error.hidden = true;
  try {
    startApp(await api('POST', path, body));
  } catch (failure) {
    error.textContent = t('signInFailed', { reason: failure.message });
    error.hidden = false;
  }
}

/** Inside Teams: the Teams JS library gives an SSO token, which the server validates. */
async function teamsSignIn() {
  const status = byId('teams-status');
  status.hidden = false;
  status.textContent = t('teamsSigningIn');
  try {
    await new Promise((resolve, reject) => {
      const script = h('script', { src: '/web/teams.js', onload: resolve, onerror: reject });
      document.head.append(script);
    });
    const teams = window.microsoftTeams;
    await teams.app.initialize();
    const token = await teams.authentication.getAuthToken();
    await signIn({ token }, '/api/console/session/teams');
    status.hidden = true;
  } catch (failure) {
    status.textContent = t('teamsFailed', { reason: (failure && failure.message) || String(failure) });
  }
}

function signedOut() {
  state.me = undefined;
  state.csrf = '';
  if (state.events) state.events.close();
  state.events = undefined;
  for (const pane of state.panes.values()) pane.el.remove();
  state.panes.clear();
  showSignIn();
}

byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = byId('token').value.trim();
  byId('token').value = '';
  if (token) void signIn({ token });
});

byId('sign-out').addEventListener('click', async () => {
  await api('DELETE', '/api/console/session').catch(() => undefined);
  signedOut();
});

/* ---------- the app ---------- */

function startApp(session) {
  state.csrf = session.csrf;
  state.me = session.agent;
  byId('sign-in').hidden = true;
  byId('app').hidden = false;
  byId('tools').hidden = false;
  byId('me').textContent = session.agent.name;
  document.body.dataset.agent = session.agent.id;
  connect();
  void refreshState();
}

function connect() {
  if (state.events) state.events.close();
  const events = new EventSource('/api/console/events');
  state.events = events;
  const status = byId('connection');
  events.onopen = () => {
    status.textContent = t('connected');
    status.classList.remove('down');
    document.body.dataset.live = 'true';
    void refreshState();
    for (const id of state.panes.keys()) void refreshPane(id);
  };
  events.onerror = () => {
    status.textContent = t('reconnecting');
    status.classList.add('down');
    document.body.dataset.live = 'false';
  };
  events.onmessage = (message) => onEvent(JSON.parse(message.data));
}

let stateTimer;
/** Read the queue, my cases and colleagues again (coalesced: events come in bursts). */
function refreshStateSoon() {
  clearTimeout(stateTimer);
  stateTimer = setTimeout(() => void refreshState(), 120);
}

async function refreshState() {
  if (!state.me) return;
  const data = await api('GET', '/api/console/state');
  state.me = { ...state.me, ...data.me };
  state.queue = data.queue;
  state.mine = data.mine;
  state.offers = data.offers;
  state.agents = data.agents;
  state.teams = data.teams;
  if (data.me.lang !== state.lang && !localStorage.getItem('firstline.console.lang')) {
    state.lang = data.me.lang;
    applyLanguage();
  }
  byId('availability').value = data.me.availability;
  renderQueue();
  renderMine();
  renderOffers();
}

function onEvent(event) {
  switch (event.type) {
    case 'queue':
    case 'offers':
    case 'agents':
      refreshStateSoon();
      return;
    case 'case':
      refreshStateSoon();
      if (state.panes.has(event.id)) void refreshPane(event.id);
      return;
    case 'message': {
      const pane = state.panes.get(event.caseId);
      if (pane) applyToPane(pane, event);
      else if (event.entry.from === 'customer' && state.mine.some((c) => c.id === event.caseId)) {
        state.unread.set(event.caseId, (state.unread.get(event.caseId) || 0) + 1);
        renderMine();
      }
      return;
    }
    case 'delivery': {
      const pane = state.panes.get(event.caseId);
      if (pane) applyToPane(pane, event);
      return;
    }
    case 'typing': {
      const pane = state.panes.get(event.caseId);
      if (pane) showTyping(pane);
      return;
    }
    default:
  }
}

/* ---------- queue, my cases, offers ---------- */

function levelBadge(level) {
  return h('span', { class: `badge ${level}`, text: level });
}

/** A small button acting on one case, labelled for screen readers with the case id ("Pick up CS-10001"). */
function caseButton(key, id, onclick, extra = '') {
  return h('button', {
    type: 'button',
    class: `small ${extra}`.trim(),
    text: t(key),
    'aria-label': `${t(key)} ${id}`,
    onclick,
  });
}

function renderQueue() {
  const list = byId('queue');
  byId('queue-count').textContent = String(state.queue.length);
  if (state.queue.length === 0) {
    fill(list, h('li', { class: 'muted', text: t('queueEmpty') }));
    return;
  }
  const now = Date.now();
  fill(
    list,
    ...state.queue.map((row) => {
      const remaining = Date.parse(row.target.dueAt) - now;
      return h(
        'li',
        { class: `queue-row level-${row.level}`, 'data-case': row.id },
        h(
          'div',
          { class: 'row-head' },
          levelBadge(row.level),
          h('span', { class: 'row-id', text: row.id }),
          h('span', { text: row.organisation.name }),
          row.organisation.vip ? h('span', { class: 'badge vip', text: t('vip') }) : null,
          h('span', { class: 'badge lang', title: t('language'), text: row.lang.toUpperCase() }),
        ),
        h('div', { class: 'row-why', text: row.priority }),
        h(
          'div',
          { class: 'row-meta' },
          [row.why, row.customer, row.simsAffected === 1 ? t('sim') : t('sims', { count: row.simsAffected })]
            .filter(Boolean)
            .join(' · '),
        ),
        h(
          'div',
          { class: 'row-times' },
          h('span', { text: t('waiting', { time: duration(now - Date.parse(row.queuedAt)) }) }),
          h('span', {
            class: remaining < 0 ? 'overdue' : '',
            text:
              remaining < 0
                ? t('overdue', { time: duration(remaining) })
                : t('dueIn', { time: duration(remaining) }),
          }),
        ),
        row.offeredTo
          ? h('div', {
              class: 'offered-to',
              text: row.offeredTo.me ? t('offeredToYou') : t('offeredTo', { name: row.offeredTo.name }),
            })
          : null,
        h(
          'div',
          { class: 'row-actions' },
          caseButton('open', row.id, () => void openPane(row.id)),
          caseButton('pick', row.id, () => void pick(row.id), 'primary'),
        ),
      );
    }),
  );
}

function renderMine() {
  const list = byId('mine');
  byId('mine-count').textContent = String(state.mine.length);
  if (state.mine.length === 0) {
    fill(list, h('li', { class: 'muted', text: t('mineEmpty') }));
    return;
  }
  fill(
    list,
    ...state.mine.map((c) => {
      const unread = state.unread.get(c.id) || 0;
      return h(
        'li',
        { class: `mine-row level-${c.level}`, 'data-case': c.id },
        h(
          'div',
          { class: 'row-head' },
          levelBadge(c.level),
          h('span', { class: 'row-id', text: c.id }),
          h('span', { text: c.organisation.name }),
          unread ? h('span', { class: 'unread', 'aria-label': `${unread} new`, text: String(unread) }) : null,
        ),
        h('div', { class: 'row-meta', text: `${c.customer} · ${c.lang.toUpperCase()}` }),
        h(
          'div',
          { class: 'row-actions' },
          caseButton('open', c.id, () => void openPane(c.id)),
        ),
      );
    }),
  );
}

function renderOffers() {
  const box = byId('offers');
  fill(
    box,
    ...state.offers.map((id) => {
      const row = state.queue.find((r) => r.id === id);
      return h(
        'div',
        { class: 'offer', role: 'alert', 'data-offer': id },
        h('strong', { text: `${t('offeredToYou')}: ${id}` }),
        row ? h('span', { text: `${row.organisation.name} · ${row.priority}` }) : null,
        h(
          'div',
          { class: 'row-actions' },
          h('button', {
            type: 'button',
            class: 'small',
            text: t('decline'),
            onclick: () => void caseAction(id, 'decline').then(refreshState),
          }),
          h('button', {
            type: 'button',
            class: 'small primary',
            text: t('pick'),
            onclick: () => void pick(id),
          }),
        ),
      );
    }),
  );
}

async function pick(id) {
  try {
    await api('POST', `/api/console/cases/${id}/pick`, {});
  } catch (error) {
    toast(t('failedAction', { reason: error.message }));
  }
  await refreshState();
  await openPane(id);
}

async function caseAction(id, action, body = {}) {
  try {
    return await api('POST', `/api/console/cases/${id}/${action}`, body);
  } catch (error) {
    toast(t('failedAction', { reason: error.message }));
    throw error;
  }
}

/* ---------- case panes ---------- */

async function openPane(id) {
  const existing = state.panes.get(id);
  if (existing) {
    existing.el.scrollIntoView({ behavior: 'smooth', inline: 'nearest' });
    focusComposer(existing);
    return;
  }
  const detail = await api('GET', `/api/console/cases/${id}`);
  const pane = createPane(detail);
  state.panes.set(id, pane);
  state.unread.delete(id);
  renderMine();
  byId('empty-panes').hidden = true;
  byId('panes').append(pane.el);
  renderPane(pane);
  pane.el.scrollIntoView({ behavior: 'smooth', inline: 'nearest' });
  focusComposer(pane);
}

function closePane(id) {
  const pane = state.panes.get(id);
  if (!pane) return;
  pane.el.remove();
  state.panes.delete(id);
  byId('empty-panes').hidden = state.panes.size > 0;
}

function focusComposer(pane) {
  if (!pane.textarea.disabled) pane.textarea.focus();
}

async function refreshPane(id) {
  const pane = state.panes.get(id);
  if (!pane) return;
  // Lines and delivery states that arrive while the pane is read may be newer than what the read returns.
  const arrived = [];
  pane.reading = [...(pane.reading || []), arrived];
  let detail;
  try {
    detail = await api('GET', `/api/console/cases/${id}`);
  } catch (error) {
    if (error.status === 404) closePane(id);
    return;
  } finally {
    pane.reading = pane.reading.filter((list) => list !== arrived);
  }
  pane.detail = detail;
  renderPane(pane);
  for (const event of arrived) applyToPane(pane, event);
}

/** A line or a delivery state for an open pane; kept for the reads in flight too (see refreshPane). */
function applyToPane(pane, event) {
  for (const list of pane.reading || []) list.push(event);
  if (event.type === 'message') addMessage(pane, event.entry);
  else updateDelivery(pane, event.entryId, event.delivery);
}

/** The pane's fixed skeleton; renderPane fills it (the draft in the reply box survives every refresh). */
function createPane(detail) {
  const id = detail.id;
  const head = h('header', { class: 'pane-head' });
  const messages = h('ol', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': id });
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const textarea = h('textarea', { rows: 3, 'data-reply': id });
  const canned = h('select', { 'data-canned': id });
  const noteToggle = h('input', { type: 'checkbox', 'data-note-toggle': id });
  const sendButton = h('button', { type: 'submit', class: 'primary', 'data-send': id, text: t('send') });
  const label = h('label', { class: 'visually-hidden' });
  const composer = h(
    'form',
    { class: 'composer', 'data-composer': id },
    h(
      'div',
      { class: 'composer-tools' },
      canned,
      h('label', {}, noteToggle, ' ', h('span', { text: t('noteMode') })),
    ),
    label,
    textarea,
    h('div', { class: 'composer-send' }, h('span', { class: 'muted', text: t('sendHint') }), sendButton),
  );
  const readonly = h('div', { class: 'readonly' });
  const details = h('aside', { class: 'details', 'aria-label': `${id} details` });
  const el = h(
    'section',
    { class: 'pane', 'data-pane': id, 'aria-label': id },
    head,
    h(
      'div',
      { class: 'pane-body' },
      h('div', { class: 'conversation' }, messages, typing, composer, readonly),
      details,
    ),
  );
  const pane = {
    id,
    detail,
    el,
    head,
    messages,
    typing,
    textarea,
    canned,
    noteToggle,
    sendButton,
    label,
    composer,
    readonly,
    details,
    rendered: new Map(),
    typingTimer: undefined,
    lastTypingSent: 0,
  };
  const sync = () => {
    const note = noteToggle.checked;
    composer.classList.toggle('note-mode', note);
    sendButton.textContent = note ? t('addNote') : t('send');
    label.textContent = note
      ? t('noteLabel', { id })
      : t('replyLabel', { id, customer: pane.detail.customer });
    label.htmlFor = textarea.id = `reply-${id}`;
  };
  pane.sync = sync;
  noteToggle.addEventListener('change', sync);
  canned.addEventListener('change', () => {
    const reply = pane.detail.canned.find((r) => r.id === canned.value);
    canned.value = '';
    if (!reply) return;
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? textarea.value.length;
    textarea.value = textarea.value.slice(0, start) + reply.text + textarea.value.slice(end);
    textarea.focus();
    textarea.setSelectionRange(start + reply.text.length, start + reply.text.length);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  textarea.addEventListener('input', () => {
    // The customer sees "typing…" (where their channel shows it), at most every 3 s.
    if (noteToggle.checked || !pane.detail.mine || Date.now() - pane.lastTypingSent < 3000) return;
    pane.lastTypingSent = Date.now();
    void api('POST', `/api/console/cases/${id}/typing`, {}).catch(() => undefined);
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(pane);
  });
  return pane;
}

async function submit(pane) {
  const text = pane.textarea.value.trim();
  if (!text) return;
  const note = pane.noteToggle.checked;
  pane.sendButton.disabled = true;
  try {
    const answer = await api('POST', `/api/console/cases/${pane.id}/${note ? 'notes' : 'messages'}`, {
      text,
    });
    pane.textarea.value = '';
    if (note) await refreshPane(pane.id);
    else if (answer.entry) addMessage(pane, answer.entry);
  } catch (error) {
    toast(t('failedAction', { reason: error.message }));
  } finally {
    pane.sendButton.disabled = !pane.detail.mine;
    // Back to this reply box — unless the agent has moved on to another pane while the send was on its way: taking
    // the focus from there sent their next Enter to this (emptied) box, and that reply was lost.
    const focused = document.activeElement;
    if (!focused || focused === document.body || pane.el.contains(focused)) pane.textarea.focus();
  }
}

function renderPane(pane) {
  const d = pane.detail;
  renderHead(pane);
  const atBottom = pane.messages.scrollHeight - pane.messages.scrollTop - pane.messages.clientHeight < 40;
  pane.rendered.clear();
  const lines = [
    ...d.messages.map((m) => ({ kind: 'message', at: m.at, m })),
    ...d.notes.map((n) => ({ kind: 'note', at: n.at, n })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  fill(
    pane.messages,
    ...(d.dropped ? [h('li', { class: 'msg event', text: t('dropped', { count: d.dropped }) })] : []),
    ...lines.map((line) => (line.kind === 'note' ? noteItem(line.n) : messageItem(pane, line.m))),
  );
  // The reply box: only for the agent who holds the case.
  pane.composer.hidden = !d.mine;
  pane.readonly.hidden = d.mine;
  pane.textarea.disabled = !d.mine;
  pane.sendButton.disabled = !d.mine;
  fill(
    pane.readonly,
    h('span', {
      text: t('readOnly', {
        reason:
          d.status === 'queued'
            ? t('queuedReadOnly')
            : d.status === 'with_agent' && d.holder
              ? t('heldBy', { name: d.holder.name })
              : t('closedReadOnly', { status: d.statusText }),
      }),
    }),
    d.status === 'queued'
      ? h('button', {
          type: 'button',
          class: 'primary small',
          text: t('pick'),
          onclick: () => void pick(d.id),
        })
      : null,
  );
  fill(
    pane.canned,
    h('option', { value: '', text: t('cannedPlaceholder') }),
    ...d.canned.map((r) => h('option', { value: r.id, text: r.title })),
  );
  pane.canned.setAttribute('aria-label', t('cannedPlaceholder'));
  pane.sync();
  renderDetails(pane);
  if (atBottom || !pane.scrolled) {
    pane.messages.scrollTop = pane.messages.scrollHeight;
    pane.scrolled = true;
  }
}

function renderHead(pane) {
  const d = pane.detail;
  const act = (key, onclick, extra = '') =>
    h('button', { type: 'button', class: `small ${extra}`, 'data-action': key, text: t(key), onclick });
  fill(
    pane.head,
    h(
      'div',
      { class: 'pane-title' },
      h(
        'h2',
        {},
        levelBadge(d.level),
        h('span', { text: d.id }),
        h('span', { text: `${d.customer} · ${d.organisation.name}` }),
        d.organisation.vip ? h('span', { class: 'badge vip', text: t('vip') }) : null,
        h('span', { class: 'badge lang', title: t('language'), text: d.customerLang.toUpperCase() }),
      ),
      h('p', { text: `${d.statusText} · ${d.priority}` }),
    ),
    h(
      'div',
      { class: 'pane-actions' },
      d.mine ? act('resolve', () => resolveDialog(pane), 'primary') : null,
      d.mine ? act('transfer', () => transferDialog(pane)) : null,
      d.mine ? act('handBack', () => confirmDialog(pane, 'handBack', 'handback')) : null,
      d.mine ? act('release', () => confirmDialog(pane, 'release', 'release')) : null,
      h('button', {
        type: 'button',
        class: 'small ghost',
        'aria-label': t('closePane', { id: d.id }),
        title: t('closePane', { id: d.id }),
        text: '✕',
        onclick: () => closePane(d.id),
      }),
    ),
  );
}

function messageItem(pane, m) {
  const d = pane.detail;
  const who =
    m.from === 'customer'
      ? t('fromCustomer', {
          name: (m.author && m.author.name !== d.customerId && m.author.name) || d.customer,
        })
      : m.from === 'bot'
        ? t('fromBot')
        : m.from === 'agent'
          ? m.author && m.author.id === state.me.id
            ? t('fromAgentMe')
            : (m.author && m.author.name) || ''
          : '';
  const item = h(
    'li',
    {
      class: `msg from-${m.from}${m.kind === 'event' ? ' event' : ''}`,
      'data-entry': m.id,
      'data-from': m.from,
    },
    who || m.fromCase
      ? h(
          'div',
          { class: 'who' },
          h('span', { text: who }),
          h('span', { text: clock(m.at) }),
          m.fromCase ? h('span', { text: t('fromMerged', { id: m.fromCase }) }) : null,
        )
      : null,
    h('div', { class: 'text', text: m.text }),
    m.delivery ? deliveryLine(m.delivery) : null,
  );
  pane.rendered.set(m.id, item);
  if (m.delivery && m.delivery.state === 'sent') recheckDelivery(pane.id);
  return item;
}

/** Seconds before a line still "Sending…" makes the pane read the case again, then longer each time. */
const DELIVERY_RECHECK_SECONDS = [4, 8, 16, 30];

/**
 * A line shown as "Sending…" is read again if its delivery state has not come: the state is told by an event, and
 * an event sent while the events stream was down (or raced a read of the pane) would leave it "Sending…" for good.
 */
function recheckDelivery(id) {
  const pane = state.panes.get(id);
  const attempt = (pane && pane.recheckAttempt) || 0;
  if (!pane || attempt >= DELIVERY_RECHECK_SECONDS.length || pane.recheckTimer) return;
  pane.recheckTimer = setTimeout(() => {
    pane.recheckTimer = undefined;
    if (state.panes.get(id) !== pane) return;
    const pending = pane.detail.messages.some((m) => m.delivery && m.delivery.state === 'sent');
    // Nothing pending any more: the next line starts the schedule again.
    pane.recheckAttempt = pending ? attempt + 1 : 0;
    if (pending) void refreshPane(id).then(() => recheckDelivery(id));
  }, DELIVERY_RECHECK_SECONDS[attempt] * 1000);
}

function noteItem(n) {
  return h(
    'li',
    { class: 'msg note', 'data-note': n.at },
    h(
      'div',
      { class: 'who' },
      h('span', { text: t('internalNote', { name: n.by }) }),
      h('span', { text: clock(n.at) }),
    ),
    h('div', { class: 'text', text: n.text }),
  );
}

function deliveryLine(delivery) {
  return h('div', {
    class: `delivery ${delivery.state}`,
    'data-delivery': delivery.state,
    text: t(`delivery_${delivery.state}`, { error: delivery.error || '' }),
  });
}

function addMessage(pane, entry) {
  if (pane.rendered.has(entry.id)) {
    if (entry.delivery) updateDelivery(pane, entry.id, entry.delivery);
    return;
  }
  const early = pane.earlyDelivery && pane.earlyDelivery.get(entry.id);
  if (early) {
    pane.earlyDelivery.delete(entry.id);
    entry = { ...entry, delivery: early };
  }
  pane.detail.messages.push(entry);
  const atBottom = pane.messages.scrollHeight - pane.messages.scrollTop - pane.messages.clientHeight < 40;
  pane.messages.append(messageItem(pane, entry));
  if (entry.from === 'customer') pane.typing.textContent = '';
  if (atBottom || entry.from === 'agent') pane.messages.scrollTop = pane.messages.scrollHeight;
}

function updateDelivery(pane, entryId, delivery) {
  const entry = pane.detail.messages.find((m) => m.id === entryId);
  if (entry) entry.delivery = delivery;
  const item = pane.rendered.get(entryId);
  // The delivery state can come before the line it belongs to: kept until addMessage shows the line.
  if (!entry && !item) {
    pane.earlyDelivery = pane.earlyDelivery || new Map();
    pane.earlyDelivery.set(entryId, delivery);
    return;
  }
  if (!item) return;
  const old = item.querySelector('.delivery');
  const line = deliveryLine(delivery);
  if (old) old.replaceWith(line);
  else item.append(line);
}

function showTyping(pane) {
  pane.typing.textContent = t('typing', { name: pane.detail.customer });
  clearTimeout(pane.typingTimer);
  pane.typingTimer = setTimeout(() => {
    pane.typing.textContent = '';
  }, 5000);
}

/* ---------- customer and SIM panel ---------- */

function renderDetails(pane) {
  const d = pane.detail;
  const facts = (pairs) =>
    h(
      'dl',
      { class: 'facts' },
      ...pairs
        .filter(([, v]) => v !== undefined && v !== '')
        .flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]),
    );
  const list = (items) =>
    items.length
      ? h('ul', { class: 'plain-list' }, ...items.map((x) => h('li', { text: x })))
      : h('p', { class: 'muted', text: t('none') });
  fill(
    pane.details,
    h('h3', { text: t('customer') }),
    facts([
      [t('customer'), `${d.customer} (${d.customerId})`],
      [t('organisation'), d.organisation.name],
      [t('vip'), d.organisation.vip ? t('yes') : t('no')],
      [t('language'), d.customerLang.toUpperCase()],
      [t('channel'), d.channel],
      [t('why'), d.why],
    ]),
    h(
      'h3',
      {},
      h('span', { text: t('simsTitle') }),
      ' ',
      d.mine && d.sims.length
        ? h('button', {
            type: 'button',
            class: 'small',
            'data-refresh-sims': d.id,
            text: t('refreshSims'),
            onclick: () => void refreshSims(pane),
          })
        : null,
    ),
    d.sims.length
      ? h('div', { class: 'sims' }, ...d.sims.map((iccid) => simItem(pane, iccid)))
      : h('p', { class: 'muted', text: t('noSims') }),
    pane.live
      ? h('p', { class: 'muted', text: t('liveChecked', { time: clock(pane.live.checkedAt) }) })
      : null,
    h('h3', { text: t('findings') }),
    list(d.findings.map((f) => `${f.code}${f.iccid ? ` (${f.iccid})` : ''}: ${f.text}`)),
    h('h3', { text: t('checks') }),
    list(d.checks),
    d.incident
      ? [
          h('h3', { text: t('incident') }),
          h('p', { text: `${d.incident.id} ${d.incident.title} ${d.incident.status}`.trim() }),
        ]
      : null,
    d.earlier.length
      ? [
          h('h3', { text: t('earlier') }),
          ...d.earlier.map((e) =>
            h(
              'div',
              { class: 'earlier', 'data-earlier': e.id },
              h('strong', { text: `${e.id} · ${e.type} · ${e.statusText}` }),
              h('span', {
                class: 'muted',
                text: `${new Date(e.createdAt).toLocaleDateString()} · ${e.sharedSims.join(', ')}`,
              }),
              e.summary ? h('span', { text: e.summary }) : null,
              e.mergeable
                ? h('button', {
                    type: 'button',
                    class: 'small',
                    'data-merge': e.id,
                    text: t('merge', { id: d.id }),
                    onclick: () => mergeDialog(pane, e.id),
                  })
                : null,
            ),
          ),
        ]
      : null,
  );
}

function simItem(pane, iccid) {
  const live = pane.live && pane.live.sims.find((s) => s.iccid === iccid);
  const lines = [];
  if (live) {
    if (live.outcome === 'found') {
      lines.push(
        [
          live.status,
          live.plan,
          live.country,
          live.operator,
          t(`session${live.session[0].toUpperCase()}${live.session.slice(1)}`),
        ]
          .filter(Boolean)
          .join(' · '),
      );
      if (live.usageMb !== null && live.usageMb !== undefined) lines.push(`${live.usageMb} MB`);
    } else {
      lines.push(
        t(
          live.outcome === 'not_found'
            ? 'lookupNotFound'
            : live.outcome === 'unavailable'
              ? 'lookupUnavailable'
              : 'lookupInvalid',
        ),
      );
    }
  }
  return h(
    'div',
    { class: 'sim', 'data-sim': iccid },
    h('code', { text: iccid }),
    ...lines.map((line) => h('div', { class: 'muted', text: line })),
    live && live.findings.length
      ? h(
          'ul',
          { class: 'plain-list' },
          ...live.findings.map((f) =>
            h('li', { class: `finding-${f.severity}`, 'data-finding': f.code, text: `${f.code}: ${f.text}` }),
          ),
        )
      : null,
  );
}

async function refreshSims(pane) {
  try {
    pane.live = await caseAction(pane.id, 'sims/refresh');
    renderDetails(pane);
  } catch {
    // toast shown
  }
}

/* ---------- dialogs ---------- */

/** A modal with a title, body and OK; resolves with the form, or undefined when cancelled. */
function dialog(title, body, okText) {
  const dlg = byId('dialog');
  byId('dialog-title').textContent = title;
  fill(byId('dialog-body'), ...body);
  byId('dialog-ok').textContent = okText;
  return new Promise((resolve) => {
    const cancel = byId('dialog-cancel');
    const form = byId('dialog-form');
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dlg.removeEventListener('cancel', onCancel);
      if (dlg.open) dlg.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      done(form);
    };
    const onCancel = () => done(undefined);
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dlg.addEventListener('cancel', onCancel);
    dlg.showModal();
  });
}

async function resolveDialog(pane) {
  const summary = h('textarea', { name: 'summary', rows: 3, maxLength: 500 });
  const form = await dialog(
    t('resolveTitle', { id: pane.id }),
    [h('label', {}, h('span', { text: t('summaryLabel') }), summary)],
    t('resolve'),
  );
  if (!form) return;
  await caseAction(pane.id, 'resolve', summary.value.trim() ? { summary: summary.value.trim() } : {}).catch(
    () => undefined,
  );
  await refreshPane(pane.id);
  await refreshState();
}

async function transferDialog(pane) {
  const select = h(
    'select',
    { name: 'target', required: true },
    h(
      'optgroup',
      { label: t('agents') },
      ...state.agents
        .filter((a) => !a.me)
        .map((a) => h('option', { value: `agent:${a.id}`, text: `${a.name} (${t(a.availability)})` })),
    ),
    h(
      'optgroup',
      { label: t('teams') },
      ...state.teams.map((x) => h('option', { value: `team:${x.id}`, text: x.name })),
    ),
  );
  const form = await dialog(
    t('transferTitle', { id: pane.id }),
    [h('label', {}, h('span', { text: t('transferTo') }), select)],
    t('transfer'),
  );
  if (!form || !select.value) return;
  const [kind, target] = [
    select.value.slice(0, select.value.indexOf(':')),
    select.value.slice(select.value.indexOf(':') + 1),
  ];
  await caseAction(pane.id, 'transfer', kind === 'team' ? { teamId: target } : { agentId: target }).catch(
    () => undefined,
  );
  await refreshPane(pane.id);
  await refreshState();
}

async function confirmDialog(pane, key, action) {
  const form = await dialog(t(`${key}Title`, { id: pane.id }), [h('p', { text: t(`${key}Text`) })], t(key));
  if (!form) return;
  await caseAction(pane.id, action).catch(() => undefined);
  await refreshPane(pane.id);
  await refreshState();
}

async function mergeDialog(pane, dup) {
  const form = await dialog(
    t('mergeTitle', { dup, id: pane.id }),
    [h('p', { text: t('mergeText', { dup, id: pane.id }) })],
    t('merge', { id: pane.id }),
  );
  if (!form) return;
  await caseAction(pane.id, 'merge', { duplicateId: dup }).catch(() => undefined);
  await refreshPane(pane.id);
  if (state.panes.has(dup)) await refreshPane(dup);
  await refreshState();
}

/* ---------- top bar ---------- */

byId('availability').addEventListener('change', async (event) => {
  await api('PUT', '/api/console/me', { availability: event.target.value }).catch((error) =>
    toast(t('failedAction', { reason: error.message })),
  );
  await refreshState();
});

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', async () => {
    state.lang = button.getAttribute('data-lang');
    localStorage.setItem('firstline.console.lang', state.lang);
    applyLanguage();
    if (!state.me) return;
    await api('PUT', '/api/console/me', { lang: state.lang }).catch(() => undefined);
    await refreshState();
    for (const id of state.panes.keys()) await refreshPane(id);
  });
}

// Alt+1…9: jump to the reply box of the n-th open case.
document.addEventListener('keydown', (event) => {
  if (!event.altKey || !/^[1-9]$/.test(event.key)) return;
  const pane = [...state.panes.values()][Number(event.key) - 1];
  if (!pane) return;
  event.preventDefault();
  pane.el.scrollIntoView({ inline: 'nearest' });
  focusComposer(pane);
});

// Waiting times and response targets move on without a reload.
setInterval(() => {
  if (state.me) renderQueue();
}, 30_000);

void boot();
