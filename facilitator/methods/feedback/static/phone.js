// Feedback on the phone: one statement per screen (or all on one page, if the kit says "form"),
// five big answers from "strongly disagree" to "strongly agree" and "can't say" apart; open
// questions with a growing text box; a summary of one's own answers with "Change" beside each.
//
// An answer shows as chosen at once and says "Sending…" until the server has it, then
// "Saved ✓". Everything can be changed until the phase is locked; while the results are on the
// big screen, answering pauses (the results show here too). Typed text is kept in localStorage
// until it is saved, so nothing is lost.

import { h } from '../../js/core/dom.js';
import { scoped, tn as plural } from '../../js/core/i18n.js';
import { formatMedian } from './apply.js';
import { legend, stackedBar } from './bars.js';

const t = scoped('feedback');
const tn = (key, n) => plural(key, n, {}, t);
const SCALE = [1, 2, 3, 4, 5];
const ADVANCE_MS = 450;

let S = null; // per-phase UI state

function readDraft(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeDraft(key, text) {
  try {
    if (text === null) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
  } catch {
    // Storage unavailable: the text stays in the box.
  }
}

function grow(area) {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + 4}px`;
}

/** My answers as the server has them, overlaid with actions still on their way. */
function answers(ctx) {
  const mine = ctx.view.mine || { ratings: {}, answers: {} };
  const ratings = new Map(Object.entries(mine.ratings || {}).map(([k, v]) => [Number(k), v]));
  const texts = new Map(Object.entries(mine.answers || {}).map(([k, v]) => [Number(k), v]));
  const sending = new Set();
  const failed = new Map();
  for (const e of ctx.pending()) {
    if (!e.data) continue;
    const key = e.type === 'rating.set' ? `s${e.data.statement}` : `q${e.data.question}`;
    if (e.state === 'failed') {
      failed.set(key, e.error ? e.error.message : t('failed'));
      continue;
    }
    if (e.state !== 'sending') continue;
    sending.add(key);
    if (e.type === 'rating.set') ratings.set(e.data.statement, e.data.value);
    else if (e.type === 'answer.set') texts.set(e.data.question, e.data.text);
  }
  return { ratings, texts, sending, failed };
}

// -- building the screen ---------------------------------------------------------------------

function build(root, ctx) {
  const view = ctx.view;
  S = {
    root,
    phase: ctx.phase.id,
    ctx,
    step: 0,
    statements: new Map(),
    questions: new Map(),
    advance: null,
    messages: new Map(),
    signature: JSON.stringify([view.statements, view.questions, view.layout, view.cant_say]),
  };
  const form = view.layout === 'form';
  const paused = h('p', { class: 'state-message fb-paused', role: 'status', hidden: true }, t('paused'));
  const results = h('section', { class: 'fb-results', 'aria-labelledby': 'fb-results-title', hidden: true });
  const intro = h('p', { class: 'fb-anonymous' }, t('anonymous'));
  const body = h('div', { class: `fb-body ${form ? 'is-form' : 'is-steps'}` });
  const empty = h('p', { class: 'muted' }, t('nothing_to_answer'));
  const total = view.statements.length + view.questions.length;
  view.statements.forEach((s, i) => {
    const el = statementBlock(s, i, view.statements.length, view.cant_say);
    S.statements.set(s.id, el);
    body.append(el.root);
  });
  view.questions.forEach((q, i) => {
    const el = questionBlock(q, i, view.questions.length, view.max_length, ctx);
    S.questions.set(q.id, el);
    body.append(el.root);
  });
  const summary = h('section', { class: 'fb-summary', 'aria-labelledby': 'fb-summary-title' });
  const summaryTitle = h('h2', { class: 'notes-title', id: 'fb-summary-title', tabindex: '-1' }, t('your_answers'));
  const done = h('p', { class: 'fb-done', role: 'status' });
  const summaryList = h('ul', { class: 'fb-summary-list' });
  summary.append(summaryTitle, done, summaryList);
  body.append(summary);
  const back = h('button', { type: 'button', class: 'fb-back', onclick: () => go(S.step - 1) }, t('back'));
  const next = h('button', { type: 'button', class: 'primary fb-next', onclick: () => go(S.step + 1) }, t('next'));
  const nav = h('div', { class: 'fb-nav', hidden: form }, back, next);
  root.append(paused, results, intro, empty, body, nav);
  S.els = { paused, results, intro, body, empty, summary, summaryTitle, done, summaryList, nav, back, next };
  S.total = total;
  empty.hidden = total > 0;
  summary.hidden = total === 0;
  // Start where the person left off: the first step without an answer.
  if (!form) S.step = firstOpen(ctx);
  show(false);
}

function statementBlock(statement, index, count, cantSay) {
  const name = `fb-s-${statement.id}`;
  const state = h('p', { class: 'fb-state', 'aria-live': 'polite' });
  const message = h('p', { class: 'inline-message', role: 'alert' });
  const inputs = new Map();
  const option = (value) => {
    const input = h('input', {
      type: 'radio',
      name,
      value: String(value),
      id: `${name}-${value}`,
      onchange: () => choose(statement.id, value),
      onclick: (e) => {
        // A tap (not arrow keys) on a first answer moves on to the next statement.
        if (e.detail > 0) S.tapped = statement.id;
      },
    });
    inputs.set(value, input);
    return h('label', { class: `fb-option fb-v${value}`, for: `${name}-${value}` },
      input,
      h('span', { class: 'fb-option-mark', 'aria-hidden': 'true' }, value === 0 ? '?' : String(value)),
      h('span', { class: 'fb-option-text' }, t(`scale_${value}`)));
  };
  const legendId = `${name}-legend`;
  const root = h('fieldset', { class: 'fb-step fb-statement', dataset: { key: `s${statement.id}` } },
    h('legend', { id: legendId, tabindex: '-1' },
      h('span', { class: 'fb-progress' }, t('statement_of', { n: index + 1, total: count })),
      h('span', { class: 'fb-text' }, statement.text)),
    h('p', { class: 'field-hint' }, t('choose')),
    h('div', { class: 'fb-options' }, SCALE.map(option)),
    cantSay ? h('div', { class: 'fb-options fb-cant' }, option(0)) : null,
    state,
    message);
  return { root, inputs, state, message, focus: () => root.querySelector('legend').focus() };
}

function questionBlock(question, index, count, max, ctx) {
  const id = `fb-q-${question.id}`;
  const draftKey = `${ctx.storageKey}-q${question.id}`;
  const area = h('textarea', {
    id,
    rows: 4,
    maxlength: max,
    autocomplete: 'off',
    'aria-describedby': `${id}-hint ${id}-counter ${id}-state ${id}-message`,
  });
  const counter = h('span', { class: 'counter', id: `${id}-counter` });
  const state = h('p', { class: 'fb-state', id: `${id}-state`, 'aria-live': 'polite' });
  const message = h('p', { class: 'inline-message', id: `${id}-message`, role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, t('save_answer'));
  const form = h('form', {
    class: 'fb-step fb-question compose',
    novalidate: true,
    dataset: { key: `q${question.id}` },
    onsubmit: (e) => {
      e.preventDefault();
      submitAnswer(question.id);
    },
  },
  h('p', { class: 'fb-progress' }, t('question_of', { n: index + 1, total: count })),
  h('label', { for: id, class: 'fb-text', tabindex: '-1' }, question.text),
  h('p', { class: 'field-hint', id: `${id}-hint` }, t('answer_hint')),
  area,
  h('div', { class: 'compose-row' }, counter, save),
  state,
  message);
  const draft = readDraft(draftKey);
  area.value = draft !== null ? draft : (ctx.view.mine?.answers || {})[question.id] || '';
  const refreshCounter = () => {
    const n = area.value.length;
    counter.replaceChildren(
      h('span', { 'aria-hidden': 'true' }, t('counter', { n, max })),
      h('span', { class: 'visually-hidden' }, t('counter_label', { n, max })),
    );
    counter.classList.toggle('near', n >= max * 0.9);
  };
  area.addEventListener('input', () => {
    writeDraft(draftKey, area.value);
    message.textContent = '';
    grow(area);
    refreshCounter();
    S.ctx.update();
  });
  refreshCounter();
  requestAnimationFrame(() => grow(area));
  return { root: form, area, state, message, save, draftKey, focus: () => form.querySelector('label').focus() };
}

// -- acting ----------------------------------------------------------------------------------

function choose(statementId, value) {
  const ctx = S.ctx;
  if (!ctx.open || ctx.view.paused) return;
  const before = answers(ctx).ratings.has(statementId);
  S.messages.delete(`s${statementId}`);
  ctx.send('rating.set', { statement: statementId, value });
  const tapped = S.tapped === statementId;
  S.tapped = null;
  if (ctx.view.layout !== 'form' && tapped && !before) {
    clearTimeout(S.advance);
    const step = S.step;
    S.advance = setTimeout(() => {
      if (S && S.step === step) go(step + 1);
    }, ADVANCE_MS);
  }
}

function submitAnswer(questionId) {
  const ctx = S.ctx;
  const el = S.questions.get(questionId);
  if (!ctx.open || ctx.view.paused) return;
  const text = el.area.value.trim();
  ctx.send('answer.set', { question: questionId, text });
  el.area.value = text;
  grow(el.area);
}

/** The first step without an answer (or the summary when everything is answered). */
function firstOpen(ctx) {
  const { ratings, texts } = answers(ctx);
  const keys = stepKeys();
  const index = keys.findIndex((k) => (k[0] === 's' ? !ratings.has(Number(k.slice(1))) : !texts.get(Number(k.slice(1)))));
  return index < 0 ? keys.length : index;
}

function stepKeys() {
  return [...Array.from(S.statements.keys(), (id) => `s${id}`), ...Array.from(S.questions.keys(), (id) => `q${id}`)];
}

function go(step) {
  clearTimeout(S.advance);
  S.step = Math.max(0, Math.min(step, S.total));
  show(true);
}

/** Show the current step (steps layout) and move focus to its text for screen readers. */
function show(focus) {
  if (!S) return;
  const form = S.ctx.view.layout === 'form';
  const paused = Boolean(S.ctx.view.paused);
  const keys = stepKeys();
  const blocks = [...S.statements.values(), ...S.questions.values()];
  blocks.forEach((el, i) => {
    // While the results are shown, the questions step aside; one's own answers stay.
    el.root.hidden = paused || (!form && i !== S.step);
  });
  const onSummary = S.step >= keys.length;
  S.els.summary.hidden = S.total === 0 || (!form && !onSummary && !paused);
  S.els.back.disabled = S.step === 0;
  S.els.next.hidden = onSummary;
  S.els.next.textContent = S.step === keys.length - 1 ? t('to_summary') : t('next');
  render(S.root, S.ctx);
  if (focus && !form) {
    if (onSummary) S.els.summaryTitle.focus();
    else blocks[S.step].focus();
    S.root.scrollIntoView({ block: 'start' });
  }
}

// -- drawing ---------------------------------------------------------------------------------

function scaleWord(value) {
  return value === undefined ? t('not_answered') : t(`scale_${value}`);
}

function drawStatement(el, id, mine, open) {
  const value = mine.ratings.get(id);
  for (const [v, input] of el.inputs) {
    input.checked = v === value;
    input.disabled = !open;
    input.parentElement.classList.toggle('is-chosen', v === value);
  }
  const key = `s${id}`;
  const failed = mine.failed.get(key) || S.messages.get(key) || '';
  let state = '';
  if (mine.sending.has(key)) state = t('sending');
  else if (value !== undefined) state = t('saved_mark');
  if (el.state.textContent !== state) el.state.textContent = state;
  el.state.classList.toggle('saved', !mine.sending.has(key) && value !== undefined);
  if (el.message.textContent !== failed) el.message.textContent = failed;
}

function drawQuestion(el, id, mine, open) {
  const saved = (S.ctx.view.mine?.answers || {})[id] || '';
  const key = `q${id}`;
  el.area.disabled = !open;
  el.save.disabled = !open;
  let state = '';
  if (mine.sending.has(key)) state = t('sending');
  else if (saved && el.area.value.trim() === saved) state = t('saved_mark');
  if (el.state.textContent !== state) el.state.textContent = state;
  el.state.classList.toggle('saved', state === t('saved_mark'));
  const failed = mine.failed.get(key) || S.messages.get(key) || '';
  if (el.message.textContent !== failed) el.message.textContent = failed;
}

function drawSummary(ctx, mine) {
  const view = ctx.view;
  const rows = [];
  view.statements.forEach((s, i) => {
    rows.push({ key: `s${s.id}`, step: i, text: s.text, answer: scaleWord(mine.ratings.get(s.id)), empty: !mine.ratings.has(s.id) });
  });
  view.questions.forEach((q, i) => {
    const text = mine.texts.get(q.id) || '';
    rows.push({ key: `q${q.id}`, step: view.statements.length + i, text: q.text, answer: text || t('not_answered'), empty: !text });
  });
  const changeable = ctx.open && !view.paused && view.layout !== 'form';
  const sig = JSON.stringify([rows, changeable]);
  if (S.summarySig !== sig) {
    S.summarySig = sig;
    S.els.summaryList.replaceChildren(...rows.map((row) => h('li', { class: `fb-summary-item${row.empty ? ' is-empty' : ''}` },
      h('p', { class: 'fb-summary-text' }, row.text),
      h('p', { class: 'fb-summary-answer' }, row.answer),
      changeable ? h('button', {
        type: 'button',
        class: 'fb-change',
        'aria-label': t(row.empty ? 'answer_now_label' : 'change_label', { item: row.text }),
        onclick: () => go(row.step),
      }, t(row.empty ? 'answer_now' : 'change')) : null)));
  }
  const complete = rows.length > 0 && rows.every((r) => !r.empty);
  const text = complete ? t('all_done') : '';
  if (S.els.done.textContent !== text) S.els.done.textContent = text;
  S.els.done.hidden = !complete;
}

function drawResults(ctx) {
  const { view } = ctx;
  const box = S.els.results;
  const results = view.results;
  box.hidden = !results;
  if (!results) {
    S.resultsSig = null;
    return;
  }
  const sig = JSON.stringify(results);
  if (S.resultsSig === sig) return;
  S.resultsSig = sig;
  const texts = new Map(view.statements.map((s) => [s.id, s.text]));
  const questions = new Map(view.questions.map((q) => [q.id, q.text]));
  const items = results.statements.filter((r) => texts.has(r.id)).map((r) => h('li', { class: 'fb-result' },
    h('p', { class: 'fb-result-text' }, texts.get(r.id)),
    stackedBar(r.counts),
    h('p', { class: 'fb-result-numbers' },
      r.median === null ? '' : `${t('median', { m: formatMedian(r.median) })} · `,
      tn('answers_n', r.n))));
  const open = [];
  for (const [id, text] of questions) {
    const list = results.answers.filter((a) => a.question === id);
    open.push(h('h3', { class: 'fb-open-title' }, text));
    open.push(list.length
      ? h('ul', { class: 'fb-open-list' }, list.map((a) => h('li', {}, a.text)))
      : h('p', { class: 'muted' }, t('no_answers')));
  }
  box.replaceChildren(
    h('h2', { class: 'notes-title', id: 'fb-results-title' }, t('results')),
    items.length ? legend(t, view.cant_say) : null,
    items.length ? h('ol', { class: 'fb-result-list' }, items) : null,
    open.length ? h('h2', { class: 'notes-title' }, t('open_answers')) : null,
    ...open,
  );
}

function render(root, ctx) {
  const sig = JSON.stringify([ctx.view.statements, ctx.view.questions, ctx.view.layout, ctx.view.cant_say]);
  if (!S || S.root !== root || S.phase !== ctx.phase.id || !root.contains(S.els.body) || S.signature !== sig) {
    root.replaceChildren();
    build(root, ctx);
    return;
  }
  const wasPaused = Boolean(S.ctx.view.paused);
  S.ctx = ctx;
  const { view } = ctx;
  const open = ctx.open && !view.paused;
  S.els.paused.hidden = !(view.paused && ctx.open);
  S.els.nav.hidden = view.layout === 'form' || S.total === 0 || Boolean(view.paused);
  if (wasPaused !== Boolean(view.paused)) show(false);
  const mine = answers(ctx);
  for (const [id, el] of S.statements) drawStatement(el, id, mine, open);
  for (const [id, el] of S.questions) drawQuestion(el, id, mine, open);
  drawSummary(ctx, mine);
  drawResults(ctx);
}

function onResult(entry, ctx) {
  if (!S || !entry.data) return;
  const view = ctx.view;
  view.mine = view.mine || { ratings: {}, answers: {} };
  if (entry.type === 'rating.set') {
    const key = `s${entry.data.statement}`;
    if (entry.state === 'saved' && entry.result) {
      view.mine.ratings = { ...view.mine.ratings, [entry.result.statement]: entry.result.value };
      S.messages.delete(key);
    } else if (entry.state === 'failed') {
      const message = entry.error ? entry.error.message : t('failed');
      S.messages.set(key, message);
      ctx.dismiss(entry.op);
      ctx.announce(message);
    }
  } else if (entry.type === 'answer.set') {
    const key = `q${entry.data.question}`;
    const el = S.questions.get(entry.data.question);
    if (entry.state === 'saved' && entry.result) {
      const answersNow = { ...view.mine.answers };
      if (entry.result.text) answersNow[entry.result.question] = entry.result.text;
      else delete answersNow[entry.result.question];
      view.mine.answers = answersNow;
      S.messages.delete(key);
      if (el && el.area.value.trim() === entry.result.text) writeDraft(el.draftKey, null);
      ctx.announce(entry.result.text ? t('answer_saved') : t('answer_removed'));
    } else if (entry.state === 'failed') {
      // The text stays in the box (and in the draft) to fix and send again.
      const message = entry.error ? entry.error.message : t('failed');
      S.messages.set(key, message);
      ctx.dismiss(entry.op);
      ctx.announce(message);
    }
  }
}

/** The screen contract (static/js/core/loader.js); ctx.context() describes the phone now. */
export function mount(root, ctx) {
  return {
    update: () => render(root, ctx.context()),
    onResult: (entry) => onResult(entry, ctx.context()),
  };
}
