/**
 * The runbook's severity scale. Runbooks write it as headings (`### SEV1 (Critical) - Outage`),
 * bold paragraphs followed by a list (`**P0 - Critical**`), list items (`- **P1**: …`) and
 * tables (Markdown or HTML) with a level column and a response-time column — and they mention
 * levels in many other places (escalation rules per level, alert thresholds, severity columns
 * in other tables). We gather every group of level definitions, score each group by where it
 * stands and what it holds, and keep the best: the place where the levels are *defined*.
 */
import type { SeverityLevel } from './model';
import type { OutlineBlock, ParagraphBlock, TableBlock, HeadingBlock } from './outline';
import { parseDurationMinutes } from './duration';

/** `SEV1`, `SEV-1`, `Sev 2`, `P0`, `P-1`, `S1`, `Severity 1`, `Priority 2` as the runbook spells them. */
const LEVEL_TOKEN = /(?<![\w-])((?:SEV(?:ERITY)?|Sev(?:erity)?|sev(?:erity)?|PRIORITY|Priority|P|S)[-_ ]?([0-9]))(?![\w-])/;
/** The token must open its label (give or take an emoji, a bullet or "Level:"), not sit inside prose. */
const LEVEL_LABEL = new RegExp(`^[^\\p{L}\\p{N}]{0,4}(?:(?:level|severity|priority)\\s*[:=]\\s*)?${LEVEL_TOKEN.source}`, 'iu');

/** Severity words, most severe first; used for `name` and for scales that are only words. */
const NAME_WORDS = [
  'catastrophic', 'emergency', 'critical', 'blocker', 'urgent', 'severe', 'major', 'high', 'significant',
  'moderate', 'medium', 'normal', 'minor', 'low', 'limited', 'warning', 'informational', 'info', 'cosmetic', 'trivial',
];
const NAME_WORD = new RegExp(`\\b(${NAME_WORDS.join('|')})\\b`, 'i');
/** A label that opens with a severity word ("Critical - …"); built once, read per paragraph. */
const LEADING_NAME_WORD = new RegExp(`^[^\\p{L}]{0,4}(${NAME_WORDS.join('|')})\\b`, 'iu');
/** A table cell that is exactly a severity word; built once, read per cell. */
const NAME_WORD_CELL = new RegExp(`^\\s*(${NAME_WORDS.join('|')})\\s*$`, 'i');

/** Headings under which level definitions are the scale. */
const SCALE_CONTEXT = /sever|priorit|\bsev\b|classif|incident levels?|\blevels?\b|impact|urgency/i;
/** Headings under which levels are merely used: escalation rules, alerting, templates, contacts. */
const DISTRACTOR_CONTEXT = /escalat|alert|threshold|monitor|communicat|template|notif|contact|on-?call|rota|metric|\bslo|scenario|example|status update|report|post-?mortem|playbook|procedure|action/i;

const RESPONSE_WORDS = /respon|acknowledg|\back\b|\bsla\b|reaction|engage|page within|initial|time to (?:respond|engage|ack)|target/i;
const NOT_RESPONSE = /escalat|resol|update|every|post-?mortem|review/i;
const DESCRIPTION_HEADER = /desc|defin|criteri|impact|meaning|summary|when|condition|scope|example|symptom|what/i;
const RESPONSE_HEADER = /respon|ack|sla|reaction|time to|target|engage|initial/i;
const LEVEL_HEADER = /sev|priorit|prio\b|level|class|tier|category/i;
const NAME_HEADER = /^(?:name|label|title)$/i;

interface Candidate {
  id: string;
  number: number | null;
  name: string | null;
  responseMinutes: number | null;
  description: string;
  line: number;
}

interface Group {
  levels: Candidate[];
  /** Section titles from the outermost down to the group's own. */
  context: string[];
  /** Structural penalties/bonuses (a table whose level column is not its key, …). */
  bias: number;
}

export interface SeverityInput {
  blocks: readonly OutlineBlock[];
  headings: readonly HeadingBlock[];
  /** For each heading index, the titles of its section path. */
  paths: readonly string[][];
}

interface Label {
  id: string;
  number: number | null;
  name: string | null;
  /** What is left of the label once id and name are removed ("Service Outage"). */
  rest: string;
}

