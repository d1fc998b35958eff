import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering is a lint rule; prove it bites where it must and not elsewhere.
const eslint = new ESLint();
const LAYER_RULES = ['no-restricted-imports', 'no-restricted-globals', 'import/no-restricted-paths'];

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${filePath} did not parse: ${fatal.message}`);
  return result!.messages.filter((m) => m.ruleId && LAYER_RULES.includes(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

/** A real file of each layer (the rule resolves what an import names, so it must exist). */
const FILE_IN = {
  common: 'electron/common/errors.ts',
  node: 'electron/node/store/incidentStore.ts',
  main: 'electron/main/main.ts',
  preload: 'electron/preload/preload.ts',
  renderer: 'renderer/src/App.tsx',
  tests: 'tests/unit/lint/layering.test.ts',
  bench: 'bench/benchMath.ts',
} as const;
type Layer = keyof typeof FILE_IN;

/** Where a file of each layer that does the importing sits. */
const IMPORTER = {
  common: 'electron/common/incident/x.ts',
  node: 'electron/node/services/x.ts',
  main: 'electron/main/x.ts',
  preload: 'electron/preload/x.ts',
  renderer: 'renderer/src/incidents/x.tsx',
} as const;
type Importer = keyof typeof IMPORTER;

/** `import ... from` the file of `layer`, spelled relative to `from` as an author would. */
function importOf(from: string, layer: Layer): string {
  let path = relative(dirname(from), FILE_IN[layer]).replace(/\.(ts|tsx)$/, '');
  if (!path.startsWith('.')) path = `./${path}`;
  return `import * as target from '${path}'; export const a = target;`;
}

const FORBIDDEN: [Importer, Layer][] = [
  ['common', 'node'],
  ['common', 'main'],
  ['common', 'preload'],
  ['common', 'renderer'],
  ['node', 'main'],
  ['node', 'preload'],
  ['node', 'renderer'],
  ['main', 'preload'],
  ['main', 'renderer'],
  ['preload', 'node'],
  ['preload', 'main'],
  ['preload', 'renderer'],
  ['renderer', 'node'],
  ['renderer', 'main'],
  ['renderer', 'preload'],
  ...(['common', 'node', 'main', 'preload', 'renderer'] as const).flatMap((l) => [[l, 'tests'], [l, 'bench']] as [Importer, Layer][]),
];

const ALLOWED: [Importer, Layer][] = [
  ['common', 'common'],
  ['node', 'common'],
  ['node', 'node'],
  ['main', 'common'],
  ['main', 'node'],
  ['preload', 'common'],
  ['renderer', 'common'],
  ['renderer', 'renderer'],
];

describe('layering lint rule', () => {
  it('names files that exist', () => {
    for (const file of Object.values(FILE_IN)) expect(existsSync(join(process.cwd(), file)), file).toBe(true);
  });

  it.each(FORBIDDEN)('refuses %s importing %s by a relative path', async (from, to) => {
    const errors = await layeringErrors(IMPORTER[from], importOf(IMPORTER[from], to));
    expect(errors.some((e) => e.startsWith('import/no-restricted-paths'))).toBe(true);
  });

  it.each(ALLOWED)('allows %s importing %s', async (from, to) => {
    expect(await layeringErrors(IMPORTER[from], importOf(IMPORTER[from], to))).toEqual([]);
  });

  it.each([
    ['a detour through another folder', "import { IncidentStore } from './x/../../../node/store/incidentStore'; export const a = IncidentStore;"],
    ['a re-export', "export { IncidentStore } from '../../node/store/incidentStore';"],
    ['a dynamic import', "export const a = () => import('../../node/store/incidentStore');"],
    ['a type-only import', "import type { IncidentStore } from '../../node/store/incidentStore'; export type A = IncidentStore;"],
    ['an explicit extension', "import { IncidentStore } from '../../node/store/incidentStore.ts'; export const a = IncidentStore;"],
  ])('sees through %s', async (_what, code) => {
    const errors = await layeringErrors('electron/common/incident/x.ts', code);
    expect(errors.some((e) => e.startsWith('import/no-restricted-paths'))).toBe(true);
  });

  it.each([
    ['electron/common/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['electron/common/x.ts', "import fs from 'fs'; export const a = fs;"],
    ['electron/common/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/common/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['electron/common/x.ts', "import { spawn } from 'node-pty'; export const a = spawn;"],
    ['electron/common/x.ts', 'export const a = process.env;'],
    ['electron/common/x.ts', "export const a = Buffer.from('x');"],
    ['renderer/src/x.ts', "import { spawn } from 'node:child_process'; export const a = spawn;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['renderer/src/x.ts', "import { WebSocketServer } from 'ws'; export const a = WebSocketServer;"],
    ['electron/node/x.ts', "import { BrowserWindow } from 'electron'; export const a = BrowserWindow;"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
  ])('refuses %s importing a module its runtime lacks: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/node/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['electron/node/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['electron/main/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron'; export const a = contextBridge;"],
    ['renderer/src/x.ts', "import { z } from 'zod'; export const a = z;"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
