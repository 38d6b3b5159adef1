// The SMARTI advice on a goal as it is typed (POST /api/v1/goals/check), shared by the group
// plan and the IHP: the criteria not met with their hints, or the summary when all are met.
// Advice only; a goal is never refused for it.
window.koersSmarti = {
  // Checks the goal in `textarea` for the period (ISO dates, or empty) and fills `list`.
  async check(textarea, list, csrf, starts, ends) {
    const text = textarea.value.trim();
    if (!text) { list.replaceChildren(); return; }
    const body = { text };
    if (starts && ends) Object.assign(body, { starts_on: starts, ends_on: ends });
    const r = await fetch('/api/v1/goals/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    });
    if (!r.ok) return;
    const result = await r.json();
    if (textarea.value.trim() !== text) return;  // typed on meanwhile
    const items = result.findings.filter((f) => !f.met).map((f) => {
      const li = document.createElement('li');
      li.className = 'smarti-hint';
      li.textContent = `${f.criterion}: ${f.hint}`;
      return li;
    });
    if (result.smarti) {
      const li = document.createElement('li');
      li.className = 'smarti-ok';
      li.textContent = result.summary;
      items.push(li);
    }
    list.replaceChildren(...items);
  },
};
