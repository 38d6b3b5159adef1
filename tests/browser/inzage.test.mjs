// Inzage in the browser (issue 17): the parent downloads the whole dossier of their child as a
// PDF from Mijn kind and asks for a correction; the IB sees the deadline counting down on her
// start page, opens the request and answers it; the parent reads the answer. The PDF and
// screenshots are kept as artefacts (look at them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifacts, startKoers, pageAs } from './support.mjs';

let koers, browser, base;

before(async () => {
  koers = await startKoers();
  ({ browser, base } = koers);
});

after(async () => { await koers?.stop(); });

const as = (username) => pageAs(browser, base, username, { acceptDownloads: true });

test('the parent downloads the dossier and asks for a correction; the IB sees the deadline and answers', async () => {
  const parent = await as('ouder');
  await parent.getByRole('heading', { name: 'Inzage in het dossier' }).waitFor();
  await parent.screenshot({ path: join(artifacts, 'inzage-mijn-kind.png'), fullPage: true });

  // The whole dossier as one PDF.
  const [download] = await Promise.all([
    parent.waitForEvent('download'),
    parent.getByRole('link', { name: 'Het hele dossier downloaden (PDF)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^Dossier_.*\.pdf$/);
  const pdfPath = join(artifacts, 'inzage-dossier.pdf');
  await download.saveAs(pdfPath);

  // A correction request.
  await parent.getByRole('link', { name: /Een verzoek indienen/ }).click();
  await parent.getByRole('heading', { name: 'Inzage en verzoeken' }).waitFor();
  await parent.getByLabel('Verbeteren: er staat iets dat niet klopt').check();
  await parent.getByLabel(/Om welke gegevens gaat het/).fill('Bij de toetsresultaten staat Spelling M3 twee keer; de tweede is van een ander kind.');
  await parent.getByLabel(/Waarom/).fill('Wij zagen het in het gedownloade dossier.');
  await parent.getByRole('button', { name: 'Verzoek versturen' }).click();
  await parent.getByText(/Uw verzoek is verstuurd\. De school antwoordt binnen vier weken/).waitFor();
  await parent.screenshot({ path: join(artifacts, 'inzage-verzoek-ouder.png'), fullPage: true });

  // The IB: the deadline on the start page, counting down.
  const ib = await as('ib');
  const panel = ib.locator('section', { has: ib.getByRole('heading', { name: 'Verzoeken van ouders over het dossier' }) });
  await panel.waitFor();
  assert.match(await panel.textContent(), /nog 28 dagen/);
  assert.match(await panel.textContent(), /nog 19 dagen/, 'the demo request too');
  await ib.screenshot({ path: join(artifacts, 'inzage-ib-start.png'), fullPage: true });
  await panel.getByRole('link').first().click();
  await ib.getByRole('heading', { name: 'Inzage en verzoeken' }).waitFor();
  const request = ib.locator('li.dossier-request', { hasText: 'Spelling M3 twee keer' });
  await request.getByLabel('Afgewezen').check();
  await request.getByRole('button', { name: 'Antwoord vastleggen' }).click();
  // A refusal without a reason is not saved (the browser's own check stops an empty field).
  assert.equal(await request.getByRole('textbox').evaluate((t) => t.validity.valueMissing), true);
  await request.getByLabel('Deels toegekend').check();
  await request.getByRole('textbox').fill('De tweede meting is verwijderd; de eerste is wel van uw kind en blijft staan.');
  await request.getByRole('button', { name: 'Antwoord vastleggen' }).click();
  await ib.getByText('Het antwoord is vastgelegd. De ouders zien het bij het verzoek.').waitFor();
  await ib.screenshot({ path: join(artifacts, 'inzage-ib-beantwoord.png'), fullPage: true });

  // The parent reads the outcome.
  await parent.reload();
  const mine = parent.locator('li.dossier-request', { hasText: 'Spelling M3 twee keer' });
  assert.match(await mine.textContent(), /deels toegekend/);
  assert.match(await mine.textContent(), /De tweede meting is verwijderd/);
  await parent.screenshot({ path: join(artifacts, 'inzage-uitkomst-ouder.png'), fullPage: true });

  // The PDF as downloaded: a real PDF holding every section.
  const bytes = await (await import('node:fs/promises')).readFile(pdfPath);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  for (const heading of ['Stamkaart', 'Toetsresultaten', 'Toestemmingen', 'Wie het dossier inzag'])
    assert.ok(bytes.includes(heading), heading);
  await writeFile(join(artifacts, 'inzage-dossier.size.txt'), `${bytes.length}\n`);
});
