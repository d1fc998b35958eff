import { describe, expect, it } from 'vitest';
import { lexShell, ShellLexer } from '../../../../../../electron/common/runbook/shell/lexer';
import { rememberLex, sharedLex } from '../../../../../../electron/common/runbook/shell/sharedLex';
import { parseSimpleCommands } from '../../../../../../electron/common/runbook/shell/simpleCommands';

const open = (text: string): string | undefined => lexShell(text).openConstruct()?.what;

describe('ShellLexer completeness', () => {
  it.each([
    ['echo "a\n\nb"', undefined],
    ["echo 'a", 'a single quote'],
    ['echo "a', 'a double quote'],
    ["echo $'a\\'", "a $'…' quote"],
    ['x=$(ls', 'a $( … )'],
    ['x=`ls', 'a backtick'],
    ['echo ${x', 'a ${ … }'],
    ['( cd /tmp', 'a ( … ) subshell'],
    ['{ echo a;', 'a { …; } group'],
    ['if true; then echo', 'an if (no fi)'],
    ['case x in a) ;;', 'a case (no esac)'],
    ['while true; do :', 'a loop (no done)'],
    ['cat <<EOF\nx', 'the heredoc never reaches its end marker EOF'],
    ['a |', 'a trailing |'],
    ['a &&', 'a trailing &&'],
    ['a ||', 'a trailing ||'],
    ['a \\', 'a trailing \\'],
    ['a \\\n', undefined],
    ['echo :(', undefined],
    ['arr=(a\nb)', undefined],
    ['echo $(( 1 << 2 ))', undefined],
    ['echo ) stray', undefined],
  ])('%j → %s', (text, what) => {
    expect(open(text)).toBe(what);
  });

  it('is resumable line by line', () => {
    const lexer = new ShellLexer();
    lexer.feedLine('psql -c "');
    expect(lexer.complete).toBe(false);
    lexer.feedLine('');
    expect(lexer.complete).toBe(false);
    lexer.feedLine('SELECT 1;"');
    expect(lexer.complete).toBe(true);
    expect(lexer.text).toBe('psql -c "\n\nSELECT 1;"\n');
  });
});

describe('tokens', () => {
  it('collects heredoc bodies on their redirection and knows quoted delimiters', () => {
    const lexer = lexShell("cat <<'A' <<-B\n$x\nA\n\tbody\n\tB");
    const docs = lexer.tokens.flatMap((t) => (t.kind === 'redir' && t.heredoc ? [t.heredoc] : []));
    expect(docs.map((d) => [d.delimiter, d.quoted, d.body, d.closed])).toEqual([
      ['A', true, '$x', true],
      ['B', false, '\tbody', true],
    ]);
  });

  it('records comments only where the shell sees them', () => {
    const lexer = lexShell('echo $# ${#x} a#b "#q" # real');
    const comments = lexer.tokens.filter((t) => t.kind === 'comment');
    expect(comments).toHaveLength(1);
    expect(lexer.text.slice(comments[0]?.start, comments[0]?.end)).toBe('# real');
  });

  it('gives simple commands with unquoted words, fds and command substitutions', () => {
    const { commands } = parseSimpleCommands('FOO=1 kubectl logs "my pod" 2>&1 | grep $(echo err); for x in a; do rm $x; done');
    expect(commands.map((c) => c.argv)).toEqual([['kubectl', 'logs', 'my pod'], ['grep', '$(echo err)'], ['rm', '$x']]);
    expect(commands[0]?.assignments).toEqual(['FOO=1']);
    expect(commands[0]?.redirs[0]).toMatchObject({ op: '>&', fd: '2' });
    expect(commands[1]?.pipedFrom).toBe(commands[0]);
    expect(commands[1]?.subs).toEqual(['echo err']);
  });

  it('drops case patterns and function headers', () => {
    const { commands } = parseSimpleCommands('case $1 in start) systemctl start x;; esac\nf() { echo hi; }');
    expect(commands.map((c) => c.argv)).toEqual([['systemctl', 'start', 'x'], ['echo', 'hi']]);
  });
});

describe('sharedLex', () => {
  it('lexes a text once for every reader and gives the same tokens as lexShell', () => {
    const text = 'kubectl get pods -n "$NS" | grep -v Running';
    const first = sharedLex(text);
    expect(sharedLex(text)).toBe(first);
    expect(first.tokens).toEqual(lexShell(text).tokens);
  });

  it('uses the splitter’s lexing when the command is exactly the lines it fed', () => {
    const code = 'psql "$DATABASE_URL" -c "\nSELECT 1;\n"';
    const lexer = new ShellLexer(true);
    for (const line of code.split('\n')) lexer.feedLine(line);
    rememberLex(code, lexer);
    expect(sharedLex(code)).toBe(lexer);
  });
});