function nameIn(text: string): string | null {
  const paren = /\(([A-Za-z]+)\)/.exec(text);
  if (paren && NAME_WORD.test(paren[1]!)) return paren[1]!;
  const word = NAME_WORD.exec(text);
  return word ? word[1]! : null;
}

/**
 * Labels already read, by text: the same cells and leads (`P1`, `SEV2`, `Critical`) recur in
 * every table and list of a runbook and across the library. Labels are never modified.
 */
const LABELS = new Map<string, Label | null>();
/** Entries kept before the memo starts over; a few thousand short labels is a few hundred KB. */
const MAX_LABELS = 4096;
/** Longer texts are read each time, so the memo never pins a long paragraph. */
const MAX_LABEL_KEY = 160;

/** Reads a label such as `SEV1 (Critical) - Service Outage` or `Critical (P0)`. */
function readLabel(text: string, allowNameOnly: boolean): Label | null {
  if (text.length > MAX_LABEL_KEY) return readLabelText(text, allowNameOnly);
  const key = allowNameOnly ? `1${text}` : `0${text}`;
  const known = LABELS.get(key);
  if (known !== undefined) return known;
  const label = readLabelText(text, allowNameOnly);
  if (LABELS.size >= MAX_LABELS) LABELS.clear();
  LABELS.set(key, label);
  return label;
}

function readLabelText(text: string, allowNameOnly: boolean): Label | null {
  const clean = text.replace(/\*\*|__/g, '').trim();
  const token = LEVEL_LABEL.exec(clean) ?? (/^[^(]{0,40}\(([^)]*)\)/.exec(clean) ? parenToken(clean) : null);
  if (token) {
    const id = token[1]!;
    const number = Number(token[2]);
    const withoutId = clean.replace(id, ' ');
    const name = nameIn(withoutId);
    return { id, number, name, rest: restOf(withoutId, name) };
  }
  if (!allowNameOnly) return null;
  const word = LEADING_NAME_WORD.exec(clean);
  if (!word) return null;
  return { id: word[1]!, number: null, name: word[1]!, rest: restOf(clean.replace(word[1]!, ' '), null) };
}

/** `Critical (P0)`: the token in parentheses after a name word. */
function parenToken(text: string): RegExpExecArray | null {
  const match = /^[^\p{L}]{0,4}[A-Za-z]+\s*\(([^)]*)\)/u.exec(text);
  if (!match || !NAME_WORD.test(text.slice(0, match.index + match[0].indexOf('(')))) return null;
  const inner = new RegExp(`^\\s*${LEVEL_TOKEN.source}\\s*$`).exec(match[1]!);
  return inner;
}

/** Per name word as spelled: the pattern that removes it (and its parentheses) from a label; built once each. */
const NAME_REMOVERS = new Map<string, RegExp>();
/** Spellings remembered at most (case variants of the name words); an odd file cannot grow the map for ever. */
const MAX_NAME_REMOVERS = 256;

function restOf(text: string, name: string | null): string {
  let remover: RegExp | undefined;
  if (name) {
    remover = NAME_REMOVERS.get(name);
    if (remover === undefined) {
      remover = new RegExp(`\\(?\\s*${name}\\s*\\)?`);
      if (NAME_REMOVERS.size < MAX_NAME_REMOVERS) NAME_REMOVERS.set(name, remover);
    }
  }
  let rest = remover ? text.replace(remover, ' ') : text;
  rest = rest.replace(/\((?:[^()]*?(?:respon|sla|ack)[^()]*)\)/gi, ' ').replace(/\(\s*\)/g, ' ');
  return rest.replace(/^[\s\-–—:|.,]+|[\s\-–—:|.,]+$/g, '').replace(/\s+/g, ' ');
}

/** The response time among a level's lines, preferring lines that say "response". */
function responseFrom(lines: readonly string[]): number | null {
  for (const line of lines) {
    const keyword = RESPONSE_WORDS.exec(line);
    if (keyword && !NOT_RESPONSE.test(line.slice(0, keyword.index))) {
      const minutes = parseDurationMinutes(line.slice(keyword.index));
      if (minutes !== null) return minutes;
    }
  }
  for (const line of lines) {
    if (NOT_RESPONSE.test(line)) continue;
    if (/\bwithin\b/i.test(line) || /^[\s<>≤~-]*(?:immediate\w*)?[\s(<>≤~-]*\d+(?:\.\d+)?\s*[a-z]+[\s)]*$/i.test(line)) {
      const minutes = parseDurationMinutes(line);
      if (minutes !== null) return minutes;
    }
  }
  return null;
}

