// The knowledge editors' page: flows as Mermaid diagrams with their texts, trying a flow, reloads, versions and
// rollback, and a preview chat on the files on disk. No inline script (strict CSP); DOM built with text nodes,
// except the SVG Mermaid draws (securityLevel strict).
/* global mermaid, document, window, fetch */
const $ = (id) => document.getElementById(id);
const state = { csrf: '', flows: [], current: '', diagrams: 0 };

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function option(label, value) {
  const node = el('option', label);
  node.value = value;
  return node;
}

async function api(path, options = {}) {
  const headers = { 'content-type': 'application/json' };
  if (state.csrf) headers['x-firstline-csrf'] = state.csrf;
  const res = await fetch(path, { credentials: 'same-origin', ...options, headers });
  const body = res.status === 204 ? {} : await res.json();
  if (!res.ok)
    throw Object.assign(new Error(body.error?.message ?? res.statusText), { status: res.status, body });
  return body;
}

async function draw(code) {
  state.diagrams += 1;
  const { svg } = await mermaid.render(`diagram-${state.diagrams}`, code);
  $('diagram').innerHTML = svg;
}

function lineOf(error) {
  const at = error.line ? `:${error.line}:${error.column ?? 1}` : '';
  return `${error.file}${at} ${error.where ?? error.path}: ${error.message}${error.suggestion ? ` — ${error.suggestion}` : ''}`;
}

async function showFlow(id) {
  state.current = id;
  const flow = state.flows.find((f) => f.id === id);
  for (const button of document.querySelectorAll('#flow-list button'))
    button.setAttribute('aria-current', String(button.dataset.flow === id));
  $('flow-title').textContent = `${flow.id} — ${flow.title?.en ?? ''}`;
  await draw(flow.diagram);
  const body = $('node-texts');
  body.replaceChildren();
  for (const node of flow.nodes) {
    const row = el('tr');
    row.append(el('td', node.id), el('td', node.summary));
    for (const lang of ['en', 'es']) {
      const cell = el('td', node.text?.[lang] ?? '');
      for (const choice of node.choices ?? [])
        cell.append(el('div', `• ${choice.id}: ${choice.label?.[lang] ?? ''}`, 'hint'));
      if (node.reasonText) cell.append(el('div', `agent reads: ${node.reasonText[lang]}`, 'hint'));
      row.append(cell);
    }
    body.append(row);
  }
}

async function loadFlows() {
  const { version, flows } = await api('/api/knowledge/flows');
  state.flows = flows;
  $('version').textContent = `serving ${version}`;
  const list = $('flow-list');
  list.replaceChildren();
  for (const flow of flows) {
    const button = el('button', flow.id);
    button.type = 'button';
    button.dataset.flow = flow.id;
    button.addEventListener('click', () => showFlow(flow.id));
    const item = el('li');
    item.append(button);
    list.append(item);
  }
  await showFlow(
    flows.some((f) => f.id === state.current)
      ? state.current
      : (flows.find((f) => f.id === 'data') ?? flows[0]).id,
  );
}

function parseFacts(text) {
  const facts = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, ...rest] = pair.split('=');
    const raw = rest.join('=').trim();
    facts[name.trim()] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw === 'null'
            ? null
            : raw !== '' && !Number.isNaN(Number(raw))
              ? Number(raw)
              : raw;
  }
  return facts;
}

async function tryIt(event) {
  event.preventDefault();
  const body = {
    flow: state.current,
    facts: parseFacts($('try-facts').value),
    answers: $('try-answers')
      .value.split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    lang: $('try-lang').value,
    on: $('try-on').value,
  };
  if ($('try-sim').value) body.sim = $('try-sim').value;
  const steps = $('try-steps');
  steps.replaceChildren();
  try {
    const { walk, diagram } = await api('/api/knowledge/try', { method: 'POST', body: JSON.stringify(body) });
    await draw(diagram);
    for (const step of walk.steps)
      steps.append(el('li', `${step.ref} — ${step.kind}${step.result ? ` → ${step.result}` : ''}`));
    const o = walk.outcome;
    $('try-outcome').textContent =
      (walk.problem ? `${walk.problem}. ` : '') +
      (o.kind === 'asks'
        ? `asks ${o.at}: “${o.prompt.text.text}”`
        : o.kind === 'handoff'
          ? `handoff (${o.reason}): “${o.text.text}”`
          : o.kind);
  } catch (error) {
    $('try-outcome').textContent = error.body?.errors
      ? error.body.errors.map(lineOf).join('\n')
      : error.message;
  }
}

async function loadReloads() {
  const { reloads } = await api('/api/knowledge/reloads');
  const list = $('reloads');
  list.replaceChildren();
  for (const r of reloads.slice(0, 10)) {
    const item = el('li');
    const good = r.outcome === 'accepted' || r.outcome === 'unchanged';
    item.append(el('strong', r.outcome.replace('_', ' '), good ? 'ok' : 'bad'));
    item.append(el('span', ` ${new Date(r.at).toLocaleTimeString()} (${r.trigger}) → ${r.version}`));
    if (r.accepted.length) item.append(el('div', `served: ${r.accepted.join(', ')}`, 'hint'));
    for (const rejected of r.rejected) {
      item.append(el('div', `held back: ${rejected.file}`, 'bad'));
      item.append(el('div', rejected.errors.map(lineOf).join('\n'), 'errors'));
    }
    list.append(item);
  }
}

