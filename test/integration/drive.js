// Drives code-server's VS Code workbench in headless Debian chromium through playwright-core.
// Run with the rig's Node and NODE_PATH=<rig>/tools/node_modules (test/integration/lib.sh does).
//
//   MODE=tests      node drive.js <url> <artifacts-dir>   waits for the extension tests' exit code
//   MODE=screenshot node drive.js <url> <artifacts-dir> <out.png> <file-to-open>
//     SHOW_VIEW=<command title>       runs it from the command palette (e.g. Khabar: Focus on Events View)
//     EXPAND=<row text>,<row text>    clicks the tree rows containing these texts, in order
//     HOVER_TEXT=<words>              hovers these words of the editor instead of the first figure
//     WAIT_WEBVIEW_TEXT=<words>       waits until Khabar's reading view (opened by SHOW_VIEW) shows these words
//     QUICK_FIX=<words>               puts the cursor on these words and opens the quick fix menu (Ctrl+.)
//
// The tests report through window.codeAutomationExit(code) and the extension host's console through
// window.codeAutomationLog(type, args) (code-server started with --vscode-option
// enable-smoke-test-driver): both are exposed before the page loads. Test output lines (PASS/FAIL/…)
// are printed as they come; everything else goes to <artifacts-dir>/driver.log.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const [url, artifacts, ...rest] = process.argv.slice(2);
const mode = process.env.MODE || 'tests';
const timeout = Number(process.env.TEST_TIMEOUT_MS || 300000);
const chromiumPath = process.env.KHABAR_CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(artifacts, { recursive: true });
const logFile = fs.createWriteStream(path.join(artifacts, 'driver.log'));
const t0 = Date.now();
const log = (...args) => logFile.write(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ` + util.format(...args) + '\n');

/** Lines of the test suite's own output, shown live. */
const TEST_LINE = /^(PASS |FAIL |\s{2}\S|Khabar integration tests|\d+ passed, \d+ failed)/;

/**
 * The tests ask for the rendered editor by logging `KHABAR_DOM_PROBE {"out": <file>, "lines": [...], "timeoutMs"}`
 * (or for the reading view: `{"kind": "webview", "out", "waitText", "version"?, "click"?}`): the driver
 * waits until the editor renders every requested line with the decorations asked for (or the
 * reading view shows the text), then writes what it shows to <file> (written whole, then renamed),
 * which the extension host is watching. See renderedLines() and readingViewDom() in suite/index.ts.
 */
const DOM_PROBE = 'KHABAR_DOM_PROBE ';

/**
 * The box of `words` in the editor's rendered lines; of several, one under a decoration's
 * background (figures paint "ced-" elements in the view overlays); null when they are not shown.
 */
function wordsBox(page, words) {
  return page.evaluate((w) => {
    const textOf = (s) => (s.textContent || '').replace(/\u00a0/g, ' '); // spaces render as no-break spaces
    const painted = [...document.querySelectorAll('.monaco-editor .view-overlays [class*="ced-"]')].map((e) => e.getBoundingClientRect());
    const boxes = [];
    for (const span of document.querySelectorAll('.monaco-editor .view-line span span')) {
      const at = textOf(span).indexOf(w);
      if (at < 0 || !span.firstChild) continue;
      const range = document.createRange();
      range.setStart(span.firstChild, at);
      range.setEnd(span.firstChild, at + w.length);
      const r = range.getBoundingClientRect();
      boxes.push({ x: r.x, y: r.y, width: r.width, height: r.height });
    }
    const overlaps = (b) => painted.some((p) => p.width > 0 && p.left < b.x + b.width && b.x < p.right && p.top < b.y + b.height && b.y < p.bottom);
    return boxes.find(overlaps) ?? boxes[0] ?? null;
  }, words);
}

/** Clicks `words` in the editor (where a figure is painted, if anywhere) and opens the quick fix menu (Ctrl+.), waiting for Khabar's fixes in it. */
async function openQuickFixes(page, words) {
  const box = await wordsBox(page, words);
  if (!box) return console.log(`"${words}" not found in the editor`);
  await page.mouse.click(box.x + Math.min(box.width / 2, 30), box.y + box.height / 2);
  await page.keyboard.press('Control+.');
  const shown = await page.locator('.action-widget', { hasText: 'Khabar' }).first().waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false);
  console.log(shown ? `quick fixes shown on "${words}"` : 'no quick fix menu appeared');
  if (shown) await page.mouse.move(0, 0);
}

async function answerDomProbe(page, json) {
  let request;
  try {
    request = JSON.parse(json);
  } catch (e) {
    log('[dom-probe] bad request', json.slice(0, 200));
    return;
  }
  let result;
  try {
    if (request.kind === 'webview') result = await readWebview(page, request);
    else result = await readEditor(page, request);
  } catch (e) {
    result = { error: String(e) };
  }
  log('[dom-probe]', JSON.stringify(result).slice(0, 4000));
  const tmp = `${request.out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(result));
  fs.renameSync(tmp, request.out);
}

