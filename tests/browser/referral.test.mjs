// A referral in the browser (issue 16): the IB writes the care team's advice on Roos's case and
// starts a PCL referral from it; she sees the OKR Koers assembled and what is still missing, and
// makes the parents' copy available. The parent reads it on Mijn kind and adds their view; the
// IB sees it in the OKR. Sending stays refused while parts are missing (the demo's complete
// PCL referral was sent: its OKR as it left the school is saved as PDF). The 1-zorgroute shows
// Roos at level 5.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, startKoers, pageAs } from './support.mjs';

let koers, browser, base;

before(async () => {
  koers = await startKoers();
  ({ browser, base } = koers);
});

after(async () => { await koers?.stop(); });

const as = (username) => pageAs(browser, base, username);

test('the IB starts a PCL referral from the advice, the parent adds their view, the route shows level 5', async () => {
  const ib = await as('ib');
  // Roos's case: the care team's advice, then the referral from it.
  await ib.getByRole('link', { name: 'Groep 3', exact: true }).click();
  await ib.getByRole('link', { name: /Roos van der Meer/ }).click();
  const roosUrl = ib.url().split('#')[0];
  await ib.getByRole('link', { name: /^Zorgteamcasus ·/ }).click();
  await ib.getByRole('heading', { name: /Zorgteamcasus Roos van der Meer/ }).waitFor();
  await ib.getByLabel('Gezamenlijk advies').fill(
    'Aanmelden bij de PCL voor het SBO: de kleine groep en de intensieve begeleiding kan de school niet bieden.');
  await ib.getByRole('button', { name: 'Opslaan' }).first().click();
  await ib.getByRole('link', { name: 'Verwijzing starten vanuit dit advies' }).click();
  const start = ib.getByRole('form', { name: 'Verwijzing starten' });
  await start.getByLabel('Procedure').selectOption({ label: 'Aanmelding bij de PCL voor het SBO' });
  assert.match(await start.getByLabel('Vanuit het advies van de zorgteamcasus').inputValue(), /^\d+$/,
    'the case the IB came from is chosen');
  await start.getByRole('button', { name: 'Verwijzing starten' }).click();
  await ib.getByRole('heading', { name: /Verwijzing Roos van der Meer/ }).waitFor();
  const referralUrl = ib.url().split('?')[0];
  // The OKR as Koers assembled it, the Aanleiding from the advice, and what is missing.
  assert.match(await ib.getByLabel('Aanleiding').inputValue(), /PCL voor het SBO/);
  await ib.getByRole('heading', { name: 'Onderwijskundig rapport (OKR)' }).waitFor();
  const missing = await ib.locator('.referral-missing ul.missing').textContent();
  assert.match(missing, /Handelingsverlegenheid van de school ontbreekt/);
  assert.match(missing, /Toestemming van de ouders/);
  await ib.getByLabel(/Handelingsverlegenheid: waarom kan de school niet bieden/).fill(
    'Roos kreeg verlengde instructie en twee IHP\'s; het tempo blijft achter. De school kan de kleine groep niet bieden.');
  await ib.getByRole('form', { name: 'Tekst van de school' }).getByRole('button', { name: 'Opslaan' }).click();
  await ib.getByRole('button', { name: 'Kopie voor de ouders beschikbaar stellen' }).click();
  await ib.locator('.referral-missing').getByText(/beschikbaar sinds/).waitFor();
  assert.doesNotMatch(await ib.locator('.referral-missing').textContent(), /Handelingsverlegenheid van de school/,
    'written, so no longer missing');
  await ib.screenshot({ path: join(artifacts, 'verwijzing-ib-gestart.png'), fullPage: true });

  // The parent: the OKR on Mijn kind, their view and agreement.
  const parent = await as('ouder');
  await parent.goto(base + '/kinderen');
  const card = parent.locator('section.child-referral');
  await card.getByRole('heading', { name: /Verwijzing: Aanmelding bij de PCL/ }).waitFor();
  assert.match(await card.textContent(), /kleine groep niet bieden/, 'the school\'s text reaches the parents');
  await card.getByLabel('Uw zienswijze (wat u wilt toevoegen)').fill(
    'Wij merken thuis dat Roos moe is van school. Wij willen dat zij een plek krijgt waar zij rustig kan leren.');
  await card.getByLabel('Ja, ik ben het eens').check();
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await parent.getByText('Uw zienswijze is opgeslagen.').waitFor();
  assert.equal(await parent.locator('section.child-referral').getByLabel('Ja, ik ben het eens').isChecked(), true,
    'the form shows what the parent chose');
  await parent.screenshot({ path: join(artifacts, 'verwijzing-ouder-zienswijze.png'), fullPage: true });

  // The IB: the parents' view is part of the OKR; sending waits for the missing parts.
  await ib.goto(referralUrl);
  assert.match(await ib.locator('.okr').textContent(), /rustig kan leren/);
  assert.match(await ib.locator('.referral-missing').textContent(), /De ouders zijn het eens met de verwijzing/);
  const send = ib.getByRole('form', { name: 'Verzenden' });
  assert.equal(await send.getByRole('button', { name: 'Verzenden en vastleggen' }).isDisabled(), true);
  assert.match(await send.textContent(), /Nog niet verzenden/);
  await ib.screenshot({ path: join(artifacts, 'verwijzing-ib-zienswijze.png'), fullPage: true });

  // The 1-zorgroute: Roos at level 5, with the referral as its evidence.
  const roosId = roosUrl.split('/').pop();
  const route = await (await ib.request.get(base + '/api/v1/pupils/' + roosId + '/route')).json();
  assert.equal(route.level, 5, JSON.stringify(route.evidence));
  await ib.goto(base + '/zorgroute');
  await ib.getByRole('link', { name: 'Roos van der Meer' }).first().waitFor();
  await ib.screenshot({ path: join(artifacts, 'verwijzing-zorgroute-school.png'), fullPage: true });
  await ib.goto(roosUrl);
  assert.match(await ib.locator('main').textContent(), /Verwijzing gestart: Aanmelding bij de PCL voor het SBO/);
  await ib.screenshot({ path: join(artifacts, 'verwijzing-zorgroute.png'), fullPage: true });

  // The demo's PCL referral left the school: its OKR as sent, as PDF.
  const demoReferral = await (await ib.request.get(base + '/api/v1/referrals/1')).json();
  assert.equal(demoReferral.procedure.key, 'pcl-sbo');
  assert.ok(demoReferral.sent_at, 'the demo\'s PCL referral was sent');
  const sent = await ib.request.get(base + '/api/v1/referrals/1/okr?format=pdf');
  assert.equal(sent.status(), 200);
  const pdf = await sent.body();
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  writeFileSync(join(artifacts, 'okr-verzonden.pdf'), pdf);
});

