// A parent in the browser (issue 17): the IB prints a new activation letter for Roos's other
// parent from her stamkaart; the parent activates the account, reads Mijn kind, gives a consent
// on the consents page and withdraws it after reading what stops; the IB's start page shows the
// withdrawal. Screenshots in the artefacts folder: parent-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, startKoers, login as loginAt } from './support.mjs';

let koers, browser, base;

before(async () => {
  koers = await startKoers();
  ({ browser, base } = koers);
});

after(async () => { await koers?.stop(); });

test('a parent activates the account, gives and withdraws a consent; the IB sees the withdrawal', async () => {
  // Roos: the demo parent's child.
  const ouder = await (await browser.newContext()).newPage();
  await loginAt(ouder, base, 'ouder');
  const me = await (await ouder.request.get(base + '/api/v1/me')).json();
  const child = me.children[0].id;

  // The IB prints a letter for the other parent, invited by the demo but not yet activated.
  const ib = await (await browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
  await loginAt(ib, base, 'ib');
  await ib.goto(`${base}/leerlingen/${child}`);
  const guardians = ib.locator('section', { has: ib.getByRole('heading', { name: 'Ouders/verzorgers' }) });
  await guardians.scrollIntoViewIfNeeded();
  await guardians.screenshot({ path: join(artifacts, 'parent-stamkaart-ouders.png') });
  assert.match(await guardians.textContent(), /uitgenodigd/);
  await guardians.getByRole('button', { name: 'Nieuwe activatiebrief' }).first().click();
  await ib.getByRole('heading', { name: 'Brieven met codes' }).waitFor();
  const code = (await ib.locator('.letter-code').first().textContent()).trim();
  const username = (await ib.locator('.letter-username').first().textContent()).trim();
  await ib.screenshot({ path: join(artifacts, 'parent-brief.png'), fullPage: true });

  // The parent activates and signs in: their home is Mijn kind.
  const parent = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
  await parent.goto(base + '/activeren');
  await parent.getByLabel('Code').fill(code);
  await parent.getByLabel('Nieuw wachtwoord').fill('ouder-wachtwoord-1');
  await parent.getByLabel('Herhaal wachtwoord').fill('ouder-wachtwoord-1');
  await parent.getByRole('button', { name: 'Wachtwoord instellen' }).click();
  await parent.getByText('Uw wachtwoord is ingesteld').waitFor();
  await parent.getByLabel('Gebruikersnaam').fill(username);
  await parent.getByLabel('Wachtwoord').fill('ouder-wachtwoord-1');
  await parent.getByRole('button', { name: 'Inloggen' }).click();
  await parent.waitForLoadState('domcontentloaded');
  await parent.goto(base + '/kinderen');
  await parent.getByRole('heading', { name: /Hoe de school .* nu helpt/ }).waitFor();
  for (const h of ['Gesprekken over', 'Documenten van school', 'Zorgteam en uw toestemming'])
    assert.ok(await parent.getByRole('heading', { name: new RegExp(h) }).first().isVisible(), h);
  await parent.screenshot({ path: join(artifacts, 'parent-mijn-kind.png'), fullPage: true });

  // Gives a consent on the consents page.
  await parent.getByRole('link', { name: /Al uw toestemmingen/ }).click();
  await parent.getByRole('heading', { level: 1, name: 'Toestemmingen' }).waitFor();
  // Roos has a consent in force: giving another one is one click further.
  await parent.getByText('Nog een toestemming geven').click();
  const form = parent.locator('form.give-consent').first();
  await form.getByLabel('Hulpvraag').check();
  await parent.screenshot({ path: join(artifacts, 'parent-toestemming-geven.png'), fullPage: true });
  await form.getByRole('button', { name: 'Ja, ik geef toestemming' }).click();
  await parent.getByText('De toestemming is vastgelegd.').waitFor();
  // The newest consent is listed first: the one just given, in Koers, by this parent.
  const given = parent.locator('li.consent').first();
  assert.match(await given.textContent(), /in Koers/);
  assert.doesNotMatch(await given.textContent(), /ingetrokken/);

  // Withdraws it after reading what stops.
  await given.getByText('Toestemming intrekken').click();
  const stops = await given.locator('details.withdraw p').textContent();
  assert.match(stops, /Intrekken kunt u niet ongedaan maken/);
  await parent.screenshot({ path: join(artifacts, 'parent-intrekken.png'), fullPage: true });
  await given.getByRole('button', { name: 'Ja, trek deze toestemming in' }).click();
  await parent.getByText('De toestemming is ingetrokken.').waitFor();
  assert.match(await parent.locator('li.consent').first().textContent(), /ingetrokken/);
  await parent.screenshot({ path: join(artifacts, 'parent-ingetrokken.png'), fullPage: true });

  // The IB's start page shows the withdrawal.
  await ib.goto(base + '/groepen');
  const panel = ib.locator('section.withdrawn-consents');
  await panel.waitFor();
  assert.match(await panel.textContent(), /ingetrokken op/);
  await panel.screenshot({ path: join(artifacts, 'parent-ib-startpagina.png') });
});
