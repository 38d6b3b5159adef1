// Weekplanning: the teacher adjusts times and instruction per subgroup and saves; the week
// is part of the group plan, so it is saved as the plan's next version (a colleague's
// newer save is never overwritten).
(() => {
  const form = document.getElementById('week');
  if (!form || !form.classList.contains('week-editable')) return;
  const api = `/api/v1/groups/${form.dataset.group}/plans/${form.dataset.period}`;
  const state = form.querySelector('.save-state');
  const messages = document.querySelector('.plan-messages');
  let dirty = false;
  form.addEventListener('input', () => { dirty = true; state.textContent = 'Niet opgeslagen wijzigingen'; });
  window.addEventListener('beforeunload', (e) => { if (dirty) e.preventDefault(); });
  const watch = (row) => row.querySelector('[data-remove-slot]').addEventListener('click', () => {
    row.remove();
    dirty = true;
    state.textContent = 'Niet opgeslagen wijzigingen';
  });
  form.querySelectorAll('[data-slot]').forEach(watch);
  form.querySelectorAll('[data-add-slot]').forEach((button) => {
    button.addEventListener('click', () => {
      const table = form.querySelector(`table[data-day="${button.dataset.addSlot}"]`);
      const row = document.getElementById('slot-template').content.firstElementChild.cloneNode(true);
      table.tBodies[0].append(row);
      watch(row);
      row.querySelector('[data-field="time"]').focus();
    });
  });
  form.querySelector('[data-save]').addEventListener('click', async () => {
    // A time that is no clock time is named at its field before anything is sent.
    const unreadable = [...form.querySelectorAll('input[data-field="time"]')].find((input) => !input.checkValidity());
    if (unreadable) {
      unreadable.reportValidity();
      unreadable.focus();
      state.textContent = 'Niet opgeslagen: een tijd is niet in te lezen (schrijf bijvoorbeeld 8:45).';
      return;
    }
    state.textContent = 'Opslaan…';
    const latest = await (await fetch(api)).json();
    const plan = { ...latest, version: Number(form.dataset.version) };
    plan.week = [...form.querySelectorAll('table[data-day]')].flatMap((table) =>
      [...table.querySelectorAll('[data-slot]')].map((row) => {
        const v = (f) => row.querySelector(`[data-field="${f}"]`).value;
        return { day: Number(table.dataset.day), time: v('time'), subject: v('subject'), whole_group: v('whole_group'),
                 intensief: v('intensief'), basis: v('basis'), verdiept: v('verdiept') };
      }));
    const r = await fetch(api, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf },
      body: JSON.stringify(plan),
    });
    const body = await r.json().catch(() => ({}));
    if (r.ok) {
      form.dataset.version = body.version;
      dirty = false;
      state.textContent = `Opgeslagen als versie ${body.version} van het groepsplan`;
      messages.replaceChildren();
      return;
    }
    const p = document.createElement('div');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = body.error || `Opslaan mislukt (${r.status}).`;
    if (body.problems) p.textContent += ' ' + body.problems.join('; ');
    messages.replaceChildren(p);
    state.textContent = 'Niet opgeslagen';
  });
})();
