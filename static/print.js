// Print buttons: the page's own print stylesheet does the layout.
document.querySelectorAll('[data-print]').forEach((b) => b.addEventListener('click', () => window.print()));
