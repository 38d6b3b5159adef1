// Every print carries a running header on each page: the school, what the document is and
// whose it is (data-print-header on <body>, filled by the server), beside "pagina N van M"
// (static/koers.css, @page margin boxes). The policy allows no inline style, so the text goes
// in as one rule added through the CSSOM, which it does allow.
const header = document.body.dataset.printHeader;
const sheet = [...document.styleSheets].find((s) => s.href && /^\/static\/koers(\.[0-9a-f]+)?\.css$/.test(new URL(s.href).pathname));
if (header && sheet) {
  const quoted = '"' + header.replace(/[\\"]/g, '\\$&').replace(/[\n\r]+/g, ' ') + '"';
  sheet.insertRule(`@page { @top-left { content: ${quoted}; } }`, sheet.cssRules.length);
}
