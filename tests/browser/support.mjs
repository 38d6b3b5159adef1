// Shared by the browser tests: the real server on a fresh demo database, Debian's chromium
// driven by playwright-core (never a downloaded browser), and logging in as a demo user.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const artifacts = process.env.KOERS_ARTIFACTS ?? join(tmpdir(), 'koers-artifacts');
mkdirSync(artifacts, { recursive: true });

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

// Starts `koers serve` (with `serveArgs` added) on a new demo database and a headless chromium.
export async function startKoers({ serveArgs = [] } = {}) {
  const binary = process.env.KOERS_BINARY;
  assert.ok(binary, 'KOERS_BINARY must point at the koers binary');
  const dir = mkdtempSync(join(tmpdir(), 'koers-browser-'));
  const db = join(dir, 'koers.db');
  execFileSync(binary, ['demo', '--db', db], { stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...serveArgs], { stdio: 'ignore' });
  await waitForServer(base);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    base, browser, dir, db,
    async stop() {
      await browser.close();
      server.kill('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(page, base, username) {
  await page.goto(base + '/');
  assert.match(page.url(), /\/inloggen/);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill('koers-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('domcontentloaded');
}

// A page of its own (a new browser context, so its own session) logged in as `username`.
export async function pageAs(browser, base, username, contextOptions = {}) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, ...contextOptions })).newPage();
  await login(page, base, username);
  return page;
}