/** Lines a wrapped description may run on for; a level's description is a sentence or two. */
const MAX_DESCRIPTION_LINES = 4;

function descriptionFrom(rest: string, lines: readonly string[]): string {
  if (rest !== '') return rest;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (text === '' || /^[\w\s-]{1,30}:\s*$/.test(text)) continue; // "Examples:" introduces, it does not describe
    if (!isDescriptionLine(text)) continue;
    // A sentence wrapped in the source ("…, a failed-login burst, a" / "vulnerability …") reads on.
    let description = text;
    for (let j = i + 1; j < lines.length && j <= i + MAX_DESCRIPTION_LINES && !/[.!?:;)]$/.test(description); j++) {
      const next = (lines[j] as string).trim();
      if (next === '' || !isDescriptionLine(next) || /^[\w\s/-]{1,30}:(\s|$)/.test(next) || /^[-*+]\s|^\d+[.)]\s/.test(next)) break;
      description += ` ${next}`;
    }
    return description.replace(/^[\w\s/-]{1,30}:\s+(?=\S)/, (key) => (/descr|impact|defin|criteri|summary/i.test(key) ? '' : key));
  }
  return '';
}

/** A line that can describe a level: not its response time or another clock. */
function isDescriptionLine(text: string): boolean {
  return !RESPONSE_WORDS.test(text) && !NOT_RESPONSE.test(text);
}

function uniqueIds(levels: readonly Candidate[]): boolean {
  return new Set(levels.map((l) => l.id.toLowerCase())).size === levels.length;
}

function tableGroup(table: TableBlock, context: string[], allowNameOnly: boolean): Group | null {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.cells.length));
  if (table.rows.length === 0 || width < 2) return null;
  let levelColumn = -1;
  for (let c = 0; c < width && levelColumn === -1; c++) {
    const labelled = table.rows.filter((r) => readLabel(r.cells[c] ?? '', false) !== null).length;
    if (labelled >= Math.max(1, table.rows.length * 0.6)) levelColumn = c;
  }
  let nameOnly = false;
  if (levelColumn === -1 && allowNameOnly) {
    const c = table.header.findIndex((h) => LEVEL_HEADER.test(h));
    if (c !== -1 && table.rows.every((r) => readLabel(r.cells[c] ?? '', true) !== null)) {
      levelColumn = c;
      nameOnly = true;
    }
  }
  if (levelColumn === -1) return null;
  const header = table.header;
  const find = (pattern: RegExp) => header.findIndex((h, i) => i !== levelColumn && pattern.test(h));
  const responseColumn = find(RESPONSE_HEADER);
  let nameColumn = find(NAME_HEADER);
  if (nameColumn === -1) {
    // A column holding only severity words ("Critical", "High", …) names the levels.
    nameColumn = [...Array(width).keys()].find(
      (i) => i !== levelColumn && i !== responseColumn && table.rows.every((r) => nameWordCell(r.cells[i] ?? '') !== null),
    ) ?? -1;
  }
  let descriptionColumn = header.findIndex(
    (h, i) => i !== levelColumn && i !== responseColumn && i !== nameColumn && DESCRIPTION_HEADER.test(h),
  );
  if (descriptionColumn === -1) {
    descriptionColumn = [...Array(width).keys()].find((i) => i !== levelColumn && i !== responseColumn && i !== nameColumn) ?? -1;
  }
  const levels: Candidate[] = [];
  for (const row of table.rows) {
    const label = readLabel(row.cells[levelColumn] ?? '', nameOnly || allowNameOnly);
    if (!label) continue;
    const name =
      nameColumn !== -1 ? row.cells[nameColumn] || null : label.name;
    const response =
      responseColumn !== -1
        ? parseDurationMinutes(row.cells[responseColumn] ?? '')
        : responseFrom(row.cells.filter((_, i) => i !== levelColumn));
    levels.push({
      id: label.id,
      number: label.number,
      name,
      responseMinutes: response,
      description: descriptionColumn !== -1 ? (row.cells[descriptionColumn] ?? '') : label.rest,
      line: row.line,
    });
  }
  const levelHeader = LEVEL_HEADER.test(header[levelColumn] ?? '');
  const bias = (levelColumn === 0 ? 2 : -5) + (levelHeader ? 1 : 0) + (responseColumn !== -1 ? 3 : 0);
  return { levels, context, bias };
}

