// The console's groups of people: form them (by number of groups or by size, balanced,
// optionally mixing stated roles), see who is where, move a person (drag and drop, or the
// "Move to" list for the keyboard), name groups, choose what the big screen shows, end groups.
// People appear as their first name or an anonymous number, with the role they stated.

import { h, syncList } from '../core/dom.js';
import { t } from '../core/i18n.js';

export class GroupsCard {
  /** ctx: {send(type, data) → Promise<ack>, confirm(message, okLabel) → Promise<bool>, roles} */
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.snap = null;
    this.build();
  }

  build() {
    const { ctx } = this;
    this.mode = h('select', { id: 'cx-groups-mode', class: 'cx-groups-mode' },
      h('option', { value: 'count' }, t('cx_groups_by_count')),
      h('option', { value: 'size' }, t('cx_groups_by_size')));
    this.amount = h('input', {
      id: 'cx-groups-amount', type: 'number', min: 1, max: 60, value: 4, inputmode: 'numeric',
    });
    this.mix = h('input', { id: 'cx-groups-mix', type: 'checkbox' });
    this.form = h('form', { class: 'cx-groups-form', onsubmit: (e) => this.submit(e) },
      h('div', { class: 'cx-row' },
        h('label', { class: 'visually-hidden', for: 'cx-groups-mode' }, t('cx_groups_how')),
        this.mode,
        h('label', { class: 'visually-hidden', for: 'cx-groups-amount' }, t('cx_groups_amount')),
        this.amount),
      h('div', { class: 'cx-row' },
        this.mix, h('label', { for: 'cx-groups-mix' }, t('cx_groups_mix'))),
      h('button', { type: 'submit', class: 'button' }, t('cx_groups_form')));
    this.shown = h('select', {
      id: 'cx-groups-shown',
      onchange: () => ctx.send('groups.show', {
        group: this.shown.value ? Number(this.shown.value) : null,
      }),
    });
    this.showRow = h('div', { class: 'cx-row', hidden: true },
      h('label', { class: 'cx-label', for: 'cx-groups-shown' }, t('cx_groups_shown')),
      this.shown);
    this.list = h('ul', { class: 'cx-group-list' });
    this.end = h('button', {
      type: 'button',
      class: 'button small danger-quiet',
      hidden: true,
      onclick: async () => {
        if (await ctx.confirm(t('cx_groups_end_confirm'), t('cx_groups_end'))) {
          ctx.send('groups.clear');
        }
      },
    }, t('cx_groups_end'));
    this.empty = h('p', { class: 'cx-hint' }, t('cx_groups_none'));
    this.root.replaceChildren(
      h('h2', { class: 'cx-section-title', id: 'cx-groups-title' }, t('cx_groups_title')),
      this.empty, this.form, this.showRow, this.list, this.end);
  }

  async submit(e) {
    e.preventDefault();
    const amount = Number(this.amount.value);
    if (!Number.isInteger(amount) || amount < 1) {
      this.amount.focus();
      return;
    }
    const listed = (this.snap && this.snap.groups && this.snap.groups.list) || [];
    if (listed.length) {
      const ok = await this.ctx.confirm(t('cx_groups_reform_confirm'), t('cx_groups_form'));
      if (!ok) return;
    }
    const data = { mix_roles: this.mix.checked };
    data[this.mode.value] = amount;
    this.ctx.send('groups.form', data);
  }

  personLabel(person) {
    const role = person.role ? this.ctx.roles[person.role] || person.role : '';
    const name = person.name || `#${person.number}`;
    return role ? `${name} · ${role}` : name;
  }

  update(snap) {
    this.snap = snap;
    const groups = snap.groups || { list: [] };
    const listed = groups.list || [];
    const people = groups.people || [];
    this.empty.hidden = listed.length > 0;
    this.end.hidden = listed.length === 0;
    this.showRow.hidden = listed.length === 0;
    const options = [['', t('cx_groups_all')],
      ...listed.map((g) => [String(g.id), this.groupLabel(g)])];
    const signature = JSON.stringify(options);
    if (this.shown.dataset.signature !== signature) {
      this.shown.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
      this.shown.dataset.signature = signature;
    }
    this.shown.value = groups.shown ? String(groups.shown) : '';
    syncList(this.list, listed, (g) => g.id, (g) => this.groupBox(g), (li, g) => this.fillGroup(li, g, people, listed));
    for (const li of this.list.children) {
      const group = listed.find((g) => String(g.id) === li.dataset.key);
      if (group && li.classList.contains('arrive')) this.fillGroup(li, group, people, listed);
    }
  }

  groupLabel(group) {
    return group.name
      ? t('cx_group_named', { n: group.number, name: group.name })
      : t('cx_group_n', { n: group.number });
  }

  groupBox(group) {
    const input = h('input', {
      type: 'text', maxlength: 60, id: `cx-group-name-${group.id}`, autocomplete: 'off',
      placeholder: t('cx_group_name_hint'),
    });
    const rename = (e) => {
      e.preventDefault();
      this.ctx.send('groups.name', { group: group.id, name: input.value.trim() });
    };
    const li = h('li', { class: 'cx-group' },
      h('form', { class: 'cx-row', onsubmit: rename },
        h('label', { class: 'cx-group-title', for: `cx-group-name-${group.id}` }),
        input,
        h('button', { type: 'submit', class: 'button small' }, t('cx_group_rename'))),
      h('ul', { class: 'cx-group-people' }));
    // Drop target: a person dragged here moves to this group.
    li.addEventListener('dragover', (e) => {
      e.preventDefault();
      li.classList.add('is-target');
    });
    li.addEventListener('dragleave', () => li.classList.remove('is-target'));
    li.addEventListener('drop', (e) => {
      e.preventDefault();
      li.classList.remove('is-target');
      const person = Number(e.dataTransfer.getData('text/plain'));
      if (person) this.ctx.send('groups.move', { person, group: group.id });
    });
    return li;
  }

  fillGroup(li, group, people, listed) {
    li.classList.remove('arrive');
    const [form, list] = li.children;
    const title = form.querySelector('label');
    title.textContent = `${t('cx_group_n', { n: group.number })} (${t('cx_group_size', { n: group.size })})`;
    const input = form.querySelector('input');
    if (document.activeElement !== input && input.value !== group.name) input.value = group.name;
    const members = people.filter((p) => p.group === group.id);
    syncList(list, members, (p) => p.id, (p) => this.personRow(p), (row, p) => this.fillPerson(row, p, listed));
    for (const row of list.children) {
      const person = members.find((p) => String(p.id) === row.dataset.key);
      if (person) this.fillPerson(row, person, listed);
    }
  }

  personRow(person) {
    const select = h('select', {
      class: 'cx-move',
      onchange: () => {
        if (select.value) this.ctx.send('groups.move', { person: person.id, group: Number(select.value) });
      },
    });
    const row = h('li', { class: 'cx-person', draggable: 'true' }, h('span', { class: 'cx-person-name' }), select);
    row.addEventListener('dragstart', (e) => {
      e.dataTransfer.setData('text/plain', String(person.id));
      e.dataTransfer.effectAllowed = 'move';
    });
    return row;
  }

  fillPerson(row, person, listed) {
    row.classList.remove('arrive');
    const [name, select] = row.children;
    const label = this.personLabel(person);
    name.textContent = label;
    const options = [['', t('cx_move_to')],
      ...listed.filter((g) => g.id !== person.group).map((g) => [String(g.id), this.groupLabel(g)])];
    const signature = JSON.stringify(options);
    if (select.dataset.signature !== signature) {
      select.replaceChildren(...options.map(([value, text]) => h('option', { value }, text)));
      select.dataset.signature = signature;
    }
    select.value = '';
    select.setAttribute('aria-label', `${t('cx_move_to')}: ${label}`);
  }
}
