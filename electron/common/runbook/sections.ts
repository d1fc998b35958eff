/** Headings → sections with GitHub-style ids and parent links. */
import type { HeadingBlock } from './outline';
import type { Section } from './model';
import { slugify, UniqueIds } from './ids';

export function buildSections(headings: readonly HeadingBlock[]): Section[] {
  const ids = new UniqueIds();
  const sections: Section[] = [];
  const open: Section[] = []; // the chain of enclosing sections, outermost first
  for (const heading of headings) {
    while (open.length > 0 && open[open.length - 1]!.level >= heading.level) open.pop();
    const section: Section = {
      id: ids.take(slugify(heading.text) || 'section'),
      level: heading.level,
      title: heading.text,
      parentId: open[open.length - 1]?.id ?? null,
      line: heading.line,
    };
    sections.push(section);
    open.push(section);
  }
  return sections;
}

/** For each section, the chain from the outermost section down to it (inclusive). */
export function sectionPaths(sections: readonly Section[]): Section[][] {
  const byId = new Map<string, Section[]>();
  return sections.map((section) => {
    const parent = section.parentId === null ? [] : (byId.get(section.parentId) ?? []);
    const path = [...parent, section];
    byId.set(section.id, path);
    return path;
  });
}