async function loadVersions() {
  const { current, versions } = await api('/api/knowledge/versions');
  const list = $('versions');
  list.replaceChildren();
  for (const v of versions) {
    const item = el(
      'li',
      `${v.version} — ${new Date(v.acceptedAt).toLocaleString()}${v.changed.length ? ` (${v.changed.join(', ')})` : ''} `,
    );
    if (v.version === current) item.append(el('strong', 'serving', 'ok'));
    else {
      const button = el('button', 'Roll back');
      button.type = 'button';
      button.addEventListener('click', async () => {
        if (
          !window.confirm(
            `Serve ${v.version} again? Its files are written back into the knowledge directory.`,
          )
        )
          return;
        await api('/api/knowledge/rollback', {
          method: 'POST',
          body: JSON.stringify({ version: v.version }),
        });
        await refresh();
      });
      item.append(button);
    }
    list.append(item);
  }
}

async function refresh() {
  await loadFlows();
  await loadReloads();
  await loadVersions();
}

// Preview chat over Direct Line (this origin), on the preview version bound to its conversation.
const chat = { token: '', id: '', watermark: '', user: '', timer: 0 };
function say(text, who) {
  const item = el('li', text, who);
  $('chat').append(item);
  item.scrollIntoView({ block: 'nearest' });
}
async function dl(path, options = {}) {
  const res = await fetch(`/v3/directline${path}`, {
    ...options,
    headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
  });
  return res.status === 204 ? {} : res.json();
}
async function poll() {
  const data = await dl(
    `/conversations/${chat.id}/activities${chat.watermark ? `?watermark=${chat.watermark}` : ''}`,
  );
  chat.watermark = data.watermark ?? chat.watermark;
  for (const a of data.activities ?? [])
    if (a.type === 'message' && a.from?.id !== chat.user && a.text) say(a.text, 'bot');
}
async function startPreview() {
  $('chat').replaceChildren();
  window.clearInterval(chat.timer);
  try {
    const lang = $('try-lang').value;
    const body = { lang, ...($('preview-as').value ? { asUser: $('preview-as').value } : {}) };
    const preview = await api('/api/knowledge/preview', { method: 'POST', body: JSON.stringify(body) });
    Object.assign(chat, {
      token: preview.token,
      id: preview.conversationId,
      watermark: '',
      user: preview.userId,
    });
    const started = await dl('/conversations', { method: 'POST' });
    chat.id = started.conversationId ?? chat.id;
    $('preview-status').textContent = `preview ${preview.version} (live: ${preview.live})`;
    $('chat-form').hidden = false;
    chat.timer = window.setInterval(() => poll().catch(() => undefined), 800);
  } catch (error) {
    $('preview-status').textContent = error.body?.errors
      ? error.body.errors.map(lineOf).join('\n')
      : error.message;
  }
}
async function send(event) {
  event.preventDefault();
  const text = $('chat-text').value.trim();
  if (!text) return;
  $('chat-text').value = '';
  say(text, 'user');
  await dl(`/conversations/${chat.id}/activities`, {
    method: 'POST',
    body: JSON.stringify({ type: 'message', text, locale: $('try-lang').value === 'es' ? 'es-ES' : 'en-GB' }),
  });
  await poll();
}

async function signedIn(session) {
  state.csrf = session.csrf;
  $('me').textContent = session.agent.name;
  $('signin').hidden = true;
  $('app').hidden = false;
  const { sims } = await api('/api/knowledge/sims');
  for (const sim of sims)
    $('try-sim').append(option(`${sim.iccid} (${sim.plan ?? 'no plan'}, ${sim.status})`, sim.iccid));
  const config = await api('/api/knowledge/config');
  // Local mode: a preview may speak as a demo customer (their SIMs are looked up).
  if (config.localMode)
    for (const id of ['demo-user', 'demo-vip', 'demo-consumer']) $('preview-as').append(option(id, id));
  await refresh();
}

async function start() {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'default',
    flowchart: { htmlLabels: true },
  });
  $('try-form').addEventListener('submit', tryIt);
  $('reload-now').addEventListener('click', async () => {
    await api('/api/knowledge/reload', { method: 'POST' });
    await refresh();
  });
  $('preview-start').addEventListener('click', startPreview);
  $('chat-form').addEventListener('submit', send);
  try {
    return await signedIn(await api('/api/knowledge/session'));
  } catch {
    // not signed in yet
  }
  $('signin').hidden = false;
  const config = await api('/api/knowledge/config');
  for (const person of config.people ?? []) {
    const button = el('button', `${person.name} (${person.role})`);
    button.type = 'button';
    button.dataset.person = person.id;
    button.addEventListener('click', async () => {
      try {
        await signedIn(
          await api('/api/knowledge/session', {
            method: 'POST',
            body: JSON.stringify({ agentId: person.id }),
          }),
        );
      } catch (error) {
        $('signin-error').textContent = error.message;
      }
    });
    $('people').append(button);
  }
  $('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signedIn(
        await api('/api/knowledge/session', {
          method: 'POST',
          body: JSON.stringify({ token: $('token').value }),
        }),
      );
    } catch (error) {
      $('signin-error').textContent = error.message;
    }
  });
}

start();
