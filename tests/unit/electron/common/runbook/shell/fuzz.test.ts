/**
 * Robustness: the shell half reads whatever a runbook contains. Random and mutated
 * code must never make it throw, hang or take super-linear time.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyRisk,
  fillPlaceholders,
  findAssignedNames,
  findEnvInputs,
  findPlaceholders,
  looksLikeShell,
  splitBlock,
} from '../../../../../../electron/common/runbook/shell';
import { PROGRAM_RULES } from '../../../../../../electron/common/runbook/shell/riskRules';
import { fencedBlocks } from './fencedBlocks';
import { seededRandom } from '../seededRandom';

const FRAGMENTS = [
  "'", '"', '\\', '\\\n', '<<', '<<EOF\n', '<<-EOF\n', "<<'EOF'\n", 'EOF\n', '\tEOF\n', '$(', '$((', '`', ')', '(', '{', '}', '{{', '}}',
  '|', '||', '&&', ';', ';;', '&', '\n', '\n\n', '#', ' # c\n', "$'", '${', '${X:-', '<', '>', '>>', '2>&1', '<(', '...', '…', '<snip>',
  '$ ', 'user@host:~$ ', '# ', '> ', 'postgres=# ', 'db-# ', 'mysql> ', '127.0.0.1:6379> ', '>>> ', 'case x in\n', 'a) ', 'esac', 'if ',
  'then ', 'fi', 'for i in 1; do ', 'done', 'while ', '<pod>', '[Title]', '{Name Here}', 'YOUR_KEY', '$HOME', '$API_TOKEN', 'sudo ',
  'kubectl exec -it p -- ', 'ssh h ', 'bash -c ', 'psql -c "', 'redis-cli ', 'FLUSHALL', 'DROP TABLE t;', 'rm -rf ', '\r\n', '\r',
  '\u0000', '\uFEFF', '🚨', 'ðŸš¨', '=', '==', 'function f ', 'f() ', '[[ ', ' ]]', '$[', '@(', '!(', '*', '?', '~',
];

const RISKS = new Set(['read', 'change', 'unknown', 'destroy']);

const LANGS = [null, 'bash', 'sh', 'console', 'shell-session', 'text', 'sql', 'psql', 'redis', 'yaml', 'zsh', 'terminal'];

function seedCorpus(): string[] {
  const corpus = [
    'kubectl get pods -n prod\n\n# restart\nkubectl rollout restart deploy/api',
    'psql -c "\nSELECT 1;\n\nSELECT 2;\n"',
    "cat <<'EOF' > f\nbody\n\nEOF\necho done",
    '$ kubectl get pods\nNAME READY\napi 1/1\n$ echo hi\nhi',
    'postgres=# SELECT 1\npostgres-# ;\n ?column?\n',
    'case "$1" in\n a) echo a;;\n *) echo other;;\nesac',
    'x=$(\n kubectl get pods |\n grep api\n)\necho $x',
    'curl -s http://p/api?query=rate(x{a="b"}[5m])',
    'for i in $(seq 1 3); do\n  redis-cli DEL k$i\ndone',
    '-- q\nSELECT * FROM t WHERE a = \'x;y\';\nDELETE FROM t;',
    ...PROGRAM_RULES.map((r) => r.example),
  ];
  const samples = '/work/shared/runbook-samples';
  if (existsSync(samples)) {
    for (const f of readdirSync(samples)) {
      if (f.endsWith('.md')) corpus.push(...fencedBlocks(readFileSync(join(samples, f), 'utf8')).map((b) => b.code));
    }
  }
  return corpus;
}

function mutate(text: string, rand: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.5) {
      out = out.slice(0, at) + (FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] as string) + out.slice(at);
    } else if (r < 0.75) {
      out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 8));
    } else if (r < 0.9) {
      const from = Math.floor(rand() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(rand() * 40)) + out.slice(at);
    } else {
      out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + out.slice(at);
    }
  }
  return out;
}

function randomText(rand: () => number): string {
  let out = '';
  const pieces = Math.floor(rand() * 30);
  for (let i = 0; i < pieces; i++) {
    out += rand() < 0.6 ? (FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] as string) : Math.random().toString(36).slice(2, 2 + Math.floor(rand() * 8));
    if (rand() < 0.3) out += ' ';
  }
  return out;
}

/** Runs every public function on one input; any throw fails the test with the input shown. */
function exercise(code: string, lang: string | null): number {
  const commands = exerciseSplit(code, lang);
  exerciseWhole(code);
  return commands;
}