/** A cell that is exactly a severity word ("Critical") names the level. */
function nameWordCell(cell: string): string | null {
  const match = NAME_WORD_CELL.exec(cell);
  return match ? match[1]! : null;
}

/** Text lines of the blocks in [from, to) — the body under a heading or after a bold label. */
function bodyLines(blocks: readonly OutlineBlock[], from: number, to: number): string[] {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const block = blocks[i]!;
    if (block.kind === 'paragraph') lines.push(...block.text.split('\n'));
    else if (block.kind === 'table') for (const row of block.rows) lines.push(row.cells.join(' | '));
  }
  return lines;
}

function headingGroups(input: SeverityInput): Group[] {
  const { blocks, headings, paths } = input;
  const blockIndex = new Map<HeadingBlock, number>();
  blocks.forEach((b, i) => {
    if (b.kind === 'heading') blockIndex.set(b, i);
  });
  const groups = new Map<string, Group>();
  headings.forEach((heading, h) => {
    const path = paths[h] ?? [heading.text];
    const parentTitles = path.slice(0, -1);
    const underScale = parentTitles.some((t) => SCALE_CONTEXT.test(t) && !DISTRACTOR_CONTEXT.test(t));
    const label = readLabel(heading.text, underScale);
    if (!label) return;
    const start = blockIndex.get(heading)! + 1;
    let end = start;
    while (end < blocks.length && blocks[end]!.kind !== 'heading') end++;
    const lines = bodyLines(blocks, start, end);
    // The parent heading and the level's heading depth identify the sibling group.
    const key = `${parentTitles.join('\u0000')}\u0001${heading.level}`;
    const group = groups.get(key) ?? { levels: [], context: parentTitles, bias: 1 };
    group.levels.push({
      id: label.id,
      number: label.number,
      name: label.name,
      responseMinutes: responseFrom([heading.text, ...lines]),
      description: descriptionFrom(label.rest, lines),
      line: heading.line,
    });
    groups.set(key, group);
  });
  return [...groups.values()];
}

/** Whether a section path sits under a heading about the scale (and not about escalation, alerts, …). */
function isScaleContext(path: readonly string[]): boolean {
  return path.some((t) => SCALE_CONTEXT.test(t) && !DISTRACTOR_CONTEXT.test(t));
}

function paragraphGroups(input: SeverityInput, scaled: readonly boolean[]): Group[] {
  const { blocks, paths } = input;
  const groups: Group[] = [];
  let current: { group: Group; key: string } | null = null;
  const labelled: { index: number; block: ParagraphBlock; label: Label; inline: string }[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph') return;
    const underScale = block.section !== -1 && (scaled[block.section] ?? false);
    if (block.list && !block.list.firstInItem) return;
    // A bold lead (`**P0 - Critical**`) or a list item that opens with a level token.
    if (block.strongLead === null && !block.list) return;
    const newline = block.text.indexOf('\n');
    const firstLine = newline < 0 ? block.text : block.text.slice(0, newline);
    const labelText = block.strongLead ?? firstLine.split(/[:：]\s|\s[-–—]\s(?=[^-–—]*$)/)[0]!;
    const label = readLabel(labelText, underScale && block.strongLead !== null);
    if (!label) return;
    labelled.push({ index, block, label, inline: firstLine.slice(firstLine.indexOf(labelText) + labelText.length) });
  });
  for (let n = 0; n < labelled.length; n++) {
    const { index, block, label, inline } = labelled[n]!;
    const next = labelled[n + 1];
    let end = index + 1;
    while (end < blocks.length && blocks[end]!.kind !== 'heading' && (!next || end < next.index)) {
      const b = blocks[end]!;
      // A list item's body ends at the next item of the same list.
      if (block.list && b.kind === 'paragraph' && b.list && b.list.depth <= block.list.depth && b.list.firstInItem) break;
      end++;
    }
    const lines = [inline, ...block.text.split('\n').slice(1), ...bodyLines(blocks, index + 1, end)];
    const key = block.list ? `list:${block.list.listId}` : `section:${block.section}`;
    if (!current || current.key !== key) {
      current = { group: { levels: [], context: block.section === -1 ? [] : (paths[block.section] ?? []), bias: 0 }, key };
      groups.push(current.group);
    }
    current.group.levels.push({
      id: label.id,
      number: label.number,
      name: label.name,
      responseMinutes: responseFrom([labelText(block), ...lines]),
      description: descriptionFrom(restWithInline(label.rest, inline), lines.slice(1)),
      line: block.line,
    });
  }
  return groups;
}

