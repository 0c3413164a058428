// Drives code-server's VS Code workbench in headless Debian chromium through playwright-core.
// Run with the rig's Node and NODE_PATH=<rig>/tools/node_modules (test/integration/lib.sh does).
//
//   MODE=tests      node drive.js <url> <artifacts-dir>   waits for the extension tests' exit code
//   MODE=screenshot node drive.js <url> <artifacts-dir> <out.png> <file-to-open>
//     SHOW_VIEW=<command title>       runs it from the command palette (e.g. Khabar: Focus on Events View)
//     EXPAND=<row text>,<row text>    clicks the tree rows containing these texts, in order
//     HOVER_TEXT=<words>              hovers these words of the editor instead of the first figure
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
      for (const line of text.split('\n')) if (TEST_LINE.test(line)) console.log(line);
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
      const hoverText = process.env.HOVER_TEXT;
      if (decorated && hoverText && !process.env.NO_HOVER) {
        // The words' box in the editor's rendered lines; of several, one under a decoration's
        // background (figures paint "ced-" elements in the view overlays).
        const box = await page.evaluate((words) => {
          const textOf = (s) => (s.textContent || '').replace(/\u00a0/g, ' '); // spaces render as no-break spaces
          const painted = [...document.querySelectorAll('.monaco-editor .view-overlays [class*="ced-"]')].map((e) => e.getBoundingClientRect());
          const boxes = [];
          for (const span of document.querySelectorAll('.monaco-editor .view-line span span')) {
            const text = textOf(span);
            const at = text.indexOf(words);
            if (at < 0 || !span.firstChild) continue;
            const range = document.createRange();
            range.setStart(span.firstChild, at);
            range.setEnd(span.firstChild, at + words.length);
            const r = range.getBoundingClientRect();
            boxes.push({ x: r.x, y: r.y, width: r.width, height: r.height });
          }
          const overlaps = (b) => painted.some((p) => p.width > 0 && p.left < b.x + b.width && b.x < p.right && p.top < b.y + b.height && b.y < p.bottom);
          return boxes.find(overlaps) ?? boxes[0] ?? null;
        }, hoverText);
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