/**
 * Khabar's reading view: a webview, whose content is a frame nested in the workbench's. Waits until
 * some frame shows the reading view with `waitText` (and the document `version`, when given), then
 * returns what it shows; with `click`, first clicks the middle of that word in it.
 */
async function readWebview(page, request) {
  const deadline = Date.now() + (request.timeoutMs || 30000);
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(snapshotReadingView, request).catch(() => null);
      if (!found) continue;
      if (request.click) {
        const at = found.clickAt;
        if (!at) return { ...found, error: `no "${request.click}" to click in the reading view` };
        await frame.locator('[data-c]').nth(at.index).click({ position: { x: at.x, y: at.y } });
        found.clicked = true;
      }
      delete found.clickAt;
      return found;
    }
    if (Date.now() > deadline) return { timedOut: true, frames: page.frames().length };
    // Frames come and go as the webview loads: look again shortly (the driver's own wait, not the tests').
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs in each frame. The reading view's paragraphs and marks (with their computed colours), its CSP, and where to click. */
function snapshotReadingView(request) {
  const main = document.getElementById('khabar-reading');
  if (!main || !(main.textContent || '').includes(request.waitText)) return null;
  if (request.version !== undefined && main.dataset.version !== String(request.version)) return null;
  if (request.waitClass && !main.querySelector(`p.${request.waitClass}`)) return null;
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const paragraphs = [...main.querySelectorAll('p[data-line]')].map((p) => ({
    line: Number(p.dataset.line),
    dir: p.getAttribute('dir'),
    className: p.className,
    text: p.textContent,
    color: getComputedStyle(p).color,
    marks: [...p.querySelectorAll('mark')].map((m) => {
      const style = getComputedStyle(m);
      return { className: m.className, text: m.textContent, title: m.title, background: style.backgroundColor, color: style.color };
    }),
    // Where the first and last words are laid out: right to left in a right-to-left paragraph.
    words: (() => {
      const out = [];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.nodeValue || '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const r = range.getBoundingClientRect();
          out.push({ text: m[0], left: r.left, top: r.top });
        }
      }
      return out;
    })(),
  }));
  let clickAt = null;
  if (request.click) {
    const pieces = [...main.querySelectorAll('[data-c]')];
    for (let index = 0; index < pieces.length && !clickAt; index++) {
      const node = pieces[index].firstChild;
      const at = node && node.nodeValue ? node.nodeValue.indexOf(request.click) : -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + request.click.length);
      const r = range.getBoundingClientRect();
      const box = pieces[index].getBoundingClientRect();
      clickAt = { index, x: r.left - box.left + r.width / 2, y: r.top - box.top + r.height / 2 };
    }
  }
  return { csp: csp ? csp.getAttribute('content') : null, version: main.dataset.version, paragraphs, clickAt };
}

/** The editor: waits (at each animation frame) until the lines are rendered as asked, then returns them. */
async function readEditor(page, request) {
  const handle = await page
    .waitForFunction(snapshotEditorLines, request, { timeout: request.timeoutMs || 30000, polling: 'raf' })
    .then((h) => h, () => undefined);
  return handle ? await handle.jsonValue() : { ...(await page.evaluate(snapshotEditorLines, { ...request, settle: false })), timedOut: true };
}

/**
 * Runs in the page. What the active editor renders of the requested lines (by their text): the
 * view-line's text, its inner spans (class, text), the decorations painted over it (view overlays)
 * and in its margin, and where each word is laid out. Returns false (wait on) until each line is
 * rendered and, for a line with `wholeLine`, a whole-line decoration, with `inline`, a decorated
 * range, with `gutter`, a gutter icon, is painted on it — unless `settle` is false.
 */
