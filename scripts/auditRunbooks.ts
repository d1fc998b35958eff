/**
 * `npx tsx scripts/auditRunbooks.ts DIR… [--list] [--json]`: parses every Markdown file under
 * the folders given and prints the corpus figures (crashes, runnable steps, commands, the
 * "not a command" rate) — for any collection, e.g. one kept out of the repository to check
 * the parser against. `--list` prints each suspect command with its file and line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../electron/common/runbook/parseRunbook';
import { CorpusAudit } from '../tests/support/commandAudit';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (/\.(md|markdown)$/i.test(name)) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--'));
const audit = new CorpusAudit();
for (const dir of dirs) {
  for (const path of markdownFiles(dir)) audit.add(path, () => parseRunbook({ path, bytes: readFileSync(path) }));
}
if (args.includes('--json')) console.log(JSON.stringify({ figures: audit.figures, found: audit.found, crashed: audit.crashed }, null, 2));
else {
  if (args.includes('--list')) for (const f of audit.found) console.log(`${f.path}:${f.line}\t${f.kind}\t${f.text.split('\n', 1)[0]!.slice(0, 100)}`);
  for (const c of audit.crashed) console.log(`CRASH ${c.path}: ${c.error}`);
  console.log(JSON.stringify(audit.figures));
}
