// Upload forms: a file over Koers' limit (data-max-bytes on its input, the server's
// --max-upload-mb) is refused here, naming the limit, before anything is sent; the server
// refuses it too (413), this only spares the wait and a closed connection.
for (const input of document.querySelectorAll('input[type=file][data-max-bytes]')) {
  input.addEventListener('change', (event) => {
    const max = Number(input.dataset.maxBytes);
    const file = input.files[0];
    const mb = (bytes) => (bytes % 1048576 === 0 ? String(bytes / 1048576) : (Math.ceil(bytes / 104857.6) / 10).toLocaleString('nl-NL')) + ' MB';
    if (file && file.size > max) {
      input.setCustomValidity(`Het bestand is te groot: ${mb(file.size)}, Koers neemt hoogstens ${mb(max)} per keer aan.`);
      input.reportValidity();
      event.stopImmediatePropagation();  // no preview of a file that cannot be imported
    } else {
      input.setCustomValidity('');
    }
  });
}
