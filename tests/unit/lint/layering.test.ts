import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering is a lint rule; prove it bites where it must and not elsewhere.
const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').length;
}

describe('layering lint rule', () => {
  it.each([
    ['electron/common/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['electron/common/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/common/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['electron/common/x.ts', 'export const a = process.env;'],
    ['renderer/src/x.ts', "import { spawn } from 'node:child_process'; export const a = spawn;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['renderer/src/x.ts', "import { WarroomHost } from '../../electron/node/host/warroomHost'; export const a = WarroomHost;"],
    ['electron/node/x.ts', "import { BrowserWindow } from 'electron'; export const a = BrowserWindow;"],
  ])('refuses %s importing across its layer: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/x.ts', "import { RpcClient } from '../../electron/common/rpc/rpcClient'; export const a = RpcClient;"],
    ['electron/node/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['electron/main/x.ts', "import { app } from 'electron'; export const a = app;"],
  ])('allows %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toBe(0);
  });
});
