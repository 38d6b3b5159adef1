// Browser tests: Debian's chromium driven by playwright-core, against the real server
// on a fresh demo database. Screenshots go to $KOERS_ARTIFACTS for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const binary = process.env.KOERS_BINARY;
const artifacts = process.env.KOERS_ARTIFACTS ?? join(tmpdir(), 'koers-artifacts');
mkdirSync(artifacts, { recursive: true });

let dir, server, browser, base;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(url + '/healthz')).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('koers serve did not start');
}

before(async () => {
  assert.ok(binary, 'KOERS_BINARY must point at the koers binary');
  dir = mkdtempSync(join(tmpdir(), 'koers-browser-'));
  const db = join(dir, 'koers.db');
  execFileSync(binary, ['demo', '--db', db], { stdio: 'ignore' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  await waitForServer(base);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
});

async function login(page, username) {
  await page.goto(base + '/');
  assert.match(page.url(), /\/inloggen/);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill('koers-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('domcontentloaded');
}

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
  assert.match(page.url(), /\/kinderen$/);
  const headings = page.locator('main h1');
  assert.equal(await headings.count(), 1, 'one child');
  assert.ok(await page.getByText('Groepen per schooljaar').isVisible());
  await page.screenshot({ path: join(artifacts, 'ouder-mijn-kind.png'), fullPage: true });

  const nav = await page.locator('header nav a').allTextContents();
  assert.deepEqual(nav, ['Mijn kind']);
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
  assert.ok(users.includes('leerkracht'), 'the teacher\'s view from the first test is there');
  await page.screenshot({ path: join(artifacts, 'ib-audittrail.png'), fullPage: true });
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByText('U bent uitgelogd.').waitFor();
  await context.close();
});
