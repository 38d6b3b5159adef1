// A meeting: the teacher prepares (checklist, questions, aanmeldingsformulier) and sends,
// the IB records notes per agenda point or step, registrations and agreements, and both
// save through the API (PUT with the version it was based on: a colleague's newer save is
// never overwritten). Transitions (versturen, gehouden, verslag) save first, then move on.
// After each step the page reloads with a message, so what it shows is what is stored.
(() => {
  const form = document.getElementById('meeting');
  if (!form) return;
  const api = `/api/v1/meetings/${form.dataset.id}`;
  const stored = JSON.parse(document.getElementById('meeting-data').textContent);
  const messages = document.querySelector('.meeting-messages');
  const state = form.querySelector('.save-state');
  let dirty = false;
  form.addEventListener('input', () => { dirty = true; if (state) state.textContent = 'Niet opgeslagen wijzigingen'; });
  form.addEventListener('change', () => { dirty = true; if (state) state.textContent = 'Niet opgeslagen wijzigingen'; });
  window.addEventListener('beforeunload', (e) => { if (dirty) e.preventDefault(); });

  const value = (selector) => form.querySelector(selector)?.value;

  // What is still open in the preparation, said as the teacher ticks and types (advice only).
  const gaps = form.querySelector('.gaps');
  const updateGaps = () => {
    const boxes = [...form.querySelectorAll('[data-checklist]')];
    if (!gaps || !boxes.length || boxes[0].disabled) return;
    const open = boxes.filter((b) => !b.checked).length;
    const noQuestions = !(value('[data-field="questions"]') || '').trim();
    let text = open ? `Nog ${open} van de ${boxes.length} punten niet afgevinkt` : '';
    if (noQuestions) text += text ? ' en nog geen bespreekpunten of vragen' : 'Nog geen bespreekpunten of vragen';
    gaps.textContent = text ? `${text}. U kunt toch versturen.` : 'Alles voorbereid.';
  };
  form.addEventListener('input', updateGaps);
  form.addEventListener('change', updateGaps);
  // The meeting as stored, with what this page lets the user change.
  const collect = () => {
    const m = structuredClone(stored);
    for (const f of ['questions', 'decisions', 'teacher_summary', 'report', 'outcome', 'outcome_note']) {
      const v = value(`[data-field="${f}"]`);
      if (v !== undefined) m[f] = v;
    }
    m.checklist.forEach((c) => {
      const box = form.querySelector(`[data-checklist="${c.key}"]`);
      if (box) c.done = box.checked;
    });
    m.agenda.forEach((a) => { const v = value(`[data-agenda="${a.key}"]`); if (v !== undefined) a.notes = v; });
    m.steps.forEach((s) => { const v = value(`[data-step="${s.key}"]`); if (v !== undefined) s.notes = v; });
    for (const f of ['help_question', 'going_well', 'difficult', 'tried', 'wishes']) {
      const v = value(`[data-form="${f}"]`);
      if (v !== undefined) m.form[f] = v;
    }
    m.registrations = [...form.querySelectorAll('[data-registration]')].map((row) => ({
      pupil_id: Number(row.dataset.pupil), kind: row.dataset.kind, reason: row.dataset.reason,
    }));
    m.agreements = m.agreements.map((a) => {
      const box = form.querySelector(`[data-agreement="${a.id}"] [data-agreement-done]`);
      const done = box ? box.checked : !!a.done_on;
      return { ...a, done_on: done ? (a.done_on || form.dataset.today) : null };
    });
    form.querySelectorAll('[data-new-agreement-row]').forEach((row) => {
      m.agreements.push({ id: 0, action: row.dataset.action, owner_account_id: Number(row.dataset.owner), due_on: row.dataset.due });
    });
    return m;
  };

  const show = (text, error) => {
    // One message at a time: an earlier notice ("Opgeslagen.") goes.
    document.querySelectorAll('p.notice[role="status"]').forEach((n) => n.remove());
    const p = document.createElement('div');
    p.className = error ? 'error' : 'notice';
    p.textContent = text;
    messages.replaceChildren(p);
    p.scrollIntoView({ block: 'nearest' });
  };
  const request = (method, url, body) => fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf },
    body: JSON.stringify(body),
  });
  const reload = (message) => {
    dirty = false;
    window.location.href = `${window.location.pathname}?melding=${encodeURIComponent(message)}`;
  };
  const failedWords = {
    save: 'Niet opgeslagen', send: 'Niet verstuurd', hold: 'Niet gelukt', report: 'Niet vastgesteld',
    plan: 'Datum niet opgeslagen', cancel: 'Niet laten vervallen',
  };
  const failed = async (r, action = 'save') => {
    const body = await r.json().catch(() => ({}));
    show(`${failedWords[action] || 'Niet gelukt'}: ${body.error || `fout ${r.status}`}`, true);
    if (state) state.textContent = action === 'save' ? 'Niet opgeslagen' : '';
  };

  // Saves what changed; true when the stored version is now current.
  const save = async () => {
    if (!dirty) return true;
    if (state) state.textContent = 'Opslaan…';
    const r = await request('PUT', api, collect());
    if (!r.ok) { await failed(r); return false; }
    stored.version = (await r.json()).version;
    dirty = false;
    return true;
  };

  // The server words the notice; the URL names it by key (src/web/app.cc, kFixedNotices).
  const messagesFor = {
    save: 'opgeslagen',
    send: 'verstuurd',
    hold: 'gehouden',
    report: 'vastgesteld',
    plan: 'datum-opgeslagen',
  };
  form.querySelectorAll('[data-action]').forEach((button) => {
    button.addEventListener('click', async () => {
      const action = button.dataset.action;
      if (action === 'send' && !window.confirm('Versturen naar de IB? Daarna liggen de voorbereiding, het groepsoverzicht en het groepsplan vast voor deze bespreking.')) return;
      if (action === 'report' && !window.confirm('Het verslag vaststellen? Daarna kan het niet meer veranderen.')) return;
      if (action !== 'plan' && !(await save())) return;
      if (action === 'save') { reload(messagesFor.save); return; }
      const body = { version: stored.version };
      if (action === 'plan') {
        body.planned_on = value('[name="planned_on"]');
        body.starts_at = value('[name="starts_at"]');
      }
      const r = await request('POST', `${api}/${action === 'plan' ? 'plan' : action}`, body);
      if (!r.ok) { await failed(r, action); return; }
      reload(messagesFor[action]);
    });
  });

  form.querySelector('[data-cancel]')?.addEventListener('click', async () => {
    if (!window.confirm('Deze bespreking laten vervallen? Ze verdwijnt uit de jaarplanning.')) return;
    const r = await request('DELETE', api, { version: stored.version });
    if (!r.ok) { await failed(r, 'cancel'); return; }
    dirty = false;
    window.location.href = '/besprekingen?melding=vervallen';
  });

  // New rows are kept on the page until saved.
  form.querySelector('[data-add-agreement]')?.addEventListener('click', () => {
    const action = value('[data-new-agreement="action"]').trim();
    const owner = form.querySelector('[data-new-agreement="owner"]');
    const due = value('[data-new-agreement="due_on"]');
    if (!action || !due) { show('Een afspraak heeft een omschrijving en een datum.', true); return; }
    const row = document.createElement('tr');
    Object.assign(row.dataset, { newAgreementRow: '', action, owner: owner.value, due });
    for (const text of [action, owner.selectedOptions[0].textContent, due, 'nieuw']) {
      const td = document.createElement('td');
      td.textContent = text;
      row.append(td);
    }
    form.querySelector('.agreements-table tbody').append(row);
    form.querySelector('[data-new-agreement="action"]').value = '';
    dirty = true;
    if (state) state.textContent = 'Niet opgeslagen wijzigingen';
  });
  form.querySelector('[data-add-registration]')?.addEventListener('click', () => {
    const pupil = form.querySelector('[data-new-registration="pupil"]');
    const kind = value('[data-new-registration="kind"]');
    const reason = value('[data-new-registration="reason"]').trim();
    if (!pupil.value) { pupil.focus(); return; }
    const row = document.createElement('tr');
    Object.assign(row.dataset, { registration: '', pupil: pupil.value, kind, reason });
    for (const text of [pupil.selectedOptions[0].textContent, kind, reason, 'nieuw']) {
      const td = document.createElement('td');
      td.textContent = text;
      row.append(td);
    }
    form.querySelector('.registrations tbody').append(row);
    pupil.value = '';
    form.querySelector('[data-new-registration="reason"]').value = '';
    dirty = true;
    if (state) state.textContent = 'Niet opgeslagen wijzigingen';
  });
  form.querySelector('[data-copy-summary]')?.addEventListener('click', () => {
    const step = form.querySelector('[data-step]');
    const summary = document.querySelector('.growth-summary')?.textContent.trim();
    if (step && summary) {
      step.value = step.value.trim() ? `${step.value.trim()}\n${summary}` : summary;
      dirty = true;
      if (state) state.textContent = 'Niet opgeslagen wijzigingen';
    }
  });
})();