function snapshotEditorLines(request) {
  const editors = [...document.querySelectorAll('.editor-group-container.active .monaco-editor, .monaco-editor.focused')];
  const editor = editors.find((e) => e.querySelector('.view-lines')) || document.querySelector('.part.editor .monaco-editor');
  if (!editor) return request.settle === false ? { lines: [] } : false;
  const norm = (t) => (t || '').replace(/\u00a0/g, ' ');
  const viewLines = [...editor.querySelectorAll('.view-lines .view-line')];
  const topOf = (el) => Math.round(el.getBoundingClientRect().top);
  const overlays = [...editor.querySelectorAll('.view-overlays > div > div, .view-overlays > div')].filter((e) => /\bced-/.test(String(e.className)));
  const margins = [...editor.querySelectorAll('.margin [class*="ced-"]')]; // gutter icons: glyph-margin widgets or margin overlays
  const lines = [];
  for (const wanted of request.lines) {
    const el = viewLines.find((v) => norm(v.textContent) === wanted.text);
    if (!el) {
      if (request.settle === false) { lines.push({ text: wanted.text, found: false }); continue; }
      return false;
    }
    const top = topOf(el);
    const lineRect = el.getBoundingClientRect();
    const outer = el.firstElementChild;
    const spans = outer ? [...outer.children].map((c) => ({ className: String(c.className), text: norm(c.textContent), style: c.getAttribute('style') || '' })) : [];
    const over = overlays.filter((o) => Math.abs(topOf(o) - top) < 2).map((o) => { const r = o.getBoundingClientRect(); return { className: String(o.className), left: r.left, width: r.width }; });
    const margin = margins.filter((o) => Math.abs(topOf(o) - top) < 2).map((o) => String(o.className));
    // Where each word (a run without spaces) is laid out, in the order of the text.
    const words = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue || '';
      for (const m of text.matchAll(/[^\s\u00a0]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const r = range.getBoundingClientRect();
        words.push({ text: m[0], left: r.left, right: r.right });
      }
    }
    // A whole-line decoration spans the view, wider than the text; a decorated range lies within the text.
    const textLeft = Math.min(...words.map((w) => w.left)), textRight = Math.max(...words.map((w) => w.right));
    const spansLine = (o) => o.left <= textLeft + 1 && o.left + o.width >= textRight - 1 && o.width > textRight - textLeft + 16;
    const wholeLine = over.some(spansLine);
    const inlineDecorated = spans.some((s) => /\bced-/.test(s.className)) || over.some((o) => !spansLine(o));
    if (request.settle !== false && ((wanted.wholeLine && !wholeLine) || (wanted.inline && !inlineDecorated) || (wanted.gutter && !margin.length))) return false;
    lines.push({ text: wanted.text, found: true, textContent: norm(el.textContent), spans, overlays: over, margin, words, wholeLine, inlineDecorated, width: lineRect.width });
  }
  return { lines };
}

