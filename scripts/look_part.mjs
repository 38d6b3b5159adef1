// A screenshot of one part of a page (a CSS selector) as a given user, for looking at a section:
//   node scripts/look_part.mjs BASE USER OUTFILE PATH SELECTOR
import { chromium } from 'playwright-core';
const [base, user, out, path, selector] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(base + '/inloggen');
await page.getByLabel('Gebruikersnaam').fill(user);
await page.getByLabel('Wachtwoord').fill('koers-demo');
await page.getByRole('button', { name: 'Inloggen' }).click();
await page.goto(base + path);
await page.locator(selector).first().screenshot({ path: out });
console.log(out, page.url());
await browser.close();
