// Groepsplan: the teacher moves pupils between subgroups (drag and drop, or ← and → on a
// chosen pupil), writes goals with the SMARTI hint as they type, evaluates, and saves the
// whole plan through the API (PUT with the version it was based on: a colleague's newer
// save is never overwritten). Without this script the page still reads and prints.
(() => {
  const form = document.getElementById('plan');
  document.querySelectorAll('select[data-autosubmit]').forEach((select) => {
    select.addEventListener('change', () => select.form.requestSubmit());
  });
  document.querySelectorAll('.js-hide').forEach((el) => { el.hidden = true; });
  if (!form || !form.classList.contains('plan-editable')) return;

  const api = `/api/v1/groups/${form.dataset.group}/plans/${form.dataset.period}`;
  const base = JSON.parse(document.getElementById('plan-data').textContent);
  const messages = form.querySelector('.plan-messages');
  const state = form.querySelector('.save-state');
  let version = Number(form.dataset.version);
  let dirty = false;

  const approachLabel = { intensief: 'intensief', basis: 'basis', verdiept: 'verdiept' };
  const changed = (text) => {
    dirty = true;
    state.textContent = text || 'Niet opgeslagen wijzigingen';
  };
  form.addEventListener('input', () => changed());
  form.addEventListener('change', (e) => {
    const row = e.target.closest('[data-evaluation]');
    if (row) row.dataset.confirmed = 'true';  // the teacher decided this pupil's verdict
    changed();
  });
  const guard = (e) => {
    if (dirty) e.preventDefault();
  };
  window.addEventListener('beforeunload', guard);

  // ---- moving pupils -------------------------------------------------------------------
  const recount = (subject) => {
    subject.querySelectorAll('.subgroup').forEach((g) => {
      g.querySelector('.count').textContent = `(${g.querySelectorAll('.pupil-chip').length})`;
    });
  };
  const place = (chip, subgroup) => {
    const zone = subgroup.querySelector('.dropzone');
    const name = chip.firstChild.textContent.trim();
    const after = [...zone.children].find((c) => c.firstChild.textContent.trim().localeCompare(name, 'nl') > 0);
    zone.insertBefore(chip, after || null);
    const hint = chip.querySelector('.proposal-hint');
    const differs = chip.dataset.proposed && chip.dataset.proposed !== subgroup.dataset.approach;
    chip.classList.toggle('differs', !!differs);
    if (hint && !differs) hint.remove();
    recount(subgroup.closest('.plan-subject'));
    changed(`${name} naar ${approachLabel[subgroup.dataset.approach]} (nog niet opgeslagen)`);
  };
  let dragged = null;
  form.querySelectorAll('.pupil-chip').forEach((chip) => {
    chip.addEventListener('dragstart', (e) => {
      dragged = chip;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', chip.dataset.pupil);
    });
    chip.addEventListener('dragend', () => { dragged = null; });
    chip.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      const groups = [...chip.closest('.plan-subject').querySelectorAll('.subgroup')];
      const at = groups.indexOf(chip.closest('.subgroup')) + (e.key === 'ArrowRight' ? 1 : -1);
      if (at < 0 || at >= groups.length) return;
      place(chip, groups[at]);
      chip.focus();
    });
  });
  form.querySelectorAll('.subgroup').forEach((subgroup) => {
    subgroup.addEventListener('dragover', (e) => {
      if (!dragged || dragged.closest('.plan-subject') !== subgroup.closest('.plan-subject')) return;
      e.preventDefault();
      subgroup.classList.add('drop-target');
    });
    subgroup.addEventListener('dragleave', () => subgroup.classList.remove('drop-target'));
    subgroup.addEventListener('drop', (e) => {
      e.preventDefault();
      subgroup.classList.remove('drop-target');
      if (dragged && dragged.closest('.plan-subject') === subgroup.closest('.plan-subject')) place(dragged, subgroup);
    });
  });
  form.querySelectorAll('[data-take-proposal]').forEach((button) => {
    button.addEventListener('click', () => {
      const subject = button.closest('.plan-subject');
      subject.querySelectorAll('.pupil-chip').forEach((chip) => {
        const target = chip.dataset.proposed && subject.querySelector(`.subgroup[data-approach="${chip.dataset.proposed}"]`);
        if (target && target !== chip.closest('.subgroup')) place(chip, target);
      });
      changed('Voorstel van Koers overgenomen (nog niet opgeslagen)');
    });
  });

  // ---- goals and the SMARTI hint ---------------------------------------------------------
  const post = (url, body) => fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf },
    body: JSON.stringify(body),
  });
  const checkGoal = (goal) => window.koersSmarti.check(goal.querySelector('[data-field="text"]'),
    goal.querySelector('.smarti'), form.dataset.csrf, form.dataset.starts, form.dataset.ends);
  // The page arrives with each goal's advice; it is checked again as the teacher types.
  const watchGoal = (goal) => {
    let timer = null;
    goal.querySelector('[data-field="text"]').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => checkGoal(goal), 300);
    });
    goal.querySelector('[data-remove-goal]')?.addEventListener('click', () => {
      goal.remove();
      changed();
    });
  };
  form.querySelectorAll('[data-goal]').forEach(watchGoal);
  form.querySelectorAll('[data-add-goal]').forEach((button) => {
    button.addEventListener('click', () => {
      const goal = document.getElementById('goal-template').content.firstElementChild.cloneNode(true);
      button.before(goal);
      watchGoal(goal);
      goal.querySelector('[data-field="text"]').focus();
      changed();
    });
  });

  // ---- individual lines --------------------------------------------------------------------
  const watchIndividual = (line) => {
    line.querySelector('[data-remove-individual]')?.addEventListener('click', () => {
      line.remove();
      changed();
    });
  };
  form.querySelectorAll('[data-individual]').forEach(watchIndividual);
  form.querySelectorAll('[data-add-individual]').forEach((button) => {
    button.addEventListener('click', () => {
      const select = button.parentElement.querySelector('[data-individual-pupil]');
      if (!select.value) { select.focus(); return; }
      const line = document.createElement('div');
      line.className = 'individual-line';
      line.dataset.individual = '';
      line.dataset.pupil = select.value;
      const name = document.createElement('strong');
      name.textContent = select.selectedOptions[0].textContent;
      const text = document.createElement('textarea');
      text.dataset.field = 'text';
      text.rows = 2;
      text.setAttribute('aria-label', `Individuele lijn ${name.textContent}`);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'text-button';
      remove.dataset.removeIndividual = '';
      remove.textContent = 'verwijderen';
      line.append(name, text, remove);
      button.parentElement.before(line);
      watchIndividual(line);
      text.focus();
      changed();
    });
  });

  // ---- the plan as JSON ------------------------------------------------------------------
  const field = (el, name) => el.querySelector(`:scope [data-field="${name}"]`)?.value ?? '';
  const collect = () => {
    const plan = { ...base, version };
    plan.subjects = [...form.querySelectorAll('.plan-subject')].map((s) => ({
      subject: s.dataset.subject,
      basic_offer: s.querySelector('[data-field="basic_offer"]').value,
      subgroups: [...s.querySelectorAll('.subgroup')].map((g) => ({
        approach: g.dataset.approach,
        pupils: [...g.querySelectorAll('.pupil-chip')].map((c) => Number(c.dataset.pupil)),
        goals: [...g.querySelectorAll('[data-goal]')].map((goal) => ({
          kind: field(goal, 'kind'),
          text: field(goal, 'text'),
          year_group: field(goal, 'year_group'),
          verdict: field(goal, 'verdict') || null,
          stimulating: field(goal, 'stimulating'),
          hindering: field(goal, 'hindering'),
          carried_from: field(goal, 'carried_from'),
          pupils: [...goal.querySelectorAll('[data-evaluation]')]
            .filter((row) => row.querySelector('select').value)
            .filter((row) => g.querySelector(`.pupil-chip[data-pupil="${row.dataset.pupil}"]`))
            .map((row) => ({
              pupil_id: Number(row.dataset.pupil),
              verdict: row.querySelector('select').value,
              evidence: row.dataset.evidence,
              confirmed: row.dataset.confirmed === 'true',
            })),
        })),
        content: field(g, 'content'),
        method: field(g, 'method'),
        organisation: field(g, 'organisation'),
        attention: field(g, 'attention'),
        evaluation: field(g, 'evaluation'),
      })),
      individual: [...s.querySelectorAll('[data-individual]')].map((l) => ({
        pupil_id: Number(l.dataset.pupil),
        text: l.querySelector('textarea').value,
      })),
    }));
    const f = form.querySelector('[data-functioning]');
    plan.functioning = Object.fromEntries(
      ['learning_style', 'relation', 'competence', 'autonomy', 'interests', 'notes'].map((k) => [k, field(f, k)]));
    return plan;
  };

  const show = (text, kind, list) => {
    const p = document.createElement('div');
    p.className = kind;
    p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    p.textContent = text;
    if (list && list.length) {
      const ul = document.createElement('ul');
      list.forEach((t) => { const li = document.createElement('li'); li.textContent = t; ul.append(li); });
      p.append(ul);
    }
    messages.replaceChildren(p);
  };

  const save = async () => {
    state.textContent = 'Opslaan…';
    const r = await fetch(api, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf },
      body: JSON.stringify(collect()),
    });
    const body = await r.json().catch(() => ({}));
    if (r.ok) {
      version = body.version;
      Object.assign(base, body);
      dirty = false;
      state.textContent = `Opgeslagen als versie ${version}`;
      document.getElementById('plan-status').textContent = `Versie ${version}, zojuist opgeslagen door ${body.saved_by}`;
      messages.replaceChildren();
      return true;
    }
    if (r.status === 409 && body.latest_version) {
      show(`${body.error} (nieuwste versie: ${body.latest_version}, van ${body.latest.saved_by}.) ` +
           'Open het plan in een nieuw tabblad om te vergelijken; uw wijzigingen staan hier nog.', 'error');
    } else {
      show(body.error || `Opslaan mislukt (${r.status}).`, 'error', body.problems);
    }
    state.textContent = 'Niet opgeslagen';
    return false;
  };
  form.querySelector('[data-save]').addEventListener('click', save);

  form.querySelector('[data-send]').addEventListener('click', async () => {
    if ((dirty || version === 0) && !(await save())) return;
    const r = await post(`${api}/send`, { version });
    const body = await r.json().catch(() => ({}));
    if (r.ok) show(`Versie ${version} is naar de IB verstuurd; die versie blijft zoals hij is.`, 'notice');
    else show(body.error || `Versturen mislukt (${r.status}).`, 'error');
  });

  form.querySelector('[data-close-evaluation]').addEventListener('click', async () => {
    if (!window.confirm('De evaluatie afronden? Voorgestelde oordelen gelden dan als bevestigd, en leerlingen die een doel niet haalden krijgen dat als onderwijsbehoefte in het groepsoverzicht. Het plan van deze periode is daarna niet meer te wijzigen.')) return;
    if ((dirty || version === 0) && !(await save())) return;
    const r = await post(`${api}/close`, { version });
    const body = await r.json().catch(() => ({}));
    if (r.ok) {
      window.removeEventListener('beforeunload', guard);
      window.location.reload();
    }
    else show(body.error || `Afronden mislukt (${r.status}).`, 'error');
  });
})();
