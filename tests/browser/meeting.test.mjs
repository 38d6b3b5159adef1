// The meetings in the browser: the teacher prepares the group discussion and sends it; the IB
// holds it, registers a pupil for a pupil discussion and agrees an action with the teacher;
// in the pupil discussion the IB records the six steps with the groeidocument beside them;
// the teacher sees the agreement on their start page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, startKoers, login } from './support.mjs';

let koers;
before(async () => { koers = await startKoers(); });
after(async () => { await koers?.stop(); });

test('teacher prepares and sends; the IB holds the meeting, registers a pupil and records the six steps', async () => {
  const { browser, base } = koers;
  const open = async (user) => {
    const page = await (await browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
    page.on('dialog', (d) => d.accept());
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    await login(page, base, user);
    return page;
  };
  const teacher = await open('leerkracht');
  const ib = await open('ib');

  // The teacher finds the coming group discussion on the start page and prepares it.
  await teacher.goto(base + '/groepen');
  await teacher.getByRole('heading', { name: 'Komende besprekingen' }).waitFor();
  await teacher.getByRole('link', { name: /Groepsbespreking 5\/6/ }).click();
  await teacher.getByRole('heading', { name: '1. Voorbereiding door de leerkracht' }).waitFor();
  const meetingUrl = teacher.url();
  for (const box of await teacher.locator('[data-checklist]').all()) await box.check();
  await teacher.getByLabel('Bespreekpunten en vragen van de leerkracht', { exact: true }).fill('Hoe krijg ik rust bij het zelfstandig werken?');
  await teacher.screenshot({ path: join(artifacts, 'bespreking-voorbereiding.png'), fullPage: true });
  await teacher.getByRole('button', { name: 'Versturen naar IB' }).click();
  await teacher.getByText('Verstuurd naar de IB.').waitFor();
  assert.equal(await teacher.locator('[data-field="questions"]').getAttribute('readonly'), '',
    'what was sent is read-only');
  await teacher.getByRole('link', { name: 'Groepsplan versie 1' }).waitFor();

  // The IB sees it in the inbox and holds the meeting.
  await ib.goto(base + '/besprekingen');
  const inbox = ib.locator('.inbox .card', { hasText: 'Verstuurd door leerkrachten' });
  await inbox.getByRole('link', { name: /Groepsbespreking 5\/6/ }).click();
  await ib.getByLabel('Evaluatie vorig groepsplan').fill('Spelling: de intensieve groep haalde 2 van de 3 doelen.');
  const pupilSelect = ib.locator('[data-new-registration="pupil"]');
  const pupilName = (await pupilSelect.locator('option').nth(1).textContent()).trim();
  await pupilSelect.selectOption({ label: pupilName });
  await ib.locator('[data-new-registration="reason"]').fill('Rekenen blijft achter ondanks verlengde instructie');
  await ib.getByRole('button', { name: 'Aanmelden' }).click();
  await ib.locator('[data-new-agreement="action"]').fill('Stoplicht invoeren bij zelfstandig werken');
  await ib.locator('[data-new-agreement="owner"]').selectOption({ label: 'Joost Peters' });
  await ib.locator('[data-new-agreement="due_on"]').fill('2027-01-15');
  await ib.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  await ib.getByRole('button', { name: 'Bespreking gehouden' }).click();
  await ib.getByText('De bespreking is gehouden.').waitFor();
  await ib.screenshot({ path: join(artifacts, 'bespreking-gehouden.png'), fullPage: true });
  assert.equal(ib.url().split('?')[0], meetingUrl);

  // The registration became a pupil discussion; the IB plans it and holds it along the six steps.
  await ib.getByRole('link', { name: 'leerlingbespreking' }).click();
  await ib.getByRole('heading', { name: `Groeidocument: wat Koers al weet van ${pupilName}` }).waitFor();
  assert.match(await ib.locator('.growth-summary').innerText(), /Wat gaat/);
  await ib.getByLabel('Datum', { exact: true }).fill('2027-01-12');
  await ib.getByLabel('Tijd', { exact: true }).fill('15:30');
  await ib.getByRole('button', { name: 'Datum opslaan' }).click();
  await ib.getByText('De datum is opgeslagen.').waitFor();
  await ib.getByRole('button', { name: 'Bespreking gehouden' }).click();
  await ib.getByText('De bespreking is gehouden.').waitFor();
  await ib.getByRole('button', { name: 'Stap 1 vullen met wat Koers al weet' }).click();
  const steps = [
    null,
    'Faalangst bij toetsen speelt mee; instructie is te lang.',
    'Ja: de toetsen en de observaties zijn recent.',
    'Kortere instructie met concreet materiaal; succeservaringen.',
    'Coaching bij het geven van verlengde instructie.',
    'IHP rekenen starten; evaluatie over zes weken.',
  ];
  const stepFields = ib.locator('textarea[data-step]');
  for (let i = 1; i < steps.length; i++) await stepFields.nth(i).fill(steps[i]);
  await ib.locator('[data-field="outcome"]').selectOption({ label: 'een IHP starten' });
  await ib.getByRole('button', { name: 'Opslaan' }).click();
  await ib.getByText('Opgeslagen.').waitFor();
  await ib.getByRole('button', { name: 'Verslag vaststellen' }).click();
  await ib.getByText('Het verslag is vastgesteld.').waitFor();
  assert.match(await stepFields.nth(0).inputValue(), /Wat gaat/);
  assert.equal(await stepFields.nth(5).inputValue(), steps[5]);
  await ib.screenshot({ path: join(artifacts, 'leerlingbespreking-groeidocument.png'), fullPage: true });
  const pupilMeeting = ib.url().split('?')[0];
  // The groeidocument prints as the report.
  await ib.goto(pupilMeeting + '/afdrukken');
  await ib.getByRole('heading', { name: `Groeidocument ${pupilName}` }).waitFor();
  await ib.emulateMedia({ media: 'print' });
  await ib.pdf({ path: join(artifacts, 'groeidocument.pdf'), format: 'A4' });
  await ib.screenshot({ path: join(artifacts, 'groeidocument-afdruk.png'), fullPage: true });

  // The outcome "een IHP starten" leads to the plan, its beginsituatie filled from what Koers knows.
  await ib.emulateMedia({ media: 'screen' });
  await ib.goto(pupilMeeting);
  await ib.getByRole('button', { name: 'IHP starten voor deze leerling' }).click();
  await ib.getByRole('heading', { name: `IHP ${pupilName}` }).waitFor();
  assert.match(await ib.locator('[data-field="starting_situation"]').inputValue(), /Wat gaat|Koers heeft nog geen/);
  const ihpId = ib.url().match(/\/ihp\/(\d+)/)[1];
  const fromMeeting = await ib.evaluate(async (id) => (await (await fetch(`/api/v1/ihps/${id}`)).json()).from_meeting, ihpId);
  assert.equal(`/besprekingen/${fromMeeting}`, new URL(pupilMeeting).pathname);

  // The teacher sees the agreement on the start page.
  await teacher.goto(base + '/groepen');
  const mine = teacher.locator('section', { has: teacher.getByRole('heading', { name: 'Mijn afspraken' }) });
  await mine.getByText('Stoplicht invoeren bij zelfstandig werken').waitFor();
  await teacher.screenshot({ path: join(artifacts, 'startpagina-afspraken.png'), fullPage: true });
  assert.deepEqual(teacher.errors, []);
  assert.deepEqual(ib.errors, []);
});
