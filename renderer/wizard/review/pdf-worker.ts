// pdf.js's worker, bundled by Vite as a module worker of our own origin: no network, no CDN.
// Loaded in a worker scope, the module wires itself to the page's messages.
import 'pdfjs-dist/build/pdf.worker.min.mjs';
