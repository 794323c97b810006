// Production runs compiled JavaScript (`npm start`), not TypeScript through a loader, and the
// loader alone adds tens of MB of RSS. The bench therefore transpiles src/ and the bench
// server (no type check: `npm run typecheck` does that) into node_modules/.cache, out of the
// linter's and git's way, where packages still resolve from the project's node_modules.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = join(root, 'node_modules', '.cache', 'burndown-bench');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Transpiles src/ and the given bench scripts; returns the output path of each script. */
export function buildBot(scripts: string[]): string[] {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  // Below node_modules, Node would not see the project's "type": "module".
  writeFileSync(join(BUILD_DIR, 'package.json'), '{ "type": "module" }\n');
  const sources = [...tsFiles(join(root, 'src')), ...scripts.map((s) => join(root, 'bench', s))];
  for (const file of sources) {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        rewriteRelativeImportExtensions: true,
        verbatimModuleSyntax: true,
      },
    });
    const target = join(BUILD_DIR, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
  }
  return scripts.map((s) => join(BUILD_DIR, 'bench', s.replace(/\.ts$/, '.js')));
}
