// The preview page: shows the briefing's PDF as pdf.js renders it, with a
// text layer (select, copy, find in page), and follows the server's state
// (server-sent events): a new build is fetched, rendered off-screen and
// swapped in whole, so the page never flickers and keeps its scroll and
// zoom; a failed build is shown over the last good one until it is fixed.
import * as pdfjs from '/pdfjs/pdf.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.mjs';

const PDF_TO_CSS = 96 / 72;
const MIN_ZOOM = 0.5;
const MAX_ZOOM = 4;
/** A fitted page is never wider than this zoom: on a wide screen, 100% type is 1.4× its printed size, which is plenty. */
const MAX_FIT_ZOOM = 1.4;
const ZOOM_KEY = 'briefing-preview-zoom';

const $ = (id) => document.getElementById(id);
const viewer = $('viewer');
const pagesEl = $('pages');

let shownVersion = -1;
let wantedVersion = -1;
let pdfBytes;
let pdfDoc;
let renderSeq = 0;
let currentError;
/** 'width' (the page's width, within limits), 'page' (the whole page in view) or a number (1 = printed size). */
let zoomMode = loadZoom();

function loadZoom() {
  const v = localStorage.getItem(ZOOM_KEY);
  if (v === 'width' || v === 'page') return v;
  const n = Number(v);
  return v && Number.isFinite(n) ? clampZoom(n) : 'width';
}

function clampZoom(z) {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

function setZoom(mode) {
  zoomMode = mode === 'width' || mode === 'page' ? mode : clampZoom(mode);
  localStorage.setItem(ZOOM_KEY, String(zoomMode));
  if (pdfBytes) void render(pdfBytes, shownVersion, { keepCentre: true });
}

/** The zoom a page of this size (in PDF points) is shown at. */
function zoomFor(widthPt, heightPt) {
  if (typeof zoomMode === 'number') return zoomMode;
  const width = (viewer.clientWidth - 48) / (widthPt * PDF_TO_CSS);
  const height = (viewer.clientHeight - 48) / (heightPt * PDF_TO_CSS);
  return clampZoom(Math.min(MAX_FIT_ZOOM, zoomMode === 'page' ? Math.min(width, height) : width));
}

/**
 * What pdf.js asks of a viewer to make a link: addresses open in a new tab,
 * without this page as their opener or referrer. briefing writes only
 * http(s) and mailto links; a link inside the document has nowhere to go in
 * this one-page view and stays inert.
 */
const linkService = {
  externalLinkEnabled: true,
  addLinkAttributes(link, url) {
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer nofollow';
    link.title = url;
  },
  getDestinationHash: () => '#',
  getAnchorUrl: () => '#',
  goToDestination() {},
  executeNamedAction() {},
  executeSetOCGState() {},
};

/** The page's links, clickable over the drawn page (pdf.js's annotation layer, styled by pdf_viewer.css). */
async function linkLayer(page, viewport) {
  const div = document.createElement('div');
  div.className = 'annotationLayer';
  const annotations = await page.getAnnotations({ intent: 'display' });
  const layerViewport = viewport.clone({ dontFlip: true });
  await new pdfjs.AnnotationLayer({ div, page, viewport: layerViewport, linkService }).render({
    annotations,
    viewport: layerViewport,
    div,
    page,
    linkService,
    renderForms: false,
  });
  return div;
}

/**
 * Renders every page into new elements that are not yet in the document,
 * then replaces the old pages in one step. A newer render started meanwhile
 * wins: this one is dropped.
 */
async function render(bytes, version, { keepCentre = false } = {}) {
  const seq = ++renderSeq;
  // pdf.js takes ownership of the buffer it is given: hand it a copy, keep ours for zooming.
  const doc = await pdfjs.getDocument({
    data: bytes.slice(0),
    isEvalSupported: false,
    // No standard fonts, character maps or image decoders ship (scripts/vendor-pdfjs.mjs): briefing's PDFs do not need them.
  }).promise;
  const fresh = [];
  let zoom = 1;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    if (n === 1) {
      const { width, height } = page.getViewport({ scale: 1 });
      zoom = zoomFor(width, height);
    }
    const viewport = page.getViewport({ scale: zoom * PDF_TO_CSS });
    const box = document.createElement('div');
    box.className = 'page';
    box.dataset.page = String(n);
    box.style.setProperty('--scale-factor', String(viewport.scale));
    box.style.width = `${Math.floor(viewport.width)}px`;
    box.style.height = `${Math.floor(viewport.height)}px`;

    const canvas = document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    await page.render({
      canvas,
      canvasContext: canvas.getContext('2d'),
      viewport,
      transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
    }).promise;

    const text = document.createElement('div');
    text.className = 'textLayer';
    await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
    box.append(canvas, text, await linkLayer(page, viewport));
    fresh.push(box);
  }
  if (seq !== renderSeq) {
    void doc.destroy();
    return;
  }
  const centre = keepCentre ? (viewer.scrollTop + viewer.clientHeight / 2) / Math.max(1, pagesEl.scrollHeight) : undefined;
  pagesEl.replaceChildren(...fresh);
  if (centre !== undefined) viewer.scrollTop = centre * pagesEl.scrollHeight - viewer.clientHeight / 2;
  pagesEl.dataset.version = String(version);
  const previous = pdfDoc;
  pdfDoc = doc;
  pdfBytes = bytes;
  shownVersion = version;
  void previous?.destroy();
  $('zoom-level').textContent = `${Math.round(zoom * 100)}%`;
  $('zoom-level').title =
    zoomMode === 'width' ? 'Fitted to the width: click for the whole page' : 'Click to fit the width (Ctrl 0); again for the whole page';
  $('empty').hidden = true;
  markStale();
}

