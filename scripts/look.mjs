// Screenshots of pages as a given user, for looking at what was built:
//   node scripts/look.mjs BASE USER OUTDIR path1 [path2 …]
// FULL=0: the first screen only; PART=selector: only that part of each page (its first match).
import { chromium } from 'playwright-core';
const [base, user, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(base + '/inloggen');
await page.getByLabel('Gebruikersnaam').fill(user);
await page.getByLabel('Wachtwoord').fill('koers-demo');
await page.getByRole('button', { name: 'Inloggen' }).click();
let i = 0;
for (const p of paths) {
  await page.goto(base + p);
  const file = `${out}/${user}-${++i}.png`;
  if (process.env.PART) await page.locator(process.env.PART).first().screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: process.env.FULL !== '0' });
  console.log(file, page.url());
}
await browser.close();
