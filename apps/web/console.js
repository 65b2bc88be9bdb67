// The caseworker's console: log in, work the role's inbox, open a task with its case and timeline, decide it.
// Decision forms are drawn from the API's own OpenAPI schemas, so every step the API accepts has a form and the
// browser never invents rules of its own. All data is written with textContent: nothing from the API becomes markup.
import { api, h, yuanToFen, fenToYuan, when } from './console-lib.js';

const $ = (id) => document.getElementById(id);

/** Where each kind of case keeps its detail, its timeline (as [time, line] pairs) and its members. */
const CASES = {
  application: {
    detail: (id) => api('GET', `/api/applications/${id}`),
    timeline: async (id) => (await api('GET', `/api/applications/${id}/timeline`)).events.map((e) => [e.at, `${e.stepLabel} · ${e.action}${e.actor ? ` · ${e.actor.name ?? e.actor.id} (${e.actor.roleLabel ?? e.actor.role})` : ''}${e.reason ? ` — ${e.reason}` : ''}`]),
    members: (d) => d.household.members.map((m) => ({ id: m.id, label: `${m.relation} ${m.name}`, incomeFen: m.declaredMonthlyIncomeFen })),
  },
  recipient: {
    detail: (id) => api('GET', `/api/recipients/${id}`),
    timeline: async (id) => (await api('GET', `/api/recipients/${id}/timeline`)).events.map((e) => [e.at, e.text ?? `${e.type} · ${e.code}${e.effectiveMonth ? ` · ${e.effectiveMonth}` : ''}`]),
    members: (d) => d.members.map((m) => ({ id: m.memberId, label: `${m.relation} ${m.name}`, incomeFen: 0 })),
  },
  emergency: {
    detail: (id) => api('GET', `/api/emergency-requests/${id}`),
    timeline: async (_id, d) => d.timeline.map((e) => [e.at, `${e.action}${e.actor ? ` · ${e.actor.role}` : ''}${e.reasonCode ? ` · ${e.reasonCode}` : ''}`]),
    members: () => [],
  },
  payment: {
    detail: (id) => api('GET', `/api/payments/runs/${id}`),
    timeline: async () => [],
    members: () => [],
  },
};
const state = { page: 1, pageSize: 20, schemas: null, task: null, caseDetail: null, members: [] };

async function start() {
  $('login-form').addEventListener('submit', login);
  $('refresh').addEventListener('click', () => loadInbox());
  for (const id of ['f-status', 'f-assigned', 'f-overdue']) $(id).addEventListener('change', () => ((state.page = 1), loadInbox()));
  $('prev').addEventListener('click', () => state.page > 1 && (state.page--, loadInbox()));
  $('next').addEventListener('click', () => (state.page++, loadInbox()));
  $('close-detail').addEventListener('click', () => ($('detail').hidden = true));
  $('decision').addEventListener('submit', decide);
  if (sessionStorage.getItem('token')) {
    try {
      return await enter(await api('GET', '/api/auth/me'));
    } catch {
      sessionStorage.removeItem('token');
    }
  }
  $('login').hidden = false;
}

async function login(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const session = await api('POST', '/api/auth/login', { username: form.get('username'), password: form.get('password') });
    sessionStorage.setItem('token', session.accessToken);
    await enter(session.user);
  } catch (err) {
    $('login-error').textContent = err.message;
  }
}

async function enter(user) {
  $('login').hidden = true;
  $('desk').hidden = false;
  const logout = h('button', { onclick: () => (sessionStorage.removeItem('token'), location.reload()) }, '退出');
  $('who').replaceChildren(`${user.displayName ?? user.username} · ${user.roleLabel ?? user.role} · ${user.regionName ?? user.regionCode}`, logout);
  await loadInbox();
}

