// The IHP page: the writer's rubrics are collected into the stored plan and saved through
// the API (PUT with the version it was based on: a colleague's newer save is never
// overwritten); starting, evaluating, closing, ticking off a session and the parent's view
// are API calls too. After each step the page reloads with a message, so what it shows is
// what is stored. Goals are checked SMARTI as they are typed (advice only).
(() => {
  const form = document.getElementById('ihp');
  if (!form) return;
  const api = `/api/v1/ihps/${form.dataset.id}`;
  const stored = JSON.parse(document.getElementById('ihp-data').textContent);
  const messages = document.querySelector('.ihp-messages');
  const state = form.querySelector('.save-state');
  let dirty = false;
  const editable = form.classList.contains('ihp-editable');
  const markDirty = (e) => {
    if (!editable || e.target.closest('[data-session], [data-parent-view], .ihp-actions, [data-evaluation] .inline-fields.no-print')) return;
    dirty = true;
    if (state) state.textContent = 'Niet opgeslagen wijzigingen';
  };
  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  window.addEventListener('beforeunload', (e) => { if (dirty) e.preventDefault(); });

  const show = (text, problems) => {
    const box = document.createElement('div');
    box.className = 'error';
    box.textContent = text;
    if (problems && problems.length) {
      const ul = document.createElement('ul');
      problems.forEach((p) => { const li = document.createElement('li'); li.textContent = p; ul.append(li); });
      box.append(ul);
    }
    messages.replaceChildren(box);
    box.scrollIntoView({ block: 'nearest' });
  };
  const request = (method, url, body) => fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf },
    body: JSON.stringify(body ?? {}),
  });
  const reload = (notice) => {
    dirty = false;
    window.location.href = `${window.location.pathname}?melding=${notice}`;
  };
  // An answer that is not 2xx: its message (and problems) shown; false.
  const ok = async (r) => {
    if (r.ok) return true;
    let body = {};
    try { body = await r.json(); } catch { /* not JSON */ }
    show(body.error || `Er ging iets mis (${r.status}).`, body.problems);
    return false;
  };

  const field = (name) => form.querySelector(`[data-field="${name}"]`);
  // The plan as stored, with what the writer changed on this page.
  const collect = () => {
    const m = structuredClone(stored);
    for (const f of ['starting_situation', 'content', 'evaluation', 'starts_on', 'ends_on', 'long_term_reason',
      'discussed_with_parents_on']) {
      const el = field(f);
      if (el) m[f] = el.value || (f.endsWith('_on') ? null : '');
    }
    const agree = field('parents_agree')?.value;
    m.parents_agree = agree === '' || agree === undefined ? null : agree === 'true';
    const voice = field('pupil_voice')?.value ?? '';
    if (voice !== m.pupil_voice.text) m.pupil_voice = { text: voice, written_by: '', written_at: '' };
    const evaluations = new Map([...form.querySelectorAll('[data-evaluation]')].map((e) => [e.dataset.evaluation, e]));
    let next = 0;
    form.querySelectorAll('.ihp-goals .ihp-goal').forEach((g) => { next = Math.max(next, Number(g.dataset.goal)); });
    m.goals = [...form.querySelectorAll('.ihp-goals .ihp-goal')].map((g) => {
      const number = Number(g.dataset.goal) || (next += 1);
      g.dataset.goal = number;
      const before = stored.goals.find((x) => x.number === number) || {};
      const get = (f) => g.querySelector(`[data-goal-field="${f}"]`).value;
      const goal = { ...before, number, long_term: get('long_term') === 'true', area: get('area'), text: get('text'),
        due_on: get('due_on') || null };
      const ev = evaluations.get(String(number));
      if (ev) ev.querySelectorAll('[data-eval-field]').forEach((i) => { goal[i.dataset.evalField] = i.value; });
      return goal;
    }).filter((g) => g.text.trim() || g.area);  // an empty new row is no goal
    m.involved = [...form.querySelectorAll('[data-involved]')].map((row) => {
      const get = (f) => row.querySelector(`[data-involved-field="${f}"]`).value;
      return { role: get('role'), name: get('name'), responsibility: get('responsibility') };
    }).filter((i) => i.name.trim() || i.responsibility.trim());
    let line = 0;
    m.organisation = [...form.querySelectorAll('table.organisation tbody tr')].map((row) => {
      const get = (f) => row.querySelector(`[data-line-field="${f}"]`).value;
      line += 1;
      return { number: line, who: get('who'), goal: Number(get('goal')) || 0, time: get('time'),
        minutes: Number(get('minutes')) || 0, place: get('place'),
        days: [...row.querySelectorAll('[data-day]')].filter((b) => b.checked).map((b) => Number(b.dataset.day)) };
    }).filter((l) => l.who.trim() || l.days.length);
    const toggle = form.querySelector('[data-opp-toggle]');
    if (toggle && !toggle.checked) m.opp = null;
    else if (toggle) {
      const get = (f) => form.querySelector(`[data-opp-field="${f}"]`)?.value ?? '';
      const held = (m.opp?.evaluations_with_parents ?? []).slice();
      const newEvaluation = form.querySelector('[data-opp-evaluation]')?.value;
      if (newEvaluation && !held.includes(newEvaluation)) held.push(newEvaluation);
      m.opp = {
        outflow: get('outflow'), reasons: get('reasons'), hindering: get('hindering'), helping: get('helping'),
        consents: [...form.querySelectorAll('[data-consent]')].map((row) => {
          const c = (f) => row.querySelector(`[data-consent-field="${f}"]`).value;
          return { who: c('who'), on: c('on') || null, agreed: c('agreed') === 'true', reason: c('reason') };
        }).filter((c) => c.who.trim()),
        evaluations_with_parents: held,
      };
    }
    m.version = Number(form.dataset.version);
    return m;
  };
  const save = async () => {
    const r = await request('PUT', api, collect());
    if (r.status === 409) {
      const body = await r.json();
      show(`${body.error || 'Het IHP is intussen door een ander opgeslagen.'} Nieuwste versie: ${body.latest_version}.`);
      return false;
    }
    return ok(r);
  };

  const actions = {
    save: async () => { if (await save()) reload('opgeslagen'); },
    start: async () => {
      if (!(await save())) return;
      if (await ok(await request('POST', `${api}/start`))) reload('ihp-gestart');
      else setTimeout(() => { window.location.reload(); }, 4000);  // the save stands; show its new version
    },
    evaluate: async () => {
      if (editable && dirty && !(await save())) return;
      const verdicts = [...form.querySelectorAll('[data-evaluation]')].map((e) => ({
        goal: Number(e.dataset.evaluation),
        verdict: e.querySelector('[data-verdict]')?.value,
        evidence: e.querySelector('[data-verdict-evidence]')?.value ?? '',
      })).filter((v) => v.verdict);
      const current = await (await fetch(api)).json();
      const r = await request('POST', `${api}/evaluate`,
        { version: current.version, verdicts, evaluation: field('evaluation')?.value ?? '' });
      if (await ok(r)) reload('ihp-geevalueerd');
    },
    close: async () => {
      const outcome = form.querySelector('[data-outcome]').value;
      const r = await request('POST', `${api}/close`, { outcome });
      if (!(await ok(r))) return;
      const body = await r.json();
      dirty = false;
      if (body.closed && body.closed.next_ihp) window.location.href = `/ihp/${body.closed.next_ihp}?melding=ihp-afgesloten`;
      else reload('ihp-afgesloten');
    },
    'parent-view': async () => {
      const text = form.querySelector('[data-parent-view]').value;
      if (await ok(await request('POST', `${api}/parent-view`, { text }))) reload('kijk-opgeslagen');
    },
  };
  form.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => {
    b.disabled = true;
    actions[b.dataset.action]().finally(() => { b.disabled = false; });
  }));

  // Ticking off a session: given (with its minutes) or not given.
  form.querySelectorAll('[data-session] [data-tick]').forEach((b) => b.addEventListener('click', async () => {
    const row = b.closest('[data-session]');
    const given = b.dataset.tick === 'true';
    const r = await request('POST', `${api}/sessions`, {
      line: Number(row.dataset.line), on: row.dataset.on, given,
      minutes: given ? Number(row.querySelector('[data-session-field="minutes"]').value) || 0 : 0,
      note: row.querySelector('[data-session-field="note"]').value,
    });
    if (await ok(r)) { if (dirty) show('De sessie is afgevinkt. Sla uw andere wijzigingen nog op.'); else reload('sessie-afgevinkt'); }
  }));

  // Rows added and removed.
  const add = (templateId, into) => {
    const node = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
    into.append(node);
    node.querySelector('textarea, input')?.focus();
    dirty = true;
    return node;
  };
  form.querySelector('[data-add-goal]')?.addEventListener('click', () => watchGoal(add('goal-template', form.querySelector('.ihp-goals'))));
  form.querySelector('[data-add-involved]')?.addEventListener('click', () => add('involved-template', form.querySelector('table.involved tbody')));
  form.querySelector('[data-add-consent]')?.addEventListener('click', () => add('consent-template', form.querySelector('table.consents tbody')));
  form.querySelector('[data-opp-toggle]')?.addEventListener('change', (e) => {
    form.querySelector('.opp-fields').hidden = !e.target.checked;
  });
  form.querySelector('[data-add-line]')?.addEventListener('click', () => add('line-template', form.querySelector('table.organisation tbody')));
  form.addEventListener('click', (e) => {
    const remove = e.target.closest('[data-remove-goal], [data-remove-row]');
    if (!remove) return;
    (remove.closest('.ihp-goal') || remove.closest('tr')).remove();
    dirty = true;
    if (state) state.textContent = 'Niet opgeslagen wijzigingen';
  });

  // SMARTI advice on a goal, as it is typed.
  const check = (goal) => window.koersSmarti.check(goal.querySelector('[data-goal-field="text"]'),
    goal.querySelector('.smarti'), form.dataset.csrf, field('starts_on')?.value, field('ends_on')?.value);
  function watchGoal(goal) {
    let timer = null;
    goal.querySelector('[data-goal-field="text"]').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => check(goal), 400);
    });
  }
  form.querySelectorAll('.ihp-goals .ihp-goal').forEach((g) => {
    if (editable) { watchGoal(g); check(g); }
  });
})();
