// Toetsresultaten importeren: the mapping step and progress. Choosing a file sends it to
// the preview API; the page shows the first rows and picks a mapping that fits (the
// school's own first), or lets the user map the columns and name the mapping. Importing
// goes through the API with an upload progress bar, then shows the outcome in place.
const form = document.getElementById('import-form');
const csrf = form.querySelector('[name=_csrf]').value;
const fileInput = form.querySelector('[name=file]');
const mappingSelect = form.querySelector('[name=mapping]');
const preview = document.getElementById('preview');
const status = document.getElementById('preview-status');
const mapper = document.getElementById('mapper');
const table = document.getElementById('preview-table');
const outcome = document.getElementById('outcome');
const decisions = form.querySelector('[name=decisions]');
const progress = document.getElementById('progress');
const fields = JSON.parse(document.getElementById('result-fields').textContent).filter((f) => f);
let info = null;

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// The field a header feeds under a mapping ({field: [header names]}), or ''.
function fieldOf(columns, header) {
  const h = header.trim().toLowerCase();
  for (const [field, names] of Object.entries(columns)) if (names.includes(h)) return field;
  return '';
}

function currentColumns() {
  const m = info.mappings.find((x) => x.name === mappingSelect.value);
  return m ? m.columns : {};
}

function renderTable() {
  table.replaceChildren();
  const head = el('thead');
  const names = el('tr');
  const roles = el('tr', undefined, { class: 'mapping-row' });
  const columns = mapper.hidden ? currentColumns() : info.suggested;
  info.header.forEach((h, i) => {
    names.append(el('th', h));
    const cell = el('td');
    if (mapper.hidden) {
      const f = fieldOf(columns, h);
      cell.append(el('span', f ? '→ ' + f : 'niet gebruikt', { class: f ? 'mapped' : 'muted' }));
    } else {
      const select = el('select', undefined, { 'data-column': String(i), 'aria-label': 'Kolom ' + h });
      select.append(el('option', 'niet gebruiken', { value: '' }));
      for (const f of fields) select.append(el('option', f, { value: f }));
      select.value = fieldOf(columns, h);
      cell.append(select);
    }
    roles.append(cell);
  });
  head.append(names, roles);
  const body = el('tbody');
  for (const row of info.rows) {
    const tr = el('tr');
    info.header.forEach((_, i) => tr.append(el('td', row[i] ?? '')));
    body.append(tr);
  }
  table.append(head, body);
}

function describe() {
  const m = info.mappings.find((x) => x.name === mappingSelect.value);
  const lines = `${info.row_count} ${info.row_count === 1 ? 'regel' : 'regels'}, gescheiden door "${info.separator}".`;
  if (!mapper.hidden) {
    status.textContent = `${lines} Koppel de kolommen hieronder en geef de koppeling een naam.`;
  } else if (m && m.fits) {
    status.textContent = `${lines} De koppeling "${m.label}" past. Controleer de voorbeeldregels en klik op Importeren.`;
  } else {
    status.textContent = `${lines} De koppeling "${m ? m.label : mappingSelect.value}" past niet (mist: ${m ? m.missing.join(', ') : '?'}). Kies een andere of koppel de kolommen zelf.`;
  }
  status.className = !mapper.hidden || (m && m.fits) ? 'notice' : 'error';
}

async function loadPreview() {
  outcome.replaceChildren();
  decisions.value = '';
  if (!fileInput.files.length) return;
  const data = new FormData();
  data.append('file', fileInput.files[0]);
  const r = await fetch('/api/v1/imports/results/preview', { method: 'POST', body: data, headers: { 'X-CSRF-Token': csrf } });
  const body = await r.json();
  preview.hidden = false;
  if (!r.ok) {
    status.textContent = body.error ?? 'Het bestand is niet te lezen.';
    status.className = 'error';
    table.replaceChildren();
    return;
  }
  info = body;
  mapper.hidden = !!info.fitting;  // nothing fits: start mapping from Koers' guess
  if (info.fitting) mappingSelect.value = info.fitting;
  renderTable();
  describe();
}

function mappingJson() {
  const columns = {};
  table.querySelectorAll('select[data-column]').forEach((s) => {
    if (s.value) (columns[s.value] ??= []).push(info.header[Number(s.dataset.column)].trim().toLowerCase());
  });
  return JSON.stringify(columns);
}

