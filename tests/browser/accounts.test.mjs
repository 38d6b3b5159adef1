// Accounts in the browser (issue 12 §2): the board administrator sees the team with role,
// groups, state and last login, prints a letter with a code; the owner activates with it and
// signs in; the demo login with two-factor signs in with a real TOTP code from oathtool.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { artifacts, startKoers, login as loginAt } from './support.mjs';

let koers, browser, base;

before(async () => {
  koers = await startKoers();
  ({ browser, base } = koers);
});

after(async () => { await koers?.stop(); });

test('a letter\'s code activates an invited account, which then signs in', async () => {
  const admin = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await loginAt(admin, base, 'beheer');
  await admin.getByRole('link', { name: 'Accounts' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  const header = await admin.locator('table.accounts thead th').allTextContents();
  for (const h of ['Rol', 'Groepen', 'Status', 'Laatst ingelogd']) assert.ok(header.includes(h), h);
  const teacherRow = admin.locator('table.accounts tr[data-username="leerkracht"]');
  assert.match(await teacherRow.textContent(), /5\/6/, 'the teacher\'s group');
  await admin.screenshot({ path: join(artifacts, 'beheer-accounts.png'), fullPage: true });

  const invited = admin.locator('table.accounts tbody tr', { hasText: 'uitgenodigd' }).first();
  const username = await invited.getAttribute('data-username');
  await invited.getByRole('button', { name: 'Herstelcode maken' }).click();
  await admin.getByRole('heading', { name: 'Brieven met codes' }).waitFor();
  const code = (await admin.locator('.letter-code').first().textContent()).trim();
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await admin.screenshot({ path: join(artifacts, 'beheer-brief.png'), fullPage: true });

  const owner = await (await browser.newContext()).newPage();
  await owner.goto(base + '/inloggen');
  await owner.getByRole('link', { name: /Account activeren/ }).click();
  await owner.getByLabel('Code').fill(code);
  await owner.getByLabel('Nieuw wachtwoord').fill('mijn-eigen-wachtwoord');
  await owner.getByLabel('Herhaal wachtwoord').fill('mijn-eigen-wachtwoord');
  await owner.getByRole('button', { name: 'Wachtwoord instellen' }).click();
  await owner.getByText('Uw wachtwoord is ingesteld').waitFor();
  await owner.getByLabel('Gebruikersnaam').fill(username);
  await owner.getByLabel('Wachtwoord').fill('mijn-eigen-wachtwoord');
  await owner.getByRole('button', { name: 'Inloggen' }).click();
  await owner.getByRole('link', { name: 'Mijn account' }).click();
  await owner.getByRole('heading', { name: 'Mijn account' }).waitFor();
  assert.ok(await owner.getByText(username, { exact: true }).isVisible());
  await owner.screenshot({ path: join(artifacts, 'mijn-account.png'), fullPage: true });

  await admin.goto(base + '/accounts');
  const row = admin.locator(`table.accounts tr[data-username="${username}"]`);
  assert.match(await row.textContent(), /actief/);
  assert.doesNotMatch(await row.textContent(), /nooit/, 'last login shown');
});

test('the demo login with two-factor asks for the code and accepts a real one', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(base + '/inloggen');
  await page.getByLabel('Gebruikersnaam').fill('directeur-2fa');
  await page.getByLabel('Wachtwoord').fill('koers-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText('ook de code uit uw authenticator-app nodig').waitFor();
  await page.screenshot({ path: join(artifacts, 'inloggen-tweestap.png'), fullPage: true });
  const code = execFileSync('oathtool', ['--totp', '-b', 'KOERSDEMOKOERSDEMOKOERSDEMOKOERS']).toString().trim();
  await page.getByLabel('Wachtwoord').fill('koers-demo');
  await page.getByLabel(/Code uit uw authenticator-app/).fill(code);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Mijn account' }).waitFor();
  assert.match(page.url(), /\/groepen/);
});
