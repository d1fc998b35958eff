/**
 * SQL blocks (` ```sql `) are not shell, but their statements are still commands a responder
 * copies or sends to an open client, and each is judged for risk. Statements end at `;`
 * outside quotes and comments; a blank line between complete statements starts a new step,
 * and leading `--` comments title it, as `#` comments do for shell.
 */
export interface SqlStatement {
  text: string;
  line: number;
}

export interface SqlStep {
  title: string | null;
  code: string;
  line: number;
  statements: SqlStatement[];
}

export function splitSql(code: string, startLine: number): SqlStep[] {
  const lines = code.split('\n');
  const steps: SqlStep[] = [];
  let step: SqlStep | null = null;
  let stepLines: string[] = [];
  let titleLines: string[] = [];
  let statement: string[] = [];
  let statementLine = 0;
  let quote: string | null = null; // `'`, `"` or a dollar-quote tag such as `$$` / `$body$`
  let blockComment = false;

  const finishStep = () => {
    if (step) {
      step.code = stepLines.join('\n').replace(/\n+$/, '');
      if (step.code.trim() !== '') steps.push(step);
    }
    step = null;
    stepLines = [];
    titleLines = [];
  };
  const pushStatement = (text: string) => {
    const clean = text.trim();
    if (clean !== '' && step) step.statements.push({ text: clean, line: statementLine });
  };

  lines.forEach((raw, i) => {
    const line = startLine + i;
    const open = quote !== null || blockComment || statement.some((s) => s.trim() !== '');
    if (raw.trim() === '' && !open) {
      finishStep();
      return;
    }
    if (!step) step = { title: null, code: '', line, statements: [] };
    stepLines.push(raw);
    if (!open && /^\s*--/.test(raw) && step.statements.length === 0) {
      titleLines.push(raw.replace(/^\s*--+\s?/, '').trim());
      step.title = titleLines.filter(Boolean).join(' ') || null;
      return;
    }
    if (!open && /^\s*--/.test(raw)) return; // a comment between statements is not SQL to send
    // Kept text is added a run at a time (from `kept` up to a cut: a comment, a `;`, the line end),
    // not a character at a time.
    let current = '';
    let kept = 0;
    let c = 0;
    for (; c < raw.length; c++) {
      const ch = raw[c]!;
      if (blockComment) {
        if (ch === '*' && raw[c + 1] === '/') {
          blockComment = false;
          c++;
          kept = c + 1;
        }
        continue;
      }
      if (quote !== null) {
        if (quote.length > 1 ? raw.startsWith(quote, c) : ch === quote) {
          if (quote.length > 1) c += quote.length - 1;
          quote = null;
        }
        continue;
      }
      if (ch === '-' && raw[c + 1] === '-') break;
      if (ch === '/' && raw[c + 1] === '*') {
        current += raw.slice(kept, c);
        blockComment = true;
        c++;
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '$') {
        const tag = /^\$[A-Za-z_]*\$/.exec(raw.slice(c));
        if (tag) {
          quote = tag[0];
          c += tag[0].length - 1;
          continue;
        }
      }
      if (ch === ';') {
        current += raw.slice(kept, c);
        kept = c + 1;
        if (statement.every((s) => s.trim() === '') && current.trim() !== '') statementLine = line;
        statement.push(current + ';');
        pushStatement(statement.join('\n'));
        statement = [];
        current = '';
        continue;
      }
    }
    if (!blockComment) current += raw.slice(kept, c);
    if (current.trim() !== '' || statement.length > 0) {
      if (statement.every((s) => s.trim() === '') && current.trim() !== '') statementLine = line;
      statement.push(current);
    }
  });
  // A statement without its closing `;` at the end of the block is still one statement.
  pushStatement(statement.join('\n'));
  finishStep();
  return steps;
}
