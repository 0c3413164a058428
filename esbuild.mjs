// Bundles the extension client, the language server, the command-line tool, the benchmark and the tests.
// Type-checking is separate: `npm run typecheck` (tsc --noEmit).
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, existsSync } from 'node:fs';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const production = args.includes('--production');
const quiet = args.includes('--quiet');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

/** @type {import('esbuild').BuildOptions} */
const base = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: quiet ? 'error' : 'info',
  external: ['vscode'],
  // jsonc-parser's UMD build requires its modules by computed names, which a bundle cannot follow.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const testsIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`) : []);

const targets = {
  client: { entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist' },
  server: { entryPoints: { server: 'server/src/server.ts', analysisWorker: 'server/src/node/analysisWorker.ts' }, outdir: 'dist' },
  // The command line is package.json's `bin` (`npx khabar …`): a script with a shebang, executable.
  cli: { entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  eval: { entryPoints: { eval: 'server/src/eval/main.ts' }, outdir: 'dist' },
  debug: { entryPoints: { debugFigures: 'scripts/debugFigures.ts', debugEvents: 'scripts/debugEvents.ts' }, outdir: 'dist' },
  bench: existsSync('bench/bench.ts') ? { entryPoints: { bench: 'bench/bench.ts' }, outdir: 'dist' } : undefined,
  unit: { entryPoints: testsIn('test/unit'), outdir: 'dist/test/unit' },
  integration: existsSync('test/integration/suite/index.ts')
    ? { entryPoints: { index: 'test/integration/suite/index.ts' }, outdir: 'dist/test/integration' }
    : undefined,
};

const selected = Object.entries(targets).filter(([name, t]) => t && (!only || only.includes(name)) && (t.entryPoints.length ?? 1) !== 0);

if (watch) {
  for (const [, t] of selected) {
    const ctx = await esbuild.context({ ...base, ...t });
    await ctx.watch();
  }
  console.log('[watch] build started');
} else {
  await Promise.all(selected.map(([, t]) => esbuild.build({ ...base, ...t })));
  if (selected.some(([name]) => name === 'cli')) chmodSync('dist/cli.js', 0o755);
}