async function loadInbox() {
  const params = new URLSearchParams({ status: $('f-status').value, assigned: $('f-assigned').value, page: state.page, pageSize: state.pageSize });
  if ($('f-overdue').checked) params.set('overdue', 'true');
  const inbox = await api('GET', `/api/inbox?${params}`);
  $('total').textContent = `共 ${inbox.totalIsExact ? inbox.total : `${inbox.total - 1}+`} 件`;
  $('page').textContent = `第 ${inbox.page} 页`;
  $('tasks').replaceChildren(...inbox.items.map(row));
}

function row(task) {
  const flags = [];
  if (task.urgent) flags.push(h('span', { class: 'badge urgent' }, task.rank === 0 ? '急' : '督办'));
  if (task.overdue) flags.push(h('span', { class: 'badge overdue' }, '超期'));
  else if (task.atRisk) flags.push(h('span', { class: 'badge risk' }, '临期'));
  const due = [when(task.dueAt)];
  if (task.rank === 0 && task.status === 'open') due.push(` (${remainingHours(task.dueAt)})`);
  if (task.dueWarning) due.push(h('div', { class: 'warn' }, task.dueWarning));
  const claim = task.status !== 'open' ? '' : task.assigneeId ? h('button', { onclick: () => act(task, 'unclaim') }, '退回') : h('button', { onclick: () => act(task, 'claim') }, '认领');
  return h('tr', { 'data-id': task.id }, h('td', {}, ...flags), h('td', {}, task.caseNo), h('td', {}, task.stepLabel), h('td', {}, task.regionCode), h('td', {}, ...due), h('td', {}, claim), h('td', {}, h('button', { onclick: () => open(task.id) }, '办理')));
}

function remainingHours(dueAt) {
  const hours = Math.floor((new Date(dueAt).getTime() - Date.now()) / 3_600_000);
  return hours >= 0 ? `剩 ${hours} 小时` : `已超 ${-hours} 小时`;
}