function labelText(block: ParagraphBlock): string {
  return block.strongLead ?? block.text.split('\n', 1)[0] ?? '';
}

function restWithInline(rest: string, inline: string): string {
  const tail = inline.replace(/^[\s\-–—:|.,]+/, '').trim();
  if (rest !== '') return rest;
  return RESPONSE_WORDS.test(tail) ? tail.split(/[,;.(]\s*(?=[^,;.(]*respon)/i)[0]!.trim() : tail;
}

function score(group: Group): number {
  const inScale = group.context.some((t) => SCALE_CONTEXT.test(t) && !DISTRACTOR_CONTEXT.test(t));
  const nearest = group.context[group.context.length - 1] ?? '';
  const distracted = DISTRACTOR_CONTEXT.test(nearest) && !SCALE_CONTEXT.test(nearest);
  let s = group.levels.length + group.bias;
  if (inScale) s += 10;
  if (distracted) s -= 10;
  if (group.levels.some((l) => l.name !== null)) s += 2;
  if (group.levels.some((l) => l.responseMinutes !== null)) s += 2;
  return s;
}

/** Below this a group is a passing mention, not a scale (two bare levels in neutral prose score 2). */
const MIN_SCALE_SCORE = 4;

export function findSeverityLevels(input: SeverityInput): SeverityLevel[] {
  // Per section, read once: thousands of paragraphs and tables share a few hundred sections.
  const scaled = input.paths.map(isScaleContext);
  const tables: Group[] = [];
  for (const block of input.blocks) {
    if (block.kind !== 'table') continue;
    const context = block.section === -1 ? [] : (input.paths[block.section] ?? []);
    const underScale = block.section !== -1 && (scaled[block.section] ?? false);
    const group = tableGroup(block, context, underScale);
    if (group) tables.push(group);
  }
  const groups = [...tables, ...headingGroups(input), ...paragraphGroups(input, scaled)].filter(
    (g) => g.levels.length >= 2 && uniqueIds(g.levels),
  );
  let best: Group | null = null;
  let bestScore = MIN_SCALE_SCORE - 1;
  for (const group of groups) {
    const s = score(group);
    if (s > bestScore) {
      best = group;
      bestScore = s;
    }
  }
  if (!best) return [];
  // Another group may give what the scale leaves out (a separate response-time table).
  for (const level of best.levels) {
    for (const other of groups) {
      if (other === best) continue;
      const same = other.levels.find((l) => l.id.toLowerCase() === level.id.toLowerCase());
      if (!same) continue;
      if (level.responseMinutes === null && score(other) >= MIN_SCALE_SCORE) level.responseMinutes = same.responseMinutes;
      level.name ??= same.name;
    }
  }
  const numbered = best.levels.every((l) => l.number !== null);
  const ordered = numbered
    ? [...best.levels].sort((a, b) => a.number! - b.number!)
    : [...best.levels].sort((a, b) => nameRank(a) - nameRank(b));
  return ordered.map((level, rank) => ({
    id: level.id,
    name: level.name === null ? null : capitalise(level.name),
    rank,
    responseMinutes: level.responseMinutes,
    description: level.description,
    line: level.line,
  }));
}

function nameRank(level: Candidate): number {
  const i = NAME_WORDS.indexOf((level.name ?? level.id).toLowerCase());
  return i === -1 ? NAME_WORDS.length : i;
}

function capitalise(name: string): string {
  return name === name.toLowerCase() ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}
