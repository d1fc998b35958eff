/**
 * Contacts, best effort: rows of contact/escalation tables and items of contact/escalation
 * lists under a heading about contacts, escalation or on-call. A responder at 03:00 needs
 * who to call next and how; the runbook's own words are kept as they are.
 */
import type { Contact } from './model';
import type { OutlineBlock, TableBlock } from './outline';
import { stripSiteMarkup } from './siteMarkup';

/** Headings of contact lists; not "team" alone, which titles procedures as often as people. */
const CONTACT_HEADING = /contact|escalat|on-?call|who to (?:call|page)|phone|pager|people|owners?\b|stakeholders|responders|roster|directory/i;
const ROLE_HEADER = /role|position|function|tier|level|team/i;
const NAME_HEADER = /name|person|who|owner|contact$/i;
/** Things that reach someone: email, phone, chat handle or channel, URL. */
const REACH = /[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d\s().-]{6,}\d|\+\d[\dX\s().-]{6,}[\dX]|(?:^|\s)[@#][\w.-]+|https?:\/\/\S+/gi;

function reachIn(text: string): string[] {
  return [...text.matchAll(REACH)].map((m) => m[0].trim()).filter((r) => r !== '');
}

function fromTable(table: TableBlock, sectionId: string | null, escalation: boolean): Contact[] {
  const roleColumn = table.header.findIndex((h) => ROLE_HEADER.test(h));
  const nameColumn = table.header.findIndex((h, i) => i !== roleColumn && NAME_HEADER.test(h) && !/contact/i.test(h));
  const contacts: Contact[] = [];
  table.rows.forEach((row, index) => {
    const cells = row.cells.map((c) => c.trim());
    const labelColumn = nameColumn !== -1 ? nameColumn : roleColumn !== -1 ? roleColumn : 0;
    const name = cells[labelColumn] ?? '';
    if (name === '') return;
    const reach = cells.flatMap((cell, i) => (i === labelColumn || i === roleColumn ? [] : reachIn(cell).length > 0 ? [cell] : []));
    contacts.push({
      name,
      role: roleColumn !== -1 && roleColumn !== labelColumn ? cells[roleColumn] || null : null,
      reach,
      escalationOrder: escalation ? index + 1 : null,
      sectionId,
      line: row.line,
    });
  });
  return contacts;
}

export function buildContacts(
  blocks: readonly OutlineBlock[],
  sectionIds: readonly string[],
  paths: readonly string[][],
): Contact[] {
  const contacts: Contact[] = [];
  for (const block of blocks) {
    if (block.kind !== 'table' && block.kind !== 'paragraph') continue;
    const path = block.section === -1 ? [] : (paths[block.section] ?? []);
    const nearest = path[path.length - 1] ?? '';
    if (!CONTACT_HEADING.test(nearest)) continue;
    const escalation = /escalat/i.test(nearest);
    const sectionId = block.section === -1 ? null : (sectionIds[block.section] ?? null);
    if (block.kind === 'table') {
      contacts.push(...fromTable(block, sectionId, escalation));
      continue;
    }
    if (!block.list?.firstInItem) continue;
    const text = stripSiteMarkup(block.text.split('\n', 1)[0] ?? '');
    if (text === '' || /^\[[ xX]\]/.test(text)) continue;
    // "On-call Engineer: +1-555-0100" / "DBA team — #dba-oncall" / "1. Team Lead"
    const split = /^(.{1,80}?)\s*(?::|\s[-–—]\s)\s*(.+)$/.exec(text);
    const reach = reachIn(split ? split[2]! : text);
    const name = split && reach.length > 0 ? split[1]!.trim() : split && !escalation ? split[1]!.trim() : text;
    contacts.push({
      name,
      role: null,
      reach: split && reach.length > 0 ? [split[2]!.trim()] : reach,
      escalationOrder: block.list.ordered || escalation ? block.list.itemIndex + 1 : null,
      sectionId,
      line: block.line,
    });
  }
  return contacts;
}
