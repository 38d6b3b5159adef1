// The HGW cycle's first steps in the browser: the teacher imports results through the
// page, opens the groepsoverzicht, adds a protective factor and a need with their
// sources, and confirms a signal; the IB then sees it on the signalling dashboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

test('teacher keeps the overview and decides a signal; the IB sees it', async () => {
  const { browser, base } = koers;
  const teacher = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await teacher.newPage();
  await login(page, base, 'leerkracht');

  // The pupil this test is about: the first of the teacher's group.
  const [group] = await (await page.request.get(base + '/api/v1/groups')).json();
  const [pupil] = await (await page.request.get(`${base}/api/v1/groups/${group.id}/pupils`)).json();
  const record = await (await page.request.get(`${base}/api/v1/pupils/${pupil.id}`)).json();
  const file = join(koers.dir, 'toetsen-groep-5-6.csv');
  // Two LVS results and a method test (a line with a block) in one file.
  writeFileSync(file, '\ufeffleerlingnummer;toets;toetsmoment;vaardigheidsscore;niveau;blok;afnamedatum;score;maximum\n' +
    `${record.administration_key};Woordenschat;M5;80,5;II;;;;\n` +
    `${record.administration_key};Woordenschat;E5;82;V;;;;\n` +
    `${record.administration_key};Rekenen;;;;Blok 9;12-11-2026;12;30\n`);

  await page.getByRole('link', { name: 'Toetsresultaten' }).click();
  await page.setInputFiles('input[name=file]', file);
  await page.getByText('De koppeling "Koers-indeling" past').waitFor();
  await page.screenshot({ path: join(artifacts, 'leerkracht-import-voorbeeld.png'), fullPage: true });
  await page.getByRole('button', { name: '3. Importeren' }).click();
  await page.getByText('3 resultaten nieuw').waitFor();
  await page.screenshot({ path: join(artifacts, 'leerkracht-import-klaar.png'), fullPage: true });

  await page.getByRole('link', { name: 'Mijn groepen' }).click();
  await page.getByRole('link', { name: 'Groepsoverzicht' }).click();
  await page.getByRole('heading', { name: 'Groepsoverzicht Groep 5/6' }).waitFor();
  const line = page.locator(`#leerling-${pupil.id}`);
  const results = await line.locator('.col-results li', { hasText: 'Woordenschat' }).innerText();
  assert.match(results, /M5\s*II\s*E5\s*V\s*↓/, 'the drop shows as a downward trend');
  assert.match(await line.locator('.col-method').innerText(), /Blok 9/, 'the imported method test shows');

  // One add form for the page: it opens in the row of the pupil whose link was clicked.
  assert.equal(await page.locator('form').count() < 12, true, 'a handful of forms, not a few per pupil');
  await line.getByText('+ beschermende factor').click();
  const factorForm = line.locator('.add-panel');
  await factorForm.getByLabel('Omschrijving').fill('zit op voetbal, leert daar samenwerken');
  await factorForm.getByLabel('Bron').selectOption({ label: 'gesprek met ouders' });
  await page.screenshot({ path: join(artifacts, 'leerkracht-factor-toevoegen.png'), fullPage: false });
  await factorForm.getByRole('button', { name: 'Toevoegen' }).click();
  await page.waitForURL(new RegExp(`#leerling-${pupil.id}$`));
  const factors = await page.locator(`#leerling-${pupil.id} .col-factor`).first().innerText();
  assert.match(factors, /zit op voetbal, leert daar samenwerken/);
  assert.match(factors, /gesprek met ouders · Joost Peters/);

  const again = page.locator(`#leerling-${pupil.id}`);
  await again.getByText('+ onderwijsbehoefte').click();
  const needForm = again.locator('.add-panel');
  await needForm.getByLabel('Waarop').selectOption('matchen|instructie');
  await needForm.getByLabel('Deze leerling').fill('verlengde instructie bij nieuwe rekenstof');
  await needForm.getByLabel('Bron').selectOption({ label: 'toets' });
  await needForm.getByRole('button', { name: 'Toevoegen' }).click();
  await page.waitForURL(new RegExp(`#leerling-${pupil.id}$`));
  const needs = await page.locator(`#leerling-${pupil.id} .col-needs`).innerText();
  assert.match(needs, /instructie\s+heeft verlengde instructie bij nieuwe rekenstof nodig/);
  await page.screenshot({ path: join(artifacts, 'leerkracht-groepsoverzicht.png'), fullPage: false });

  // The approach selects of all pupils share one form: a change saves this pupil's line only.
  const approach = page.locator(`#leerling-${pupil.id} select[name$="_2"]`);
  const other = page.locator('tbody.pupil-line').nth(1).locator('select[name$="_2"]');
  const otherBefore = await other.inputValue();
  await Promise.all([page.waitForURL(new RegExp(`#leerling-${pupil.id}$`)), approach.selectOption('verdiept')]);
  assert.equal(await page.locator(`#leerling-${pupil.id} select[name$="_2"]`).inputValue(), 'verdiept');
  assert.equal(await page.locator('tbody.pupil-line').nth(1).locator('select[name$="_2"]').inputValue(), otherBefore);
  // The × ends an entry through the page's one end form.
  await page.locator(`#leerling-${pupil.id}`).getByRole('button', { name: 'Verwijder: zit op voetbal, leert daar samenwerken' }).click();
  await page.waitForURL(new RegExp(`#leerling-${pupil.id}$`));
  assert.doesNotMatch(await page.locator(`#leerling-${pupil.id} .col-factor`).first().innerText(), /zit op voetbal/);

  // The signals of the fall to V: one line for the subject, opened from the overview and
  // decided once with a reason.
  await page.locator(`#leerling-${pupil.id}`).getByRole('link', { name: /^signaal: Woordenschat/ }).first().click();
  const signal = page.locator('li.signal', { hasText: 'Woordenschat: niveau II in M5 → V in E5' });
  assert.match(await signal.innerText(), /Laag niveau: Woordenschat: niveau V in E5/, 'every rule that fires, in one line');
  await signal.getByPlaceholder('Reden').fill('Ook in de les zien we dit; extra instructie');
  await signal.getByRole('button', { name: 'Extra ondersteuning' }).click();
  await page.locator('li.signal', { hasText: 'Woordenschat: niveau II in M5 → V in E5' }).getByText('Bevestigd door leerkracht').waitFor();
  await page.screenshot({ path: join(artifacts, 'leerkracht-signaal-bevestigd.png'), fullPage: true });
  await teacher.close();

  const ib = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const ibPage = await ib.newPage();
  await login(ibPage, base, 'ib');
  await ibPage.getByRole('link', { name: 'Signalering', exact: true }).click();
  await ibPage.getByText(/leerlingen \(\d+ %\)/).first().waitFor();
  const row = ibPage.locator('tr', { hasText: pupil.name });
  await row.locator('td[title*="Woordenschat: niveau II in M5 → V in E5"]').waitFor();
  assert.match(await row.innerText(), /daling/);
  assert.match(await row.innerText(), /ondersteuning/, 'the teacher decided: extra support');
  await ibPage.screenshot({ path: join(artifacts, 'ib-signaleringsoverzicht.png'), fullPage: true });
  // The IB reads the overview but does not write in it.
  await ibPage.goto(`${base}/groepen/${group.id}/overzicht`);
  await ibPage.getByText('verlengde instructie bij nieuwe rekenstof').waitFor();
  assert.equal(await ibPage.locator('.add-panel, a.add-link').count(), 0);
  await ib.close();
});
