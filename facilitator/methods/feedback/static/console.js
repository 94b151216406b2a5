// Feedback in the console: how many have answered (in all and per statement); once revealed, the
// results with the medians by stated role under the fold (groups too small to stay anonymous
// only together as "Others"); the open answers as they arrive, each with spotlight and hide, so
// the facilitator can take one off every screen before or after revealing.

import { h, syncList } from '../../js/core/dom.js';
import { moderation } from '../../js/core/moderation.js';
import { scoped, tn as plural } from '../../js/core/i18n.js';
import { formatMedian } from './apply.js';
import { stackedBar } from './bars.js';

export function mount(root, ctx) {
  const t = ctx.t || scoped('feedback');
  const tn = (key, n) => plural(key, n, {}, t);
  let snap = null;
  const people = h('p', { class: 'cx-hint fb-cx-people' });
  const privacy = h('p', { class: 'cx-hint' }, t('cx_private'));
  const progress = h('ol', { class: 'fb-cx-progress' });
  const results = h('div', { class: 'fb-cx-results' });
  const answers = h('ul', { class: 'fb-cx-answers' });
  const noAnswers = h('p', { class: 'cx-hint' }, t('cx_no_open_answers'));
  const openCard = h('section', { class: 'cx-card', 'aria-labelledby': 'fb-cx-open' },
    h('h3', { class: 'cx-subtitle', id: 'fb-cx-open' }, t('cx_open_answers')), noAnswers, answers);
  root.replaceChildren(
    h('section', { class: 'cx-card', 'aria-labelledby': 'fb-cx-title' },
      h('h3', { class: 'cx-subtitle', id: 'fb-cx-title' }, t('cx_progress')),
      people, privacy, progress, results),
    openCard);

  function groupLabel(key) {
    if (key === 'others') return t('cx_others');
    if (!key) return t('cx_not_stated');
    return (ctx.roles && ctx.roles[key]) || key;
  }

  function cell(value) {
    if (!value || !value.n) return '–';
    return t('cx_median_n', { m: formatMedian(value.median), n: value.n });
  }

  function drawResults(view) {
    const res = view.results;
    if (!res) {
      results.replaceChildren();
      return;
    }
    const texts = new Map(view.statements.map((s, i) => [s.id, `${i + 1}. ${s.text}`]));
    const list = h('ol', { class: 'fb-cx-list' }, res.statements.filter((r) => texts.has(r.id)).map((r) => h('li', {},
      h('span', { class: 'fb-cx-text' }, texts.get(r.id)),
      stackedBar(r.counts),
      h('span', { class: 'fb-cx-numbers' },
        `${t('pj_median', { m: formatMedian(r.median) })} · ${tn('cx_statement_answered', r.n)}`))));
    const parts = [h('h4', { class: 'fb-cx-subtitle' }, t('cx_results')), list];
    const roles = res.by_role;
    if (roles && roles.groups.length) {
      const columns = [...roles.groups, ...(roles.others ? ['others'] : [])];
      parts.push(h('table', { class: 'fb-cx-roles' },
        h('caption', {}, t('cx_by_role')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, '#'),
          columns.map((g) => h('th', { scope: 'col' }, groupLabel(g))))),
        h('tbody', {}, roles.rows.filter((r) => texts.has(r.id)).map((r, i) => h('tr', {},
          h('th', { scope: 'row', title: texts.get(r.id) }, `${i + 1}.`),
          r.groups.map((g) => h('td', {}, cell(g))),
          roles.others ? h('td', {}, cell(r.others)) : null)))));
      if (roles.folded) parts.push(h('p', { class: 'cx-hint' }, t('cx_fold_note', { k: view.min_group })));
    } else if (roles) {
      parts.push(h('p', { class: 'cx-hint' }, t('cx_no_roles')));
    }
    results.replaceChildren(...parts);
  }

  function answerRow() {
    const mod = moderation(ctx.send, () => snap);
    const li = h('li', { class: 'fb-cx-answer' },
      h('span', { class: 'fb-cx-question' }),
      h('span', { class: 'fb-cx-answer-text' }),
      h('span', { class: 'fb-cx-hidden' }),
      h('span', { class: 'cx-note-actions' }, mod.spot, mod.hide));
    li._mod = mod;
    return li;
  }

  function update(next) {
    snap = next;
    const view = snap.view;
    people.textContent = tn('cx_respondents', view.respondents || 0);
    privacy.hidden = Boolean(view.results);
    progress.hidden = Boolean(view.results);
    const answered = view.answered || {};
    syncList(progress, view.statements, (s) => s.id,
      () => h('li', {}, h('span', { class: 'fb-cx-text' }), h('span', { class: 'fb-cx-count' })),
      () => {});
    Array.from(progress.children).forEach((li, i) => {
      const s = view.statements[i];
      li.classList.remove('arrive');
      li.firstChild.textContent = s.text;
      li.lastChild.textContent = tn('cx_statement_answered', answered[String(s.id)] || 0);
    });
    drawResults(view);
    const questions = new Map(view.questions.map((q) => [q.id, q.text]));
    const order = new Map(view.questions.map((q, i) => [q.id, i]));
    // Grouped by question (in the kit's order), oldest first within each.
    const list = (view.answers || [])
      .filter((a) => questions.has(a.question))
      .sort((a, b) => order.get(a.question) - order.get(b.question) || a.id - b.id);
    noAnswers.hidden = list.length > 0;
    openCard.hidden = questions.size === 0;
    syncList(answers, list, (a) => a.id, answerRow, () => {});
    Array.from(answers.children).forEach((li, i) => {
      const a = list[i];
      li.classList.remove('arrive');
      const [question, text, hidden] = li.children;
      question.textContent = questions.get(a.question);
      text.textContent = a.text;
      hidden.textContent = a.hidden ? t('cx_hidden') : '';
      li.classList.toggle('is-hidden', Boolean(a.hidden));
      li._mod.update(a);
    });
  }

  return { update };
}
