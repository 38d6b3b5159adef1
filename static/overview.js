// Groepsoverzicht: choosing a period or an approach saves at once (the forms also work
// without JavaScript, with their own button), the print button prints, and the page's one
// add form opens in the row of the pupil whose "+ …" link was clicked.
document.querySelectorAll('select[data-autosubmit]').forEach((select) => {
  select.addEventListener('change', () => {
    // The approach selects of all pupils share one form; the row's button names the pupil.
    const row = select.closest('.approach-form');
    const submitter = row ? row.querySelector('button[name=pupil]') : null;
    select.form.requestSubmit(submitter);
  });
});
document.querySelectorAll('.js-hide').forEach((el) => { el.hidden = true; });
document.querySelectorAll('.js-only').forEach((el) => { el.hidden = false; });
document.querySelectorAll('[data-print]').forEach((button) => {
  button.addEventListener('click', () => window.print());
});

const panel = document.getElementById('toevoegen');
if (panel) {
  const form = panel.querySelector('form');
  const home = panel.parentNode;
  const homeNext = panel.nextSibling;
  const kind = form.elements.kind;
  const placeholders = {
    beschermend: 'bijv. werkt graag samen, leest veel thuis',
    belemmerend: 'bijv. snel afgeleid bij drukte',
    onderwijsbehoefte: 'korte instructie vooraf aan de instructietafel',
  };
  const showKind = () => {
    const need = kind.value === 'onderwijsbehoefte';
    panel.querySelector('.add-topic').hidden = !need;
    panel.querySelector('[data-need]').hidden = !need;
    panel.querySelector('[data-factor]').hidden = need;
    form.elements.text.placeholder = placeholders[kind.value] || '';
  };
  kind.addEventListener('change', showKind);
  const close = () => {
    panel.classList.remove('in-row');
    panel.querySelector('.add-pupil').hidden = false;
    panel.querySelector('.add-kind').hidden = false;
    panel.querySelector('h2').hidden = false;
    home.insertBefore(panel, homeNext);
  };
  // Opens the form under the link, for that pupil and kind.
  const open = (link) => {
    form.elements.pupil.value = link.dataset.pupil;
    kind.value = link.dataset.add;
    showKind();
    panel.classList.add('in-row');
    panel.querySelector('.add-pupil').hidden = true;
    panel.querySelector('.add-kind').hidden = true;
    panel.querySelector('h2').hidden = true;
    link.after(panel);
    form.elements.text.focus();
  };
  document.querySelectorAll('a[data-add]').forEach((link) => {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (panel.previousElementSibling === link && panel.classList.contains('in-row')) close();
      else open(link);
    });
  });
  panel.querySelector('[data-add-close]').addEventListener('click', close);
  showKind();
  // Back from a save that failed: the form opens again in that pupil's row.
  const failed = new URLSearchParams(location.search).get('leerling');
  if (failed && document.querySelector('.error')) {
    const link = document.querySelector(`#leerling-${CSS.escape(failed)} a[data-add]`);
    if (link) open(link);
  }
}
