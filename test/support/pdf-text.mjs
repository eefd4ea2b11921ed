// The text of a PDF, page by page, as pdf.js extracts it (a PDF viewer's own parser): run as
// `node test/support/pdf-text.mjs < file.pdf`. A child process, because pdfjs-dist is an ES
// module only and Jest loads CommonJS.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const data = new Uint8Array(Buffer.concat(chunks));
const doc = await getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  pages.push(
    content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''),
  );
}
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: pages.join('\n') }));
