// The care team from registration to need (issue 15), as the IB, the external and the teacher
// use it: a pupil registered for the care team in a group discussion; the IB opens the case
// from that registration on Besprekingen, invites the orthopedagoog, records the parents'
// consent and puts the case on the care-team meeting's agenda (with the parents invited); the
// external sees that case file and not the pupil's stamkaart; the IB records the discussion and
// the joint advice at the meeting, then an HGD with its own consent, the report and its
// recommendations, and takes one over; the teacher sees it as a need (onderzoek) in the
// groepsoverzicht. The IB plans the adviesgesprek with the parents, the teacher and the IB from
// the HGD, holds it and writes its report: the HGD is then besproken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifacts, startKoers, pageAs } from './support.mjs';

let koers, browser, base;

before(async () => {
  koers = await startKoers();
  ({ browser, base } = koers);
});

after(async () => { await koers?.stop(); });

const as = (username) => pageAs(browser, base, username);

function isoDay(offset) {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, name), fullPage: true });

test('from a care-team registration to a need in the overview', async () => {
  const ib = await as('ib');
  const csrf = await ib.locator('input[name="_csrf"]').first().inputValue();
  const api = async (method, path, data) => {
    const r = await ib.request.fetch(base + path, { method, data, headers: { 'X-CSRF-Token': csrf } });
    assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  // The teacher registered the first pupil of group 5/6 for the care team in the group discussion.
  const group = (await api('GET', '/api/v1/groups')).find((g) => g.name === '5/6');
  const pupil = (await api('GET', `/api/v1/groups/${group.id}/pupils`))[0];
  const meetings = await api('GET', '/api/v1/meetings');
  const discussion = meetings.find((m) => m.kind === 'groepsbespreking' && m.group_id === group.id);
  const full = await api('GET', `/api/v1/meetings/${discussion.id}`);
  full.registrations.push({ pupil_id: pupil.id, kind: 'zorgteam', reason: 'werkt niet zelfstandig, ook niet met de stappenkaart' });
  await api('PUT', `/api/v1/meetings/${discussion.id}`, full);
  const careMeeting = meetings.find((m) => m.kind === 'zorgteam' && m.planned_on >= isoDay(0));

  // The IB opens the case from the registration on Besprekingen.
  await ib.goto(base + '/besprekingen');
  const registered = ib.locator('li', { has: ib.getByRole('link', { name: pupil.name }) })
    .filter({ hasText: 'werkt niet zelfstandig' });
  await registered.getByRole('button', { name: 'Casus openen' }).click();
  await ib.getByText('De casus is geopend.').waitFor();
  await ib.getByRole('heading', { name: new RegExp(`Zorgteamcasus ${pupil.name}`) }).waitFor();
  const caseUrl = ib.url().split('?')[0];
  const caseId = caseUrl.split('/').pop();

  // The hulpvraag with the parents, why the care team, and the orthopedagoog invited.
  const edit = ib.locator('form', { has: ib.getByRole('heading', { name: 'Casus bijwerken' }) });
  await edit.getByLabel('Hulpvraag (samen met de ouders)').fill('Hoe krijgt dit kind overzicht bij het zelfstandig werken?');
  await edit.getByLabel(/Handelingsverlegenheid/).fill('De stappenkaart en de instructietafel helpen niet meer.');
  await edit.locator('select[name="invite_account"]').selectOption({ label: 'Ingrid Smit' });
  await edit.locator('select[name="invite_discipline"]').selectOption('orthopedagoog');
  await edit.getByRole('button', { name: 'Opslaan' }).click();
  await ib.getByText('Opgeslagen').first().waitFor();

  // The parents' consent for the care team, on a signed form.
  const consent = async (purpose, documents) => {
    const form = ib.locator('form', { has: ib.getByRole('heading', { name: /Toestemming vastleggen/ }) });
    await form.locator('select[name="purpose"]').selectOption(purpose);
    await form.getByLabel('Gegeven door').fill('moeder, Anja');
    await form.getByLabel('geldig tot en met').fill(isoDay(120));
    await form.getByLabel('orthopedagoog').check();
    for (const d of documents) await form.getByLabel(d).check();
    await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await ib.getByText('De toestemming is vastgelegd.').waitFor();
  };
  await consent('zorgteam', ['hulpvraag en handelingsverlegenheid']);
  const step = ib.locator('form', { has: ib.getByRole('heading', { name: 'Casus bijwerken' }) });
  await step.locator('select[name="status"]').selectOption('toestemming');
  await step.getByRole('button', { name: 'Opslaan' }).click();
  await ib.locator('main').getByText('toestemming geregeld').first().waitFor();
  await shot(ib, 'zorgteam-1-casus-toestemming.png');

  // On the agenda of the next care-team meeting, the parents invited too.
  await ib.goto(`${base}/besprekingen/${careMeeting.id}`);
  const add = ib.locator('form.add-case');
  const option = add.locator('select[name="case_id"] option', { hasText: pupil.name });
  await add.locator('select[name="case_id"]').selectOption(await option.getAttribute('value'));
  await add.getByLabel('de ouders uitnodigen').check();
  await add.getByRole('button', { name: 'Op de agenda' }).click();
  await ib.getByText('De casus staat op de agenda.').waitFor();
  const item = ib.locator(`#casus-${caseId}`);
  assert.ok(await item.getByLabel('de ouders').isChecked(), 'the parents are invited');
  await shot(ib, 'zorgteam-2-agenda.png');

  // The external: the case on Mijn casussen, its file, and never the pupil's stamkaart.
  const external = await as('zorgteam');
  await external.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
  await external.getByRole('link', { name: pupil.name }).click();
  await external.getByRole('heading', { name: new RegExp(`Casusdossier ${pupil.name}`) }).waitFor();
  assert.match(await external.locator('main').textContent(), /overzicht bij het zelfstandig werken/);
  await shot(external, 'zorgteam-3-extern-casusdossier.png');
  const stamkaart = await external.goto(`${base}/leerlingen/${pupil.id}`);
  assert.ok([403, 404].includes(stamkaart.status()), `the stamkaart: ${stamkaart.status()}`);

  // At the meeting: the discussion and the joint advice.
  await ib.goto(`${base}/besprekingen/${careMeeting.id}`);
  await item.getByLabel('Wat er besproken is').fill('Werkt goed na korte instructie, raakt het overzicht kwijt bij meerdere taken.');
  await item.getByLabel('Gezamenlijk advies aan leerkracht en ouders').fill('Een HGD door de orthopedagoog; tot dan één taak tegelijk.');
  await item.getByRole('button', { name: 'Opslaan' }).click();
  await ib.getByText('Opgeslagen').first().waitFor();
  await ib.goto(caseUrl);
  assert.match(await ib.locator('main').textContent(), /Een HGD door de orthopedagoog/);

  // The HGD: its own consent, the request, the report and its recommendations.
  await consent('hgd', []);
  const request = ib.locator('form', { has: ib.getByRole('heading', { name: 'HGD aanvragen' }) });
  await request.locator('select[name="question_kind"]').selectOption('verklarend');
  await request.getByLabel(/Hulpvraag voor de deskundige/).fill('Waardoor raakt dit kind het overzicht kwijt?');
  await request.getByLabel(/Onderzoeksvragen/).fill('Wat verklaart het verschil tussen één en meerdere taken?');
  await request.getByRole('button', { name: 'HGD aanvragen' }).click();
  await ib.getByRole('heading', { name: /^HGD .*aangevraagd/ }).waitFor();
  await ib.getByLabel('Verslag van de deskundige (PDF)').setInputFiles(
    fileURLToPath(new URL('../data/documents/rapport.pdf', import.meta.url)));
  await ib.getByRole('button', { name: 'Verslag uploaden' }).click();
  await ib.getByRole('heading', { name: /verslag ontvangen/ }).waitFor();
  await ib.getByLabel(/Adviezen uit het verslag/).fill('Eén taak tegelijk op tafel\nEen planbord met drie stappen');
  await ib.getByRole('button', { name: 'HGD opslaan' }).click();
  const first = ib.locator('ol.hgd-recommendations > li').first();
  await first.getByLabel('in de woorden van het overzicht').fill('één taak tegelijk op tafel');
  await first.getByRole('button', { name: 'Overnemen als onderwijsbehoefte' }).click();
  await ib.locator('ol.hgd-recommendations > li').first().getByText(/overgenomen als onderwijsbehoefte/).waitFor();
  await shot(ib, 'zorgteam-4-hgd-advies-overgenomen.png');

  // The adviesgesprek with parents, teacher and IB: planned from the HGD, in the jaarplanning.
  const talkForm = ib.locator('form.hgd-meeting-form');
  await talkForm.getByLabel('Datum').fill(isoDay(7));
  await talkForm.getByLabel('Tijd').fill('15:15');
  assert.notEqual(await talkForm.getByLabel('Ouders').inputValue(), '', 'the parents as the school has them');
  assert.notEqual(await talkForm.getByLabel('Leerkracht').inputValue(), '', "the group's teacher");
  await talkForm.getByRole('button', { name: 'Adviesgesprek plannen' }).click();
  await ib.getByText('Het adviesgesprek is gepland').waitFor();
  await shot(ib, 'zorgteam-5-adviesgesprek-gepland.png');
  await ib.getByRole('link', { name: 'Open het adviesgesprek' }).click();
  await ib.getByRole('heading', { name: /Adviesgesprek HGD/ }).waitFor();
  await ib.getByRole('button', { name: 'Bespreking gehouden' }).click();
  await ib.getByText('De bespreking is gehouden.').waitFor();
  await ib.getByLabel('Wat is geadviseerd').fill('Eén taak tegelijk en een planbord met drie stappen.');
  await ib.getByLabel('Wat is met de ouders afgesproken').fill('Thuis ook met een planbord werken; over zes weken bellen.');
  ib.once('dialog', (d) => d.accept());
  await ib.getByRole('button', { name: 'Verslag vaststellen' }).click();
  await ib.getByText(/Verslag vastgesteld door/).waitFor();
  await shot(ib, 'zorgteam-6-adviesgesprek-verslag.png');
  await ib.goto(caseUrl);
  await ib.getByRole('heading', { name: /^HGD .*besproken/ }).waitFor();
  assert.match(await ib.locator('.hgd-meeting').textContent(), /over zes weken bellen/);

  // The teacher sees it where they work: a need in the groepsoverzicht, source onderzoek.
  const teacher = await as('leerkracht');
  await teacher.goto(`${base}/groepen/${group.id}/overzicht`);
  const line = teacher.locator('tr', { hasText: pupil.name }).first();
  await line.getByText(/één taak tegelijk op tafel/).first().waitFor();
  assert.match(await teacher.locator('main').textContent(), /onderzoek/);
  await line.screenshot({ path: join(artifacts, 'zorgteam-7-groepsoverzicht-behoefte.png') });
});
