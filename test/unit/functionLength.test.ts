import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import type * as TS from 'typescript';
import { root } from './helpers';

// Loaded at run time: the compiler is a development dependency, not bundled into the test.
const ts = createRequire(join(root, 'package.json'))('typescript') as typeof TS;

/** The most lines a function may take, closures and factories included. */
const MAX_LINES = 150;

/** The folders whose every TypeScript file, at any depth, is held to the limit: the language server (its analysis core, passes included) and the extension client. */
const ROOTS = ['server/src', 'client/src'];

/** The `.ts` files under a folder of the repository, at any depth, as paths from the root. */
function tsFilesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFilesUnder(`${dir}/${d.name}`) : d.isFile() && d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : []);
}

const FILES = ROOTS.flatMap(tsFilesUnder).sort();

/** Every function-like node of a file (declarations, expressions, arrows, methods, accessors, constructors) with its name and line span. */
export function functionLengths(path: string, source: string): { name: string; line: number; lines: number }[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const out: { name: string; line: number; lines: number }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named = node.name && ts.isIdentifier(node.name) ? node.name.text
        : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : '(anonymous)';
      out.push({ name: named, line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

test(`no function of server/src or client/src is longer than ${MAX_LINES} lines`, () => {
  const long = FILES.flatMap((f) => functionLengths(f, readFileSync(join(root, f), 'utf8')).filter((x) => x.lines > MAX_LINES).map((x) => `${f}:${x.line} ${x.name} (${x.lines} lines)`));
  assert.deepEqual(long, [], `split these into named passes or helpers:\n${long.join('\n')}`);
});

test('the length check measures closures inside functions, arrows and methods', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const x${i} = ${i};`).join('\n');
  const source = `function outer() {\n  const inner = () => {\n${body(3)}\n  };\n${body(200)}\n}\nclass C {\n  m() {\n${body(160)}\n  }\n}\n`;
  const found = functionLengths('x.ts', source);
  assert.deepEqual(found.map((f) => [f.name, f.lines]), [['outer', 207], ['inner', 5], ['m', 162]]);
  assert.ok(FILES.length > 50, 'the source folders are read');
  for (const f of ['server/src/core/entities.ts', 'server/src/core/entityPasses/known.ts', 'server/src/core/figurePasses/chains.ts', 'server/src/node/parallelIndex.ts', 'client/src/extension.ts']) assert.ok(FILES.includes(f), `${f} is read`);
});
