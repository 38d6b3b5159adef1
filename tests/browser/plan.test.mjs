// The groepsplan in the browser: the teacher moves two pupils into intensief (one by
// dragging, one with the keyboard), writes a goal and sees the SMARTI hint go as it becomes
// measurable, saves, prints, evaluates with Koers' proposals from a method test, closes the
// evaluation, and the next period starts from it with the goal carried and the need in the
// overview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

const dutch = (iso) => iso.split('-').reverse().join('-');

test('teacher writes, prints and evaluates a group plan; the next period starts from it', async () => {
  const { browser, base } = koers;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, base, 'leerkracht');
  const [group] = await (await page.request.get(base + '/api/v1/groups')).json();

  await page.goto(`${base}/groepen/${group.id}`);
  await page.getByRole('link', { name: 'Groepsplan' }).click();
  await page.getByRole('heading', { name: /Groepsplan/ }).waitFor();

  const spelling = page.locator('.plan-subject[data-subject="Spelling"]');
  const intensive = spelling.locator('.subgroup[data-approach="intensief"]');
  const basic = spelling.locator('.subgroup[data-approach="basis"]');
  const first = basic.locator('.pupil-chip').nth(0);
  const second = basic.locator('.pupil-chip').nth(1);
  const [idA, idB] = [await first.getAttribute('data-pupil'), await second.getAttribute('data-pupil')];
  const before = await intensive.locator('.pupil-chip').count();

  // Method tests for these two pupils, taken today (in the current period): 80 % and 60 %.
  const plan = await (await page.request.get(`${base}/api/v1/groups/${group.id}/plans/huidig`)).json();
  const today = new Date().toISOString().slice(0, 10);
  const keyOf = async (id) => (await (await page.request.get(`${base}/api/v1/pupils/${id}`)).json()).administration_key;
  const file = join(koers.dir, 'methodetoets-spelling.csv');
  writeFileSync(file, 'leerlingnummer;toets;blok;afnamedatum;score;maximum\n' +
    `${await keyOf(idA)};Spelling;Blok 3;${dutch(today)};24;30\n` +
    `${await keyOf(idB)};Spelling;Blok 3;${dutch(today)};18;30\n`);
  const csrf = await page.locator('#plan').getAttribute('data-csrf');
  const imported = await page.request.post(`${base}/api/v1/imports/results`, {
    headers: { 'X-CSRF-Token': csrf },
    multipart: { file: { name: 'methodetoets-spelling.csv', mimeType: 'text/csv', buffer: readFileSync(file) }, mapping: 'koers' },
  });
  assert.equal(imported.status(), 200, await imported.text());

  // One pupil by dragging, the other with the keyboard (←: towards intensief).
  await first.dragTo(intensive.locator('.dropzone'));
  await spelling.locator(`.pupil-chip[data-pupil="${idB}"]`).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await intensive.locator('.pupil-chip').count(), before + 2);
  assert.equal(await intensive.locator(`.pupil-chip[data-pupil="${idA}"]`).count(), 1);

  // A vague goal gets the "meetbaar" hint; a measurable one with a date in the period does not.
  await intensive.getByRole('button', { name: 'Doel toevoegen' }).click();
  const newGoal = intensive.locator('[data-goal]').last();
  const goal = newGoal.getByLabel('Doel', { exact: true });
  await goal.fill('De leerlingen worden beter in spelling.');
  await newGoal.locator('.smarti-hint', { hasText: 'meetbaar' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'groepsplan-smarti-hint.png') });
  const goalText = `Op ${dutch(plan.period.ends_on).slice(0, 5)} heeft ieder kind van deze subgroep minimaal 80 % goed ` +
    'op de methodetoets van blok 3 van Spelling.';
  await goal.fill(goalText);
  await newGoal.locator('.smarti-hint', { hasText: 'meetbaar' }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await page.getByText(`Opgeslagen als versie ${plan.version + 1}`).waitFor();
  await page.screenshot({ path: join(artifacts, 'groepsplan-opgeslagen.png'), fullPage: true });

  // The overview's aanpak followed the plan.
  const overview = await (await page.request.get(`${base}/api/v1/groups/${group.id}/overview`)).json();
  for (const id of [idA, idB]) {
    const line = overview.pupils.find((p) => String(p.pupil_id) === id);
    assert.equal(line.approaches.find((a) => a.subject === 'Spelling').approach, 'intensief');
  }

  // Print: the document of A4 landscape pages with the goal in it.
  await page.goto(`${base}/groepen/${group.id}/groepsplan/afdrukken`);
  await page.getByText(goalText).waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(artifacts, 'groepsplan-afdruk.png'), fullPage: true });
  const pdf = await page.pdf({ path: join(artifacts, 'groepsplan.pdf'), format: 'A4', landscape: true, preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  // The demo's full plan (four subjects, goals in every subgroup that differs, part 2):
  // the one- or two-page document schools hand in.
  assert.ok(pages >= 1 && pages <= 2, `the plan prints on ${pages} pages`);
  await page.emulateMedia({ media: 'screen' });

  // Evaluate: Koers proposes from the method tests; the teacher closes the evaluation.
  await page.goto(`${base}/groepen/${group.id}/groepsplan`);
  // The goal written above: the last of the subgroup, after the demo's own goals.
  const goalBlock = page.locator('.plan-subject[data-subject="Spelling"] .subgroup[data-approach="intensief"] [data-goal]').last();
  await goalBlock.locator('summary').click();
  const rowA = goalBlock.locator(`[data-evaluation][data-pupil="${idA}"]`);
  const rowB = goalBlock.locator(`[data-evaluation][data-pupil="${idB}"]`);
  assert.equal(await rowA.locator('select').inputValue(), 'behaald');
  assert.equal(await rowB.locator('select').inputValue(), 'niet-behaald');
  await rowB.getByText('voorstel van Koers').waitFor();
  await goalBlock.getByLabel('Belemmerende factoren').fill('Veel verzuim in oktober');
  await page.screenshot({ path: join(artifacts, 'groepsplan-evaluatie.png'), fullPage: true });
  page.on('dialog', (d) => d.accept());
  // Pressed with the keyboard: the SMARTI hints arriving above may still move the button.
  await page.getByRole('button', { name: 'Evaluatie afronden' }).focus();
  await page.keyboard.press('Enter');
  // The page saves, closes and reloads itself.
  await page.getByText('De evaluatie van deze periode is afgesloten').waitFor();
  const closedPlan = await (await page.request.get(`${base}/api/v1/groups/${group.id}/plans/huidig`)).json();
  assert.equal(closedPlan.evaluation_closed, true);
  const closedGoal = closedPlan.subjects.find((x) => x.subject === 'Spelling').subgroups[0].goals.find((g) => g.text === goalText);
  assert.equal(closedGoal.hindering, 'Veel verzuim in oktober', 'the last edit was saved before closing');
  assert.equal(closedGoal.verdict, 'deels');
  const discussion = page.locator('.plan-discussion');
  assert.match(await discussion.innerText(), /niet behaald/);
  assert.equal(await discussion.locator(`a[href="/leerlingen/${idB}"]`).count(), 1);
  assert.equal(await discussion.locator(`a[href="/leerlingen/${idA}"]`).count(), 0);
  await page.screenshot({ path: join(artifacts, 'groepsplan-afgerond.png'), fullPage: true });

  // The next period starts today: the head moves the dates.
  const head = await (await browser.newContext()).newPage();
  await login(head, base, 'directeur');
  await head.goto(base + '/school/instellingen');
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await head.getByLabel('Einde periode 1').fill(yesterday);
  await head.getByLabel('Begin periode 2').fill(today);
  await head.getByRole('button', { name: 'Opslaan' }).click();
  await head.getByText('De instellingen zijn opgeslagen.').waitFor();

  await page.goto(`${base}/groepen/${group.id}/groepsplan`);
  await page.getByText(/Gestart vanuit het groepsplan van Periode 1/).waitFor();
  const carried = page.locator('.plan-subject[data-subject="Spelling"] .subgroup[data-approach="intensief"] [data-goal]').last();
  assert.equal(await carried.getByLabel('Doel', { exact: true }).inputValue(), goalText);
  await carried.getByText('deels behaald in Periode 1').waitFor();
  await page.screenshot({ path: join(artifacts, 'groepsplan-volgende-periode.png'), fullPage: true });

  // The unreached goal is pupil B's specific need in the overview.
  const next = await (await page.request.get(`${base}/api/v1/groups/${group.id}/overview`)).json();
  const lineB = next.pupils.find((p) => String(p.pupil_id) === idB);
  assert.ok(lineB.subject_needs.some((n) => n.text.includes('80 % goed')), JSON.stringify(lineB.subject_needs));
  assert.deepEqual(errors, []);
});
