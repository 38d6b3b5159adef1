// External care-team members in the browser (issue 15): the IB sees the demo's orthopedagogue
// with discipline and organisation on Accounts, invites a speech therapist for the school and
// gets the letter; the board administrator sees both and which schools they serve.
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

test('the IB invites an external for the school and the letter has a code', async () => {
  const ib = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await loginAt(ib, base, 'ib');
  await ib.getByRole('link', { name: 'Accounts' }).click();
  await ib.getByRole('heading', { name: 'Externe zorgteamleden' }).waitFor();
  const demo = ib.locator('table.externals tr[data-external="zorgteam"]');
  assert.match(await demo.textContent(), /Orthopedagoog/);
  assert.match(await demo.textContent(), /Samenwerkingsverband Passend Onderwijs Noord/);

  const form = ib.locator('form', { has: ib.getByRole('heading', { name: 'Extern zorgteamlid uitnodigen' }) });
  await form.getByLabel('Naam').fill('Els de Wit');
  await form.getByLabel('Discipline').selectOption({ label: 'Logopedist' });
  await form.getByLabel(/Organisatie/).fill('Logopediepraktijk De Klank');
  await form.getByRole('button', { name: 'Uitnodigen' }).click();
  await ib.getByRole('heading', { name: 'Brieven met codes' }).waitFor();
  assert.match((await ib.locator('.letter-code').first().textContent()).trim(), /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await ib.screenshot({ path: join(artifacts, 'extern-brief.png'), fullPage: true });

  await ib.goto(base + '/accounts#extern');
  const row = ib.locator('table.externals tr[data-external="e.dewit"]');
  assert.match(await row.textContent(), /Logopedist/);
  assert.match(await row.textContent(), /uitgenodigd/);
  await ib.locator('#extern').scrollIntoViewIfNeeded();
  await ib.screenshot({ path: join(artifacts, 'extern-ib.png') });

  const admin = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await loginAt(admin, base, 'beheer');
  await admin.goto(base + '/accounts#extern');
  const both = await admin.locator('table.externals tbody tr').allTextContents();
  assert.equal(both.length, 2);
  assert.ok(both.every((t) => /CBS De Valentijn/.test(t)));
  await admin.screenshot({ path: join(artifacts, 'extern-beheer.png') });
});
