// What a print looks like on paper: the groepsoverzicht of the demo's group 5/6 (27 pupils)
// and a groeidocument printed to PDF by chromium, read back with poppler's pdftotext. Every
// page names the school, the document and whose it is, and says "pagina N van M"; the
// overview prints compactly, without on-screen notices, with every approach in full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

// The text of each page of a PDF, as poppler reads it.
function pagesOf(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const pages = [];
  for (let i = 1; i <= count; i++)
    pages.push(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), '-layout', pdf, '-'], { encoding: 'utf8' }));
  return pages;
}

// Prints the page as chromium's print dialog would (the page's own @page size and margins).
async function printed(page, name) {
  const file = join(artifacts, name);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return pagesOf(file);
}

function assertHeaderOnEveryPage(pages, header) {
  pages.forEach((text, i) => {
    const squeezed = text.replace(/\s+/g, ' ');
    assert.ok(squeezed.includes(`pagina ${i + 1} van ${pages.length}`), `page ${i + 1}: ${squeezed.slice(0, 300)}`);
    for (const part of header) assert.ok(squeezed.includes(part), `page ${i + 1} names "${part}": ${squeezed.slice(0, 300)}`);
  });
}

test('the overview of 27 pupils prints on a few pages, each with its header and number', async () => {
  const { browser, base } = koers;
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await login(page, base, 'ib');
  const groups = await (await page.request.get(base + '/api/v1/groups')).json();
  const group = groups.find((g) => g.name === '5/6');
  const pupils = await (await page.request.get(`${base}/api/v1/groups/${group.id}/pupils`)).json();
  assert.equal(pupils.length, 27, 'the demo group this measures');

  await page.goto(`${base}/groepen/${group.id}/overzicht`);
  await page.getByText('u leest mee').waitFor();  // on screen, for the IB
  const pages = await printed(page, 'groepsoverzicht-5-6.pdf');
  assert.ok(pages.length <= 5, `27 pupils on ${pages.length} pages (6 before the compact print; 4 now)`);
  assertHeaderOnEveryPage(pages, ['CBS De Valentijn', 'Groepsoverzicht Groep 5/6']);
  const all = pages.join('\n');
  assert.ok(!all.includes('u leest mee'), 'no on-screen notice on paper');
  for (const p of pupils) assert.ok(all.replace(/\s+/g, ' ').includes(p.name), `${p.name} is printed`);
  assert.ok(all.includes('Rekenen-Wiskunde'), 'the approach names whole, not cut off');
});

test('a groeidocument names the pupil on every printed page', async () => {
  const { browser, base } = koers;
  const page = await (await browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
  await login(page, base, 'ib');
  const groups = await (await page.request.get(base + '/api/v1/groups')).json();
  const group = groups.find((g) => g.name === '5/6');
  const [pupil] = await (await page.request.get(`${base}/api/v1/groups/${group.id}/pupils`)).json();
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const created = await page.request.post(base + '/api/v1/meetings', {
    headers: { 'X-CSRF-Token': csrf },
    data: { kind: 'leerlingbespreking', pupil_id: pupil.id, planned_on: '2027-01-12', starts_at: '15:30' },
  });
  assert.equal(created.status(), 201, await created.text());
  const meeting = await created.json();

  await page.goto(`${base}/besprekingen/${meeting.id}/afdrukken`);
  await page.getByRole('heading', { name: `Groeidocument ${pupil.name}` }).waitFor();
  const pages = await printed(page, 'groeidocument-print.pdf');
  assert.ok(pages.length >= 2, 'long enough to need the header on later pages');
  assertHeaderOnEveryPage(pages, ['CBS De Valentijn', 'Groeidocument', pupil.name]);
});
