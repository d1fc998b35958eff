/**
 * Placeholder syntax that a writer clearly meant but the resolver will not recognise, so the
 * responder would run the command with the marker still in it: `{{name}`, `{name}}`, an
 * unclosed `{{`, an empty `{{ }}`, `< pod-name >` with spaces inside the brackets.
 * Used by `warroom lint`; conservative, because redirections (`sort <in >out`) and Go
 * templates (`{{.State}}`) are legitimate shell.
 */
export interface PlaceholderOddity {
  message: string;
  /** Line within the command text (0 = its first line). */
  lineOffset: number;
}

const CHECKS: ReadonlyArray<{ pattern: RegExp; message: (match: string) => string }> = [
  {
    pattern: /\{\{\s*[A-Za-z][\w.-]*\s*\}(?!\})/g,
    message: (m) => `placeholder \`${m}\` is missing a closing brace; write \`{{name}}\``,
  },
  {
    pattern: /(?<![{$])\{\s*[A-Za-z][\w.-]*\s*\}\}/g,
    message: (m) => `placeholder \`${m}\` is missing an opening brace; write \`{{name}}\``,
  },
  {
    pattern: /\{\{(?![^\n]*\}\})[^\n]*$/gm,
    message: (m) => `\`{{\` is never closed on this line (\`${m.trim().slice(0, 30)}\`); write \`{{name}}\``,
  },
  {
    // Only `{{ }}`: `<>` is SQL's "not equal" (inside `psql -c "…"`) and a shell redirection.
    pattern: /\{\{\s*\}\}/g,
    message: (m) => `empty placeholder \`${m}\`; put the name inside`,
  },
  {
    pattern: /<\s+[A-Za-z][\w.]*(?:[-_][\w.]+)+\s*>|<[A-Za-z][\w.]*(?:[-_][\w.]+)+\s+>/g,
    message: (m) => `\`${m}\` has spaces inside the brackets, so it is not a placeholder; write \`<${m.slice(1, -1).trim()}>\``,
  },
];

export function findPlaceholderOddities(text: string, recognised: readonly string[]): PlaceholderOddity[] {
  const oddities: PlaceholderOddity[] = [];
  const flagged: [number, number][] = []; // one message per spot: `{{pod}` is not also "never closed"
  for (const check of CHECKS) {
    check.pattern.lastIndex = 0;
    for (let m = check.pattern.exec(text); m; m = check.pattern.exec(text)) {
      if (m[0] === '') {
        check.pattern.lastIndex++;
        continue;
      }
      const inner = m[0].replace(/[{}<>\s]/g, '');
      if (inner !== '' && recognised.includes(inner)) continue;
      // Go/Helm templates (`{{.Values.x}`, `{{ $x }`) are code, not placeholders.
      if (/\{\{\s*[.$]/.test(m[0])) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (flagged.some(([a, b]) => start < b && a < end)) continue;
      flagged.push([start, end]);
      const lineOffset = (text.slice(0, m.index).match(/\n/g) ?? []).length;
      oddities.push({ message: check.message(m[0]), lineOffset });
    }
  }
  return oddities;
}
