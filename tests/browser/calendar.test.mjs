// The school calendar in the browser: the IB adds a study day and Koers then refuses to plan
// on it, saying why; a group discussion of a period that has not begun says so on its page,
// and a refused send is said once, in words, without a leftover "Opgeslagen.".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

const iso = (d) => d.toISOString().slice(0, 10);
const dutch = (s) => `${s.slice(8, 10)}-${s.slice(5, 7)}-${s.slice(0, 4)}`;

test('the IB adds a study day and nothing is planned on it', async () => {
  const { browser, base } = koers;
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, base, 'ib');
  await page.goto(base + '/besprekingen');
  await page.getByRole('link', { name: 'Vakanties en planning' }).click();
  await page.getByRole('heading', { name: 'Vakanties en planning' }).waitFor();
  assert.ok(await page.getByRole('cell', { name: 'Kerstvakantie', exact: true }).isVisible(), 'the demo took over the national days');

  // A Tuesday three weeks from now, outside the Kerstvakantie.
  let day = new Date(Date.now() + 21 * 86400000);
  while (day.getUTCDay() !== 2 || (day.getUTCMonth() === 11 && day.getUTCDate() >= 19) || (day.getUTCMonth() === 0 && day.getUTCDate() <= 10))
    day = new Date(day.getTime() + 86400000);
  const on = iso(day);
  await page.getByLabel('Naam', { exact: true }).fill('Studiedag');
  await page.getByLabel('Van', { exact: true }).fill(on);
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByText(`Studiedag (${dutch(on)}) staat in de schoolkalender.`).waitFor();
  await page.screenshot({ path: join(artifacts, 'vakanties-en-planning.png'), fullPage: true });

  await page.goto(base + '/besprekingen');
  const form = page.locator('form[action="/besprekingen"]');
  await form.getByLabel('Soort').selectOption('zorgteam');
  await form.getByLabel('Datum').fill(on);
  await form.getByLabel('Tijd').fill('13:30');
  await form.getByRole('button', { name: 'Plannen' }).click();
  await page.getByText(`Niet gepland: ${dutch(on)} is een vrije dag (Studiedag). Kies een andere datum.`).waitFor();
  const meetings = await (await page.request.get(base + '/api/v1/meetings')).json();
  assert.ok(!meetings.some((m) => m.planned_on === on), 'nothing planned on the study day');
  assert.deepEqual(errors, []);
});

test('a discussion of a period that has not begun says so, and a refused send is said once', async (t) => {
  const { browser, base } = koers;
  const ib = await (await browser.newContext()).newPage();
  await login(ib, base, 'ib');
  // The next period, as the calendar page lists it.
  await ib.goto(base + '/besprekingen/kalender');
  const rows = await ib.locator('table:has(th:text("Groepsbesprekingen van deze periode")) tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  const today = iso(new Date());
  const next = rows.map(([name, dates]) => ({ name, from: dates.slice(6, 10) + '-' + dates.slice(3, 5) + '-' + dates.slice(0, 2) }))
    .find((p) => p.from > today);
  if (!next) { t.skip('today lies in the last period of the school year'); return; }
  const teacher = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const errors = [];
  teacher.on('pageerror', (e) => errors.push(e.message));
  await login(teacher, base, 'leerkracht');
  const [group] = await (await teacher.request.get(base + '/api/v1/groups')).json();
  // Two weeks after the next period begins, past the weeks the school allows after the period before.
  const on = iso(new Date(Date.parse(next.from) + 14 * 86400000));
  const created = await ib.request.post(base + '/api/v1/meetings', {
    headers: { 'X-CSRF-Token': await ib.evaluate(() => document.querySelector('input[name="_csrf"]').value) },
    data: { kind: 'groepsbespreking', group_id: group.id, planned_on: on, starts_at: '14:15', follow_up: true },
  });
  assert.equal(created.status(), 201, await created.text());
  const meeting = await created.json();

  await teacher.goto(`${base}/besprekingen/${meeting.id}`);
  await teacher.getByText(`evalueert ${next.name}`).waitFor();
  await teacher.getByText(`${next.name} begint op ${dutch(next.from)}`).waitFor();
  assert.equal(await teacher.getByRole('link', { name: 'Groepsplan' }).count(), 0, 'no link to a plan that is not there yet');
  for (const box of await teacher.locator('[data-checklist]').all()) await box.check();
  await teacher.locator('[data-field="questions"]').fill('Wat doen we met de rekengroep?');
  await teacher.getByRole('button', { name: 'Opslaan' }).click();
  await teacher.getByText('Opgeslagen.').waitFor();
  teacher.once('dialog', (d) => d.accept());
  await teacher.getByRole('button', { name: 'Versturen naar IB' }).click();
  const refusal = `Niet verstuurd: de bespreking evalueert ${next.name}, die begint op ${dutch(next.from)}`;
  await teacher.getByText(refusal).waitFor();
  assert.equal(await teacher.getByText(refusal).count(), 1, 'said once');
  assert.equal(await teacher.getByText('Opgeslagen.', { exact: true }).count(), 0, 'no leftover notice');
  await teacher.screenshot({ path: join(artifacts, 'bespreking-periode-nog-niet-begonnen.png') });
  assert.deepEqual(errors, []);
});
