// A results file names a pupil by surname and birth date that fit two pupils: the IB sees
// both in the outcome, chooses one, and imports the same file again with that choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

test('the IB decides who a row is about when a name fits two pupils', async () => {
  const { browser, base, db } = koers;
  // Two pupils of the Valentijn made namesakes with one birth date.
  const sql = (text) => execFileSync('sqlite3', [db, text]).toString().trim();
  const ids = sql("SELECT p.id FROM pupils p JOIN schools s ON s.id = p.school_id WHERE s.brin = '07AB' ORDER BY p.id DESC LIMIT 2").split('\n');
  sql(`UPDATE pupils SET surname = 'Tweeling', surname_prefix = '', birth_date = '2017-05-05' WHERE id IN (${ids.join(',')})`);
  const chosenKey = sql(`SELECT edex_key FROM pupils WHERE id = ${ids[1]}`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, base, 'ib');
  await page.goto(base + '/resultaten/importeren');
  const file = join(koers.dir, 'tweeling.csv');
  writeFileSync(file, 'achternaam;geboortedatum;toets;toetsmoment;vaardigheidsscore\nTweeling;05-05-2017;Woordenschat;M7;61\n');
  await page.setInputFiles('input[name=file]', file);
  await page.getByText('De koppeling "Koers-indeling" past').waitFor();
  await page.getByRole('button', { name: '3. Importeren' }).click();
  const choice = page.getByLabel('Leerling van regel 2');
  await choice.waitFor();
  const options = await choice.locator('option').allInnerTexts();
  assert.equal(options.length, 3, 'a prompt and the two candidates');
  await page.screenshot({ path: join(artifacts, 'ib-import-kies-leerling.png'), fullPage: true });

  await choice.selectOption({ label: options.find((o) => o.includes(chosenKey)) });
  await page.getByRole('button', { name: 'Importeren met deze keuzes' }).click();
  await page.getByText('1 resultaten nieuw').waitFor();
  const results = await (await page.request.get(`${base}/api/v1/pupils/${ids[1]}/results`)).json();
  assert.ok(results.some((r) => r.subject === 'Woordenschat' && r.moment === 'M7'), 'stored for the chosen pupil');
  const other = await (await page.request.get(`${base}/api/v1/pupils/${ids[0]}/results`)).json();
  assert.ok(!other.some((r) => r.subject === 'Woordenschat' && r.moment === 'M7'), 'not for the other');
  await context.close();
});
