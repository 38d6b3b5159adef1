// A file over the upload limit (here --max-upload-mb 1) is refused by the upload form itself,
// naming the limit, before anything is sent: no preview request, no import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers({ serveArgs: ['--max-upload-mb', '1'] }); });
after(async () => { await koers?.stop(); });

test('the results import refuses a file over the limit before sending it', async () => {
  const { browser, base } = koers;
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let sent = 0;
  page.on('request', (r) => { if (r.method() === 'POST') sent++; });
  await login(page, base, 'ib');
  await page.goto(base + '/resultaten/importeren');
  await page.getByText('hoogstens 1 MB').first().waitFor();
  sent = 0;
  const file = page.locator('input[name=file]');
  await file.setInputFiles({ name: 'groot.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1536 * 1024, 'a') });
  assert.equal(await file.evaluate((i) => i.validationMessage),
    'Het bestand is te groot: 1,5 MB, Koers neemt hoogstens 1 MB per keer aan.');
  await page.getByRole('button', { name: '3. Importeren' }).click();
  assert.equal(sent, 0, 'nothing is sent');

  // A file that fits is previewed as before.
  await file.setInputFiles({ name: 'klein.csv', mimeType: 'text/csv', buffer: Buffer.from('leerlingnummer;toets\nx;y\n') });
  assert.equal(await file.evaluate((i) => i.validationMessage), '');
  await page.locator('#preview').waitFor();
  assert.ok(sent >= 1, 'the preview is asked for');
  assert.deepEqual(errors, []);
});
