// Care-team cases in the browser (issue 15): the IB opens Roos's case from her dossier and
// records a signed consent for the orthopedagoog; the external sees Roos on Mijn casussen and
// her case file; the parent withdraws every consent on Mijn kind after reading what stops;
// from then on the external is refused, and the IB's start page shows the withdrawal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, startKoers, pageAs } from './support.mjs';

let koers, browser, base;

before(async () => {
  koers = await startKoers();
  ({ browser, base } = koers);
});

after(async () => { await koers?.stop(); });

const as = (username) => pageAs(browser, base, username);

function isoDay(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

test('consent for the care team, the external sees the file, the parent withdraws on Mijn kind', async () => {
  // The IB: the start page reminds her of the demo's case to follow and its withdrawn consent.
  const ib = await as('ib');
  await ib.getByRole('heading', { name: 'Casussen om te volgen' }).waitFor();
  await ib.getByRole('heading', { name: 'Ingetrokken toestemmingen' }).waitFor();
  await ib.screenshot({ path: join(artifacts, 'casus-ib-start.png'), fullPage: true });

  // She opens Roos's case from her dossier and records the father's signed form.
  await ib.getByRole('link', { name: 'Groep 3', exact: true }).click();
  await ib.getByRole('link', { name: /Roos van der Meer/ }).click();
  await ib.getByRole('link', { name: /^Zorgteamcasus ·/ }).click();
  await ib.getByRole('heading', { name: /Zorgteamcasus Roos van der Meer/ }).waitFor();
  const form = ib.locator('form', { has: ib.getByRole('heading', { name: /Toestemming vastleggen/ }) });
  await form.getByLabel('Gegeven door').fill('vader, Dennis van der Meer');
  await form.getByLabel('geldig tot en met').fill(isoDay(120));
  await form.getByLabel('orthopedagoog').check();
  await form.getByLabel('hulpvraag en handelingsverlegenheid').check();
  await form.getByLabel("IHP's en hun evaluatie").check();
  await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await ib.getByText('De toestemming is vastgelegd.').waitFor();
  const caseUrl = ib.url().split('?')[0];
  assert.match(await ib.locator('table.consents').textContent(), /vader, Dennis van der Meer/);
  await ib.screenshot({ path: join(artifacts, 'casus-ib-toestemming.png'), fullPage: true });

  // The external: Roos on Mijn casussen, and her case file.
  const external = await as('zorgteam');
  await external.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
  await external.getByRole('link', { name: 'Roos van der Meer' }).click();
  await external.getByRole('heading', { name: /Casusdossier Roos van der Meer/ }).waitFor();
  assert.match(await external.locator('main').textContent(), /Hulpvraag/);
  await external.screenshot({ path: join(artifacts, 'casus-extern-dossier.png'), fullPage: true });

  // The parent: Mijn kind lists the consents; each withdrawal says what stops first.
  const parent = await as('ouder');
  await parent.getByRole('heading', { name: 'Zorgteam en uw toestemming' }).waitFor();
  assert.match(await parent.locator('.child-consents').textContent(), /Ingrid Smit \(orthopedagoog\)/);
  await parent.screenshot({ path: join(artifacts, 'casus-ouder-mijn-kind.png'), fullPage: true });
  for (let i = 0; i < 5; i++) {
    const open = parent.locator('details.withdraw').first();
    if (await open.count() === 0) break;
    await open.locator('summary').click();
    // With another consent still in force it says so; the last one says what stops.
    const last = await parent.locator('details.withdraw').count() === 1;
    await open.getByText(last ? /Vanaf nu zien de externe zorgteamleden niets meer van de zorgteamcasus van Roos/
      : /er geldt nog een andere toestemming/).waitFor();
    if (i === 0) await parent.screenshot({ path: join(artifacts, 'casus-ouder-intrekken.png'), fullPage: true });
    await open.getByRole('button', { name: 'Ja, trek deze toestemming in' }).click();
    await parent.getByText('De toestemming is ingetrokken.').waitFor();
  }
  assert.equal(await parent.locator('details.withdraw').count(), 0, 'nothing left to withdraw');
  assert.match(await parent.locator('.child-consents').textContent(), /ingetrokken/);

  // The external is refused at once; Roos is gone from Mijn casussen.
  const refused = await external.goto(caseUrl);
  assert.equal(refused.status(), 403);
  assert.match(await external.locator('main').textContent(), /De ouders hebben hun toestemming ingetrokken/);
  await external.goto(base + '/casussen');
  assert.equal(await external.getByRole('link', { name: 'Roos van der Meer' }).count(), 0);
  await external.screenshot({ path: join(artifacts, 'casus-extern-na-intrekken.png'), fullPage: true });

  // The IB sees the withdrawal on her start page and on the case.
  await ib.goto(base + '/groepen');
  const notice = ib.locator('section', { has: ib.getByRole('heading', { name: 'Ingetrokken toestemmingen' }) });
  assert.match(await notice.textContent(), /Roos van der Meer/);
  await ib.goto(caseUrl);
  await ib.getByText(/De ouders hebben hun toestemming ingetrokken: de externe zorgteamleden zien niets meer/).waitFor();
  await ib.screenshot({ path: join(artifacts, 'casus-ib-ingetrokken.png'), fullPage: true });
});