(async () => {
  const udd = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'chromium-'));
  const ctx = await chromium.launchPersistentContext(udd, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  let exitCode = 1;
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(args || []));
      log('[ext-host]', type, text);
      for (const line of text.split('\n')) {
        if (TEST_LINE.test(line)) console.log(line);
        if (line.startsWith(DOM_PROBE)) void answerDomProbe(page, line.slice(DOM_PROBE.length));
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      log('[codeAutomationExit]', code);
      resolveExit(code);
    });
    page.on('console', (m) => log('[console]', m.type(), m.text().slice(0, 2000)));
    page.on('pageerror', (e) => log('[pageerror]', String(e).slice(0, 2000)));
    log('goto', url);
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout });
    log('workbench present');

    if (mode === 'tests') {
      let timer;
      const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeout)))]);
      clearTimeout(timer);
      if (code === 'timeout') console.log(`DRIVER: the tests did not finish within ${timeout} ms`);
      await page.screenshot({ path: path.join(artifacts, 'final.png') }).catch(() => {});
      exitCode = code === 0 ? 0 : 1;
    } else if (mode === 'screenshot') {
      const [out, file] = rest;
      // Open the file with Quick Open, then wait until Khabar's decorations are in the DOM.
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout });
      await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout }).catch(() => {});
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 30000 });
      await input.fill(file);
      await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
      // TextEditorDecorationTypes render as elements with "ced-" classes (VS Code's code-editor decorations).
      const decorated = await page
        .waitForFunction(() => document.querySelectorAll('.monaco-editor [class*="ced-"]').length > 0, null, { timeout: Number(process.env.DECORATION_TIMEOUT_MS || 60000) })
        .then(() => true, () => false);
      console.log(decorated ? 'decorations visible' : 'no decorations appeared (does the engine find figures in this file?)');
      await page.mouse.move(0, 0);
      if (process.env.SHOW_VIEW) {
        await page.keyboard.press('F1');
        const palette = page.locator('.quick-input-widget input');
        await palette.waitFor({ timeout: 30000 });
        await palette.fill(`>${process.env.SHOW_VIEW}`);
        const entry = page.locator('.quick-input-widget .monaco-list-row', { hasText: process.env.SHOW_VIEW }).first();
        const shown = await entry.waitFor({ timeout: 15000 }).then(() => page.keyboard.press('Enter')).then(() => true, () => false);
        if (!shown) await page.keyboard.press('Escape');
        console.log(shown ? `ran ${process.env.SHOW_VIEW}` : `no command ${process.env.SHOW_VIEW}`);
        for (const text of shown ? (process.env.EXPAND || '').split(',').map((t) => t.trim()).filter(Boolean) : []) {
          const row = page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
          const clicked = await row.waitFor({ timeout: 30000 }).then(() => row.click()).then(() => true, () => false);
          console.log(clicked ? `expanded ${text}` : `no tree row ${text}`);
        }
        await page.mouse.move(0, 0);
      }
      if (process.env.WAIT_WEBVIEW_TEXT) {
        // A webview opened by SHOW_VIEW (the reading view): wait until it shows this text.
        const shown = await readWebview(page, { waitText: process.env.WAIT_WEBVIEW_TEXT, timeoutMs: 30000 });
        console.log(shown.timedOut ? `the reading view never showed "${process.env.WAIT_WEBVIEW_TEXT}"` : 'reading view shown');
      }
      const hoverText = process.env.HOVER_TEXT;
      if (decorated && hoverText && !process.env.NO_HOVER) {
        const box = await wordsBox(page, hoverText);
        if (box) {
          await page.mouse.move(box.x + Math.min(box.width / 2, 30), box.y + box.height / 2);
          const hovered = await page.locator('.monaco-hover', { hasText: 'Khabar' }).first().waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false);
          console.log(hovered ? `hover shown over "${hoverText}"` : 'no hover appeared');
          if (hovered) {
            await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].every((e) => e.getAnimations({ subtree: true }).every((a) => a.playState !== 'running') && getComputedStyle(e).opacity === '1'), null, { timeout: 5000 }).catch(() => {});
          }
        } else {
          console.log(`"${hoverText}" not found in the editor`);
        }
      } else if (decorated && !process.env.NO_HOVER) {
        // Hover the first figure so the screenshot shows Khabar's hover too.
        const boxes = await page.evaluate(() => [...document.querySelectorAll('.monaco-editor [class*="ced-"]')].map((e) => { const r = e.getBoundingClientRect(); return { cls: e.className, x: r.x, y: r.y, width: r.width, height: r.height }; }));
        log('decorated elements', JSON.stringify(boxes));
        const box = boxes.find((b) => b.width > 4 && b.height > 4);
        if (box) {
          await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
          const hovered = await page.locator('.monaco-hover', { hasText: 'Khabar' }).first().waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false);
          console.log(hovered ? 'hover shown' : 'no hover appeared');
          if (hovered) {
            // Let the hover's fade-in finish.
            await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].every((e) => e.getAnimations({ subtree: true }).every((a) => a.playState !== 'running') && getComputedStyle(e).opacity === '1'), null, { timeout: 5000 }).catch(() => {});
          }
        }
      }
      if (decorated && process.env.QUICK_FIX) await openQuickFixes(page, process.env.QUICK_FIX);
      await page.screenshot({ path: out });
      console.log('screenshot saved to', out);
      exitCode = decorated ? 0 : 3;
    }
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(udd, { recursive: true, force: true });
  }
  await new Promise((r) => logFile.end(r));
  process.exit(exitCode);
})().catch((e) => {
  console.error('DRIVER ERROR', e);
  process.exit(2);
});