/** The page is dimmed while it is the last good build under an error, not when it is the failing build itself (overflow). */
function markStale() {
  viewer.classList.toggle('stale', shownVersion >= 0 && !!currentError && !currentError.shown);
}

async function showVersion(version) {
  wantedVersion = version;
  const res = await fetch(`/briefing.pdf?v=${version}`, { cache: 'no-store' });
  if (!res.ok) return; // a newer build replaced it meanwhile: its own event follows
  const bytes = new Uint8Array(await res.arrayBuffer());
  // The response says which build it is; an older one that arrives late is not shown.
  const served = Number(res.headers.get('X-Briefing-Version'));
  if (served < wantedVersion) return;
  await render(bytes, served);
}

function setStatus(state, label) {
  const el = $('status');
  el.dataset.state = state;
  el.textContent = label;
}

function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

/** `content/a.yaml:12:5` */
function where(p) {
  let out = p.file ?? '';
  if (p.line !== undefined) out += `${out ? ':' : 'line '}${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
  return out;
}

function showError(error) {
  currentError = error;
  markStale();
  const box = $('error');
  if (!error) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  // A summary line that folds the details away, to see the page under them; folded stays folded across updates.
  const wasOpen = box.hidden || (box.querySelector('details')?.open ?? true);
  const details = document.createElement('details');
  details.open = wasOpen;
  details.append(text('summary', error.title));
  const list = document.createElement('ul');
  for (const p of error.problems) {
    const li = document.createElement('li');
    const w = where(p);
    if (w) li.append(text('span', w, 'where'));
    if (p.path) li.append(text('code', p.path, 'path'));
    li.append(text('span', p.message, 'message'));
    list.append(li);
  }
  details.append(list);
  if (error.hint) details.append(text('p', `hint: ${error.hint}`, 'hint'));
  const note = error.shown
    ? 'Below: the briefing laid out over as many pages as it takes, to show where it runs over. `briefing build` refuses it until it fits.'
    : shownVersion >= 0
      ? 'Below: the last good build. It comes back by itself when the file is fixed.'
      : '';
  if (note) details.append(text('p', note, 'note'));
  box.replaceChildren(details);
  box.hidden = false;
  $('empty').hidden = true;
}

function showSide(s) {
  if (s.fit) {
    $('fit').textContent = s.fit.summary;
    $('fit').title =
      `${s.fit.layouts} page layout(s), ${s.fit.passes} trial(s), type ×${s.fit.scale.type.toFixed(3)}, spacing ×${s.fit.scale.space.toFixed(3)}`;
    const mm = (s.fit.spareHeight / 72) * 25.4;
    const pages = `${s.pages} page${s.pages === 1 ? '' : 's'}`;
    $('room').textContent = mm >= 0 ? `${pages} · ${mm.toFixed(1)} mm to spare at the foot` : pages;
  }
  if (s.builtAt) {
    const at = new Date(s.builtAt).toLocaleTimeString();
    $('built').textContent = `built ${at} in ${s.ms} ms${s.error && !s.error.shown ? ' (last good build)' : ''}`;
  }
  const items = s.warnings.map((w) => {
    const li = document.createElement('li');
    const at = where(w);
    if (at) li.append(text('span', at, 'where'));
    if (w.path) li.append(text('code', w.path, 'path'));
    li.append(text('span', w.message, 'message'));
    return li;
  });
  $('warnings').replaceChildren(...items);
  $('warning-count').textContent = items.length ? String(items.length) : '';
  if (items.length === 0) $('warnings').append(text('li', 'none', 'none'));
}

function apply(s) {
  $('file').textContent = s.file;
  document.title = s.headline ? `${s.headline} · briefing preview` : 'briefing preview';
  if (s.building) setStatus('building', 'building…');
  else if (s.error) setStatus('error', 'error');
  else setStatus('live', 'live');
  showSide(s);
  showError(s.error);
  if (s.version >= 0 && s.version !== shownVersion && s.version !== wantedVersion) {
    showVersion(s.version).catch((err) => setStatus('error', `cannot show the PDF: ${err.message}`));
  }
}

const events = new EventSource('/events');
events.addEventListener('state', (e) => apply(JSON.parse(e.data)));
events.addEventListener('error', () => {
  if (events.readyState !== EventSource.OPEN) setStatus('offline', 'preview stopped? reconnecting…');
});

$('zoom-in').addEventListener('click', () => setZoom(currentZoom() * 1.1));
$('zoom-out').addEventListener('click', () => setZoom(currentZoom() / 1.1));
$('zoom-level').addEventListener('click', () => setZoom(zoomMode === 'width' ? 'page' : 'width'));

function currentZoom() {
  const page = pagesEl.querySelector('.page');
  return page ? Number(page.style.getPropertyValue('--scale-factor')) / PDF_TO_CSS : 1;
}

window.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey)) return;
  if (e.key === '+' || e.key === '=') setZoom(currentZoom() * 1.1);
  else if (e.key === '-') setZoom(currentZoom() / 1.1);
  else if (e.key === '0') setZoom('width');
  else return;
  e.preventDefault();
});

let resizeTimer;
window.addEventListener('resize', () => {
  if (typeof zoomMode === 'number') return;
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => pdfBytes && render(pdfBytes, shownVersion, { keepCentre: true }), 150);
});
