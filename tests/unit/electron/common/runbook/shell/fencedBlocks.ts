/** Test helper: reads fenced code blocks out of the sample runbooks. */
/** A small fence reader for the samples (the real Markdown parser lives in the other half). */
export function fencedBlocks(markdown: string): { lang: string | null; code: string; startLine: number }[] {
  const lines = markdown.split('\n');
  const out: { lang: string | null; code: string; startLine: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)/.exec(lines[i] as string);
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    const startLine = i + 2;
    i++;
    while (i < lines.length && !/^\s*```\s*$/.test(lines[i] as string)) body.push((lines[i++] as string).slice(indent));
    out.push({ lang: open[2] || null, code: body.join('\n'), startLine });
  }
  return out;
}
