// Runs the same integration suite in a desktop VS Code that @vscode/test-electron downloads (needs
// network access to update.code.visualstudio.com, so not on the CI machine; there run.sh uses
// code-server instead). On a desktop:
//
//   npm run test:electron
//
// (On a Linux machine without a display, prefix with `xvfb-run -a`.)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('@vscode/test-electron is not installed: run npm ci (it is a devDependency)');
  process.exit(1);
}
const workspace = mkdtempSync(join(tmpdir(), 'khabar-it-'));
cpSync(join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    // No drive.js here to read the rendered editor: the suite skips its DOM checks.
    extensionTestsEnv: { KHABAR_DOM_PROBE: '0' },
  });
} catch (e) {
  console.error(String(e));
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
