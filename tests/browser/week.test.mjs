// The weekplanning in the browser: the teacher adjusts a time and an instruction; a time
// that is no clock time is refused at its field before anything is saved; the saved week is
// the plan's next version and reads in clock order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

test('teacher adjusts the week; an unreadable time is refused at its field', async () => {
  const { browser, base } = koers;
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, base, 'leerkracht');
  const [group] = await (await page.request.get(base + '/api/v1/groups')).json();
  const before = await (await page.request.get(`${base}/api/v1/groups/${group.id}/plans/huidig`)).json();

  await page.goto(`${base}/groepen/${group.id}/weekplanning`);
  const monday = page.locator('table[data-day="1"]');
  const first = monday.locator('[data-slot]').first();
  await first.getByLabel('Tijd').fill('845');
  await first.getByLabel('Intensief').fill('verlengde instructie aan de instructietafel (15 min)');
  await page.getByRole('button', { name: 'Weekplanning opslaan' }).click();
  await page.getByText('Niet opgeslagen: een tijd is niet in te lezen').waitFor();
  assert.equal(await first.getByLabel('Tijd').evaluate((el) => el.matches(':invalid')), true);
  await page.screenshot({ path: join(artifacts, 'weekplanning-tijd-fout.png') });
  const unchanged = await (await page.request.get(`${base}/api/v1/groups/${group.id}/plans/huidig`)).json();
  assert.equal(unchanged.version, before.version, 'nothing was saved');

  // A time later than Monday's second line: after saving it reads in clock order.
  await first.getByLabel('Tijd').fill('14:30');
  await page.getByRole('button', { name: 'Weekplanning opslaan' }).click();
  await page.getByText(`Opgeslagen als versie ${before.version + 1} van het groepsplan`).waitFor();
  const saved = await (await page.request.get(`${base}/api/v1/groups/${group.id}/plans/huidig`)).json();
  const mondays = saved.week.filter((w) => w.day === 1);
  assert.ok(mondays.some((w) => w.time === '14:30' && w.intensief.includes('instructietafel')), JSON.stringify(mondays));

  await page.reload();
  const times = await monday.locator('[data-field="time"]').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.equal(times.at(-1), '14:30', `Monday in clock order: ${times}`);
  await page.screenshot({ path: join(artifacts, 'weekplanning.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
