// Browser tests: Debian's chromium driven by playwright-core, against the real server
// on a fresh demo database. Screenshots go to $KOERS_ARTIFACTS for people to look at.
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

const login = (page, username) => loginAt(page, base, username);

test('a teacher sees exactly their own group and opens a pupil', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, 'leerkracht');
  assert.match(page.url(), /\/groepen$/);
  await page.getByRole('heading', { name: 'Mijn groepen' }).waitFor();
  const groups = page.locator('.group-cards .group-link');
  assert.equal(await groups.count(), 1, 'one group for this teacher');
  assert.equal(await groups.first().textContent(), 'Groep 5/6');
  await page.screenshot({ path: join(artifacts, 'leerkracht-mijn-groepen.png'), fullPage: true });

  await groups.first().click();
  await page.getByRole('heading', { name: /Groep 5\/6/ }).waitFor();
  const rows = page.locator('table.list tbody tr');
  assert.ok(await rows.count() >= 25, 'the whole class is listed');
  await page.screenshot({ path: join(artifacts, 'leerkracht-groep.png'), fullPage: true });

  const first = rows.first().locator('a');
  const name = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
  assert.ok(await page.getByText('Groepen per schooljaar').isVisible());
  assert.ok(await page.getByText('Ouders/verzorgers').isVisible());
  await page.screenshot({ path: join(artifacts, 'leerkracht-stamkaart.png'), fullPage: true });

  // Another group of the school is refused.
  const other = await page.request.get(base + '/api/v1/groups');
  assert.equal((await other.json()).length, 1);
  await context.close();
});

test('a parent sees only their own child', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, 'ouder');
  // Mijn kind: the child, the parents' consents for the care team, and the way to the record.
  assert.match(page.url(), /\/kinderen$/, 'Mijn kind is the parent\'s start page');
  await page.getByRole('link', { name: /^Alles wat de school van .* vastlegt/ }).click();
  assert.match(page.url(), /\/leerlingen\/\d+$/, 'Mijn kind leads to the child\'s page');
  await page.getByText('Waar de school op let').waitFor();
  assert.equal(await page.getByText('u beslist').count(), 0, 'no text written for the teacher');
  const headings = page.locator('main h1');
  assert.equal(await headings.count(), 1, 'one child');
  assert.ok(await page.getByText('Groepen per schooljaar').isVisible());
  await page.screenshot({ path: join(artifacts, 'ouder-mijn-kind.png'), fullPage: true });

  const nav = await page.locator('header nav a').allTextContents();
  assert.deepEqual(nav, ['Mijn kind', 'Toestemmingen']);
  const groups = await page.goto(base + '/groepen');
  assert.equal(groups.status(), 403);
  await page.screenshot({ path: join(artifacts, 'ouder-geen-toegang.png') });
  await context.close();
});

test('the IB reads a pupil audit trail that shows the teacher looked', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, 'ib');
  await page.getByRole('heading', { name: 'Groepen' }).waitFor();
  assert.ok(await page.locator('.group-cards li').count() >= 9);
  await page.screenshot({ path: join(artifacts, 'ib-groepen.png'), fullPage: true });
  await page.getByRole('link', { name: 'Groep 5/6' }).click();
  await page.locator('table.list tbody tr a').first().click();
  await page.getByRole('link', { name: 'Audittrail bekijken' }).click();
  await page.getByRole('heading', { name: /Audittrail van/ }).waitFor();
  const users = await page.locator('table.list tbody td:nth-child(2)').allTextContents();
  assert.ok(users.includes('Joost Peters (leerkracht)'), 'the teacher\'s view from the first test is there, by name and role');
  await page.screenshot({ path: join(artifacts, 'ib-audittrail.png'), fullPage: true });
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByText('U bent uitgelogd.').waitFor();
  await context.close();
});
