/**
 * Where a SQL statement typed into a client ends: at a `;` outside string
 * literals, dollar quotes and comments, at `\g`/`\G`, or — for psql
 * meta-commands (`\dt`, `\conninfo`) — at the end of their line.
 */
export class SqlStatement {
  private quote: string | null = null;
  private done = false;
  private started = false;

  get complete(): boolean {
    return this.done;
  }

  feedLine(line: string): void {
    const trimmed = line.trim();
    if (!this.started && trimmed !== '') {
      this.started = true;
      if (trimmed.startsWith('\\') || trimmed.startsWith('.')) {
        // psql meta-commands and sqlite dot-commands end with their line.
        this.done = true;
        return;
      }
    }
    let last = '';
    let i = 0;
    while (i < line.length) {
      if (this.quote !== null) {
        const end = line.indexOf(this.quote, i);
        if (end < 0) return;
        i = end + this.quote.length;
        this.quote = null;
        last = "'";
        continue;
      }
      const c = line[i] as string;
      if (c === '-' && line[i + 1] === '-') break;
      if (c === "'" || c === '"' || c === '`') {
        this.quote = c;
        i++;
        continue;
      }
      if (c === '$') {
        const m = /^\$[A-Za-z_]{0,32}\$/.exec(line.slice(i, i + 34));
        if (m) {
          this.quote = m[0];
          i += m[0].length;
          continue;
        }
      }
      if (c !== ' ' && c !== '\t') last = c;
      i++;
    }
    if (last === ';' || /\\(g|G|gx|gset)\s*$/.test(trimmed)) this.done = true;
  }
}