function showOutcome(ok, body) {
  outcome.replaceChildren();
  const file = fileInput.files[0]?.name ?? '';
  if (ok) {
    outcome.append(el('p', `${file}: ${body.summary}`, { class: 'notice', role: 'status' }));
    return;
  }
  outcome.append(el('p', `${file} is niet geïmporteerd: ${body.summary ?? body.error} Verbeter de regels hieronder en importeer het bestand opnieuw.`, { class: 'error', role: 'alert' }));
  if (body.errors?.length) {
    const t = el('table', undefined, { class: 'list compact' });
    const head = el('thead');
    const hr = el('tr');
    hr.append(el('th', 'Regel'), el('th', 'Wat er niet klopt'));
    head.append(hr);
    const tb = el('tbody');
    let choosing = false;
    for (const e of body.errors) {
      const tr = el('tr');
      const what = el('td', e.message);
      if (e.choices?.length) {
        // Several pupils fit the name and birth date: the user says who it is.
        choosing = true;
        const select = el('select', undefined, { 'data-line': String(e.line), 'aria-label': `Leerling van regel ${e.line}` });
        select.append(el('option', '— kies de leerling —', { value: '' }));
        for (const c of e.choices) select.append(el('option', c.label, { value: String(c.pupil_id) }));
        what.append(el('br'), select);
      }
      tr.append(el('td', e.line > 0 ? String(e.line) : '—'), what);
      tb.append(tr);
    }
    if (body.errors_more) {  // the API lists the first few hundred and counts the rest
      const tr = el('tr');
      tr.append(el('td', ''), el('td', body.errors_more));
      tb.append(tr);
    }
    t.append(head, tb);
    outcome.append(t);
    if (choosing) {
      const again = el('button', 'Importeren met deze keuzes', { type: 'submit' });  // styled as the form's; not in a form
      again.addEventListener('click', () => {
        const chosen = JSON.parse(decisions.value || '{}');
        outcome.querySelectorAll('select[data-line]').forEach((s) => { if (s.value) chosen[s.dataset.line] = Number(s.value); });
        decisions.value = JSON.stringify(chosen);
        form.requestSubmit();
      });
      outcome.append(el('p', 'Bij een naam die bij meer leerlingen past: kies wie het is en importeer opnieuw. De rest van het bestand hoeft niet te veranderen.', { class: 'muted' }));
      const p = el('p');
      p.append(again);
      outcome.append(p);
    }
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  if (!mapper.hidden && info) data.set('mapping_json', mappingJson());
  else data.delete('save_as');
  const xhr = new XMLHttpRequest();
  const bar = progress.querySelector('progress');
  const label = progress.querySelector('span');
  progress.hidden = false;
  bar.value = 0;
  label.textContent = 'Versturen…';
  xhr.upload.onprogress = (e) => {
    if (!e.lengthComputable) return;
    bar.value = Math.round((e.loaded / e.total) * 100);
    label.textContent = `Versturen: ${bar.value}%`;
  };
  xhr.upload.onload = () => { bar.removeAttribute('value'); label.textContent = 'Verwerken: leerlingen herkennen en opslaan…'; };
  xhr.onload = () => {
    progress.hidden = true;
    let body = {};
    try { body = JSON.parse(xhr.responseText); } catch { body = { error: 'Onverwacht antwoord van de server.' }; }
    showOutcome(xhr.status === 200, body);
    if (xhr.status === 200 && data.get('save_as')) {
      const name = data.get('save_as');
      if (![...mappingSelect.options].some((o) => o.value === name)) mappingSelect.append(el('option', `${name} (eigen koppeling van de school)`, { value: name }));
      mappingSelect.value = name;
    }
  };
  xhr.onerror = () => { progress.hidden = true; showOutcome(false, { error: 'De verbinding is verbroken.' }); };
  xhr.open('POST', '/api/v1/imports/results');
  xhr.setRequestHeader('X-CSRF-Token', csrf);
  xhr.send(data);
});

fileInput.addEventListener('change', loadPreview);
mappingSelect.addEventListener('change', () => { if (info) { mapper.hidden = true; renderTable(); describe(); } });
document.getElementById('map-own').addEventListener('click', () => {
  if (!info) return;
  const current = info.mappings.find((x) => x.name === mappingSelect.value);
  if (current && current.fits) info.suggested = current.columns;  // adjust the one that fits
  mapper.hidden = false;
  renderTable();
  describe();
});
