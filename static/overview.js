// Groepsoverzicht: choosing a period or an approach saves at once (the forms also work
// without JavaScript, with their own button), and the print button prints.
document.querySelectorAll('select[data-autosubmit]').forEach((select) => {
  select.addEventListener('change', () => select.form.requestSubmit());
});
document.querySelectorAll('.js-hide').forEach((el) => { el.hidden = true; });
document.querySelectorAll('[data-print]').forEach((button) => {
  button.addEventListener('click', () => window.print());
});
// Back from a save, the edited pupil is in view: open the form that failed, if any.
if (location.hash.startsWith('#leerling-') && document.querySelector('.error')) {
  const line = document.querySelector(location.hash);
  line?.querySelector('details.add')?.setAttribute('open', '');
}
