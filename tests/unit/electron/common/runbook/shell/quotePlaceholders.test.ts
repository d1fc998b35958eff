import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { placeholderSites, substitutePlaceholders } from '../../../../../../electron/common/runbook/shell';

/** Values a responder might type, each a trap for some way of pasting it into a command. */
const NASTY = [
  'sleep 3000',
  '$(touch /tmp/warroom-pwned)',
  '`id`',
  "it's",
  'a"b',
  'back\\slash',
  'trailing\\',
  '$HOME',
  '${HOME}',
  '!!',
  'a!b',
  '*',
  '~/logs',
  'two  spaces',
  "'",
  '"',
  '\'"\\$`!',
  '; rm -rf / #',
  'dépôt ☃',
  '-n',
  'plain-word_1.2',
];

/** Commands whose stdout is exactly the value (`{}` marks where it goes). */
const CONTEXTS: Array<[string, string]> = [
  ['bare', "printf '%s\\n' <v>"],
  ['bare, mustache', "printf '%s\\n' {{v}}"],
  ['part of a word', "printf '%s\\n' pre/<v>/post"],
  ['in single quotes', "printf '%s\\n' 'x <v> y'"],
  ['in double quotes', 'printf \'%s\\n\' "x <v> y"'],
  ['in $(…)', "printf '%s\\n' $(printf '%s' <v> | od -An -tx1 | tr -d ' \\n')"],
  ['in "$(…)"', 'printf \'%s\\n\' "$(printf \'%s\' <v>)"'],
  ['in $(…) inside double quotes inside $(…)', 'printf \'%s\\n\' "$(printf \'%s\' "$(printf \'%s\' "[<v>]")")"'],
  ['in backticks', "x=`printf '%s' <v>`; printf '%s\\n' \"$x\""],
  ['in $\'…\'', "printf '%s\\n' $'x <v> y'"],
  ['in a heredoc', 'cat <<EOF\nx <v> y\nEOF'],
  ['in a quoted heredoc', "cat <<'EOF'\nx <v> y\nEOF"],
  ['in a <<- heredoc', 'cat <<-EOF\n\tx <v> y\n\tEOF'],
  ['inside psql -c "…"', 'printf \'%s\\n\' "SELECT * FROM pg_stat_activity WHERE application_name = \'<v>\';"'],
  ['after a comment with a quote', "printf '%s\\n' <v> # it's here"],
];

/** What each context prints for a value. */
function expected(label: string, value: string): string {
  if (label === 'part of a word') return `pre/${value}/post`;
  if (label === 'in $(…)') return Buffer.from(value).toString('hex');
  if (label === 'in $(…) inside double quotes inside $(…)') return `[${value}]`;
  if (label === 'inside psql -c "…"') return `SELECT * FROM pg_stat_activity WHERE application_name = '${value}';`;
  if (label.startsWith('in single') || label.startsWith('in double') || label.includes('heredoc') || label.includes("$'")) return `x ${value} y`;
  return value;
}

const dir = mkdtempSync(join(tmpdir(), 'warroom-quote-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` in an interactive bash (history expansion on, like the console's own shell) and returns stdout. */
function runInteractiveBash(script: string): string {
  const file = join(dir, 'script.sh');
  writeFileSync(file, `${script}\n`);
  return execFileSync('bash', ['--norc', '--noprofile', '--noediting', '-i'], {
    input: `${script}\nexit\n`,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, HISTFILE: '/dev/null', PS1: '', PS2: '' },
    cwd: dir,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

describe('substitutePlaceholders: each value arrives as exactly what was typed', () => {
  for (const [label, command] of CONTEXTS) {
    it(label, () => {
      const scripts = NASTY.map((value) => {
        const { text, missing, refused } = substitutePlaceholders(command, { v: value });
        expect(missing).toEqual([]);
        expect(refused).toEqual([]);
        return text;
      });
      // One bash per context: a marker line before each command keeps the outputs apart.
      const out = runInteractiveBash(scripts.map((s, i) => `echo '@@${i}'\n${s}`).join('\n'));
      const outputs = out.split(/^@@\d+\n/m).slice(1).map((o) => o.replace(/\n$/, ''));
      expect(outputs).toEqual(NASTY.map((value) => expected(label, value)));
    });
  }

  it('never runs what a value holds', () => {
    const { text } = substitutePlaceholders("pgrep -a -f <process-name> || echo 'no such process'", { 'process-name': '$(touch pwned)' });
    runInteractiveBash(text);
    expect(() => execFileSync('test', ['-e', join(dir, 'pwned')])).toThrow();
  });

  it('makes `sleep 3000` one pattern for pgrep', () => {
    expect(substitutePlaceholders('pgrep -a -f <process-name>', { 'process-name': 'sleep 3000' }).text).toBe("pgrep -a -f 'sleep 3000'");
  });

  it('leaves plain words unquoted so the command reads as the runbook wrote it', () => {
    expect(substitutePlaceholders('kubectl logs <pod> -n {{namespace}}', { pod: 'api-7d9f', namespace: 'prod' }).text).toBe('kubectl logs api-7d9f -n prod');
  });

  it('quotes a path with a space in a destroy step', () => {
    const { text } = substitutePlaceholders('find <cleanup-directory> -type f -mtime +7 -delete', { 'cleanup-directory': '/var/tmp/old logs' });
    expect(text).toBe("find '/var/tmp/old logs' -type f -mtime +7 -delete");
  });
});

describe('substitutePlaceholders: what cannot be filled', () => {
  it('lists empty placeholders as missing and leaves them in place', () => {
    const result = substitutePlaceholders('kubectl rollout restart deployment/<deployment> -n {{namespace}}', { deployment: 'api', namespace: '  ' });
    expect(result.missing).toEqual(['namespace']);
    expect(result.text).toBe('kubectl rollout restart deployment/api -n {{namespace}}');
  });

  it.each([
    ['a line break', 'a\nb', 'v: a value cannot hold a line break'],
    ['a carriage return', 'a\rb', 'v: a value cannot hold a line break'],
    ['a NUL', 'a\0b', 'v: a value cannot hold a control character'],
    ['a tab (the shell would complete it)', 'a\tb', 'v: a value cannot hold a control character'],
    ['an escape', 'a\u001bb', 'v: a value cannot hold a control character'],
  ])('refuses a value with %s', (_label, value, reason) => {
    const result = substitutePlaceholders('echo <v>', { v: value });
    expect(result.refused).toEqual([reason]);
    expect(result.text).toBe('echo <v>');
  });
});

describe('substitutePlaceholders in a REPL client line', () => {
  it('doubles quotes inside an SQL string and types other values as they are', () => {
    const { text } = substitutePlaceholders("SELECT pg_terminate_backend(<pid>) WHERE usename = '<user>';", { pid: '4242', user: "o'brien" }, { client: 'psql' });
    expect(text).toBe("SELECT pg_terminate_backend(4242) WHERE usename = 'o''brien';");
  });
});

describe('placeholderSites', () => {
  it('tells each quoting context apart', () => {
    const command = 'a <bb> \'<c>\' "<d> $(<e>)" $\'<f>\' `<g>` # <h>\ncat <<EOF\n<ii>\nEOF\ncat <<\'X\'\n<j>\nX\n<k>';
    expect(placeholderSites(command).map((s) => `${s.name}:${s.context}`)).toEqual([
      'bb:bare', 'c:single', 'd:double', 'e:bare', 'f:ansi', 'g:backtick', 'h:literal', 'ii:heredoc', 'j:literal', 'k:bare',
    ]);
  });
});