async function act(task, verb) {
  try {
    await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/${verb}`);
  } catch (err) {
    alert(err.message);
  }
  await loadInbox();
}

async function open(taskId) {
  const task = await api('GET', `/api/tasks/${encodeURIComponent(taskId)}`);
  state.task = task;
  const kind = CASES[task.caseType];
  state.caseDetail = kind ? await kind.detail(task.caseId) : null;
  state.members = kind && state.caseDetail ? kind.members(state.caseDetail) : [];
  for (const tr of $('tasks').children) tr.classList.toggle('selected', tr.dataset.id === taskId);
  $('detail').hidden = false;
  $('detail-title').textContent = `${task.caseNo} · ${task.stepLabel}`;
  $('case').replaceChildren(task.caseType === 'application' ? applicationView(task, state.caseDetail) : genericView(task, state.caseDetail));
  $('decision').hidden = task.status !== 'open';
  $('decision-error').textContent = '';
  $('decision-fields').replaceChildren(...(await decisionFields(task)));
  const timeline = kind ? await kind.timeline(task.caseId, state.caseDetail) : [];
  $('timeline').replaceChildren(...timeline.map(([at, line]) => h('li', {}, `${when(at)} ${line}`)));
}

function applicationView(task, detail) {
  const items = [['期限', when(task.dueAt)], ['状态', task.status]];
  if (detail) {
    items.push(['阶段', detail.stageLabel], ['政策', detail.policy?.label ?? ''], ['地址', detail.household.address ?? '']);
    for (const m of detail.household.members) items.push([`${m.relation}`, `${m.name} ${m.idNumber} 申报月收入 ${fenToYuan(m.declaredMonthlyIncomeFen)} 元`]);
    if (detail.decision?.amountFen != null) items.push(['核定金额', `${fenToYuan(detail.decision.amountFen)} 元/月`]);
  }
  return h('dl', {}, ...items.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}

/** Any other case: its plain fields, amounts in yuan. */
function genericView(task, detail) {
  const items = [['期限', when(task.dueAt)], ['状态', task.status]];
  for (const [key, value] of Object.entries(detail ?? {})) {
    if (value === null || typeof value === 'object') continue;
    items.push([key, /Fen$/.test(key) && typeof value === 'number' ? `${fenToYuan(value)} 元` : String(value)]);
  }
  return h('dl', {}, ...items.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}

/** The step's schema from the OpenAPI document, drawn as fields: enums as choices, fen as yuan, members as rows. */
async function decisionFields(task) {
  if (!state.schemas) {
    const doc = await api('GET', '/api/docs-json');
    state.schemas = doc.paths['/api/tasks/{id}/complete'].post.requestBody.content['application/json'].schema.oneOf;
  }
  const schema = state.schemas.find((s) => s.properties?.step?.const === task.step || s.properties?.step?.enum?.includes(task.step));
  if (!schema) return [h('p', {}, '此环节没有可填写的表单')];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties)
    .filter(([name]) => name !== 'step')
    .map(([name, prop]) => field(name, prop, required.has(name)));
}

function field(name, prop, required) {
  const label = `${name}${required ? ' *' : ''}`;
  if (prop.enum) return h('label', {}, label, h('select', { name }, ...(required ? [] : [h('option', { value: '' }, '—')]), ...prop.enum.map((v) => h('option', { value: v }, v))));
  if (prop.type === 'boolean') return h('label', {}, h('input', { type: 'checkbox', name }), label);
  if (prop.type === 'integer' && /Fen$/.test(name)) return h('label', {}, `${label} (元)`, h('input', { name, 'data-kind': 'fen', inputmode: 'decimal' }));
  if (prop.type === 'integer' || prop.type === 'number') return h('label', {}, label, h('input', { name, type: 'number', step: '1' }));
  if (prop.type === 'array' && prop.items?.properties?.memberId) return incomesField(name);
  if (prop.type === 'array' && prop.items?.enum) return h('fieldset', { 'data-name': name, 'data-kind': 'choices' }, h('legend', {}, label), ...prop.items.enum.map((v) => h('label', {}, h('input', { type: 'checkbox', value: v }), v)));
  if (prop.type === 'object') return h('label', {}, `${label} (JSON)`, h('textarea', { name, 'data-kind': 'json' }, '{}'));
  return h('label', {}, label, h('textarea', { name }));
}

function incomesField(name) {
  return h('fieldset', { 'data-name': name, 'data-kind': 'incomes' }, h('legend', {}, '核定月收入 (元)'), ...state.members.map((m) => h('label', {}, m.label, h('input', { 'data-member': m.id, inputmode: 'decimal', value: fenToYuan(m.incomeFen) }))));
}

async function decide(event) {
  event.preventDefault();
  const body = { step: state.task.step };
  try {
    for (const el of $('decision-fields').querySelectorAll('[name]')) {
      if (el.type === 'checkbox') body[el.name] = el.checked;
      else if (el.value === '') continue;
      else if (el.dataset.kind === 'fen') body[el.name] = yuanToFen(el.value, el.name);
      else if (el.dataset.kind === 'json') body[el.name] = parseJson(el.value, el.name);
      else if (el.type === 'number') body[el.name] = Number(el.value);
      else body[el.name] = el.value;
    }
    for (const set of $('decision-fields').querySelectorAll('fieldset')) {
      const inputs = [...set.querySelectorAll('input')];
      body[set.dataset.name] = set.dataset.kind === 'incomes'
        ? inputs.map((i) => ({ memberId: i.dataset.member, monthlyIncomeFen: yuanToFen(i.value || '0', 'incomes') }))
        : inputs.filter((i) => i.checked).map((i) => i.value);
    }
    await api('POST', `/api/tasks/${encodeURIComponent(state.task.id)}/complete`, body);
    $('detail').hidden = true;
    await loadInbox();
  } catch (err) {
    $('decision-error').textContent = err.message;
  }
}

function parseJson(text, field) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${field}: 须为 JSON (must be JSON)`);
  }
}

start().catch((err) => alert(err.message));