test('the board administrator changes a step of the PCL procedure; the IB sees it in the list and on a new referral',
  async () => {
    const admin = await as('beheer');
    await admin.getByRole('link', { name: 'Verwijsprocedures' }).first().click();
    await admin.getByRole('heading', { name: 'Verwijsprocedures', level: 1 }).waitFor();
    const step = 'De PCL bespreekt de leerling binnen zes weken en geeft een beschikking';
    const pcl = () => admin.getByRole('form', { name: 'Procedure Aanmelding bij de PCL voor het SBO' });
    await pcl().getByLabel('Stap 4: omschrijving').fill(step);
    await pcl().getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByText('De procedure \'Aanmelding bij de PCL voor het SBO\' is opgeslagen.').waitFor();
    assert.equal(await pcl().getByLabel('Stap 4: omschrijving').inputValue(), step);
    await admin.locator('#procedure-pcl-sbo').screenshot({ path: join(artifacts, 'verwijsprocedures-beheer.png') });

    // The IB reads the procedures (no form) and starts a new PCL referral: it follows the new step.
    const ib = await as('ib');
    await ib.goto(base + '/verwijsprocedures');
    assert.match(await ib.locator('#procedure-pcl-sbo').textContent(), /binnen zes weken/);
    assert.equal(await ib.getByRole('form', { name: /^Procedure / }).count(), 0, 'the IB only reads');
    await ib.goto(base + '/groepen');
    await ib.getByRole('link', { name: 'Groep 3', exact: true }).click();
    await ib.getByRole('link', { name: /Roos van der Meer/ }).click();
    await ib.goto(ib.url().split('#')[0] + '/verwijzingen');
    const start = ib.getByRole('form', { name: 'Verwijzing starten' });
    await start.getByLabel('Procedure').selectOption({ label: 'Aanmelding bij de PCL voor het SBO' });
    await start.getByRole('button', { name: 'Verwijzing starten' }).click();
    await ib.getByRole('heading', { name: /Verwijzing Roos van der Meer/ }).waitFor();
    assert.match(await ib.locator('.procedure-steps').textContent(), /binnen zes weken/);
    await ib.locator('.referral-missing').screenshot({ path: join(artifacts, 'verwijzing-nieuwe-stap.png') });
    // The demo's referral, sent before the change, keeps the procedure as it was.
    await ib.goto(base + '/verwijzingen/1');
    const kept = await ib.locator('.procedure-steps').textContent();
    assert.match(kept, /De PCL bespreekt de leerling en geeft een beschikking/);
    assert.doesNotMatch(kept, /binnen zes weken/);
  });
