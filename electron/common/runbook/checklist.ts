/** Task-list items (`- [ ] …`, `- [x] …`, also in ordered lists and block quotes) → checklist. */
import type { ChecklistItem } from './model';
import type { OutlineBlock } from './outline';
import { hashText, UniqueIds } from './ids';
import { stripSiteMarkup } from './siteMarkup';

const TASK_MARKER = /^\[([ xX])\][ \t]+(?=\S)|^\[([ xX])\]$/;

export function buildChecklist(
  blocks: readonly OutlineBlock[],
  sectionIds: readonly string[],
  skip: (line: number) => boolean = () => false,
): ChecklistItem[] {
  const ids = new UniqueIds();
  const items: ChecklistItem[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || !block.list?.firstInItem) continue;
    // Every task marker opens with `[`; other list items skip the pattern.
    if (block.source.charCodeAt(0) !== 0x5b) continue;
    const marker = TASK_MARKER.exec(block.source);
    if (!marker || skip(block.line)) continue;
    const text = stripSiteMarkup(block.text.replace(/^\[[ xX]\]\s*/, ''));
    if (text === '') continue;
    const sectionId = block.section === -1 ? null : (sectionIds[block.section] ?? null);
    items.push({
      id: ids.take(`${sectionId ?? 'top'}/${hashText(text)}`),
      sectionId,
      text,
      checked: (marker[1] ?? marker[2]) !== ' ',
      line: block.line,
    });
  }
  return items;
}