/** Splits the block as `lang` and judges each command: the part that depends on the fence language. */
function exerciseSplit(code: string, lang: string | null): number {
  const split = splitBlock(code, { lang, startLine: 1 });
  let commands = 0;
  // Plain checks rather than expect(): this runs for every step of 10 000 blocks, and a
  // matcher per check was most of the test's time. A failure still names the input (below).
  for (const step of split.steps) {
    if (step.code.includes('\r')) throw new Error(`\\r in step code ${JSON.stringify(step.code)}`);
    for (const c of step.commands) {
      commands++;
      if (c.text.includes('\r')) throw new Error(`\\r in command ${JSON.stringify(c.text)}`);
      const verdict = classifyRisk(c.text, c.client ? { client: c.client } : undefined);
      if (!RISKS.has(verdict.risk)) throw new Error(`risk ${String(verdict.risk)} for ${JSON.stringify(c.text)}`);
      findPlaceholders(c.text, 'command');
      findEnvInputs(c.text, new Set());
    }
  }
  return commands;
}

/** The whole block through the functions that ignore the fence language (once per input, however many languages). */
function exerciseWhole(code: string): void {
  classifyRisk(code);
  findPlaceholders(code, 'template');
  fillPlaceholders(code, { pod: 'p', Title: 't' });
  findAssignedNames(code);
  looksLikeShell(code);
}

describe('fuzz', () => {
  it('survives 10 000 random and mutated blocks quickly', () => {
    const rand = seededRandom(20240611);
    const corpus = seedCorpus();
    const started = performance.now();
    let commands = 0;
    for (let i = 0; i < 10_000; i++) {
      const base = corpus[Math.floor(rand() * corpus.length)] as string;
      const input = i % 5 === 0 ? randomText(rand) : mutate(i % 7 === 0 ? base + '\n' + mutate(base, rand) : base, rand);
      const lang = LANGS[Math.floor(rand() * LANGS.length)] ?? null;
      try {
        commands += exercise(input, lang);
      } catch (error) {
        throw new Error(`input #${i} (lang ${String(lang)}) failed: ${JSON.stringify(input)}\n${String(error)}`);
      }
    }
    expect(commands).toBeGreaterThan(10_000);
    // Generous for a 2-core CI machine; a backtracking regex or a quadratic loop blows far past it.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  const pathological: [string, string][] = [
    ['nested $( )', '$('.repeat(5_000) + ')'.repeat(5_000)],
    ['open parens', '('.repeat(50_000)],
    ['angle brackets', '<'.repeat(50_000)],
    ['moustaches', '{{'.repeat(50_000)],
    ['brackets', '- [x] [a'.repeat(20_000)],
    ['heredoc markers', '<<EOF '.repeat(20_000)],
    ['quotes', '"\''.repeat(50_000)],
    ['backslashes', '\\'.repeat(100_000)],
    ['dollars', '${X:-'.repeat(20_000)],
    ['comment lines', '$ a\nout\n' + '# c\n'.repeat(20_000)],
    ['one long line', 'kubectl get pods ' + 'a'.repeat(200_000)],
    ['many short lines', 'echo hi\n'.repeat(10_000)],
    ['an if with many comments', 'if x; then\n' + '  # c\n  echo\n'.repeat(8_000) + 'fi'],
    ['sql with many quotes', "SELECT '" + "a''".repeat(50_000) + "';"],
    ['prompts', '$ '.repeat(50_000)],
    ['case patterns', 'case x in\n' + 'a) b;;\n'.repeat(8_000) + 'esac'],
  ];

  // Sizes where a quadratic step would cost minutes and a linear one well under a second.
  it.each(pathological)('stays linear on %s', (_name, input) => {
    const started = performance.now();
    for (const lang of ['bash', 'console', 'sql']) exerciseSplit(input, lang);
    exerciseWhole(input);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
