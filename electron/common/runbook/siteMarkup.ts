/**
 * Site markup is not text: Liquid/Jinja tags, table-of-contents markers, attribute lists and
 * admonition markers written for a wiki or static-site generator are dropped from titles,
 * step names and prose before anything reads them.
 */

const LIQUID_TAG = /\{%-?[\s\S]*?-?%\}/g;
/** Liquid/Jinja output (`{{ page.title }}`, `{{- x -}}`), but not a placeholder (`{{region}}`), which titles keep. */
const LIQUID_OUTPUT = /\{\{(?![A-Za-z][\w.-]*(?: [\w.-]+)*\}\})-?[\s\S]*?-?\}\}/g;
const LIQUID_COMMENT = /\{#[\s\S]*?#\}/g;
/** `[TOC]` (Python-Markdown), `[[_TOC_]]` (GitLab), `[[toc]]` (VuePress), `{:toc}` (kramdown). */
const TOC_MARKER = /\[\[?_?toc_?\]\]?|\{:\s*toc\s*\}/gi;
/** kramdown / Pandoc attribute lists: `{: .warning}`, `{#custom-id .class}` at the end of a heading. */
const ATTRIBUTE_LIST = /\s*\{[:#.][^{}\n]*\}\s*$/gm;
/** An admonition marker left in prose (`!!! tip`, `??? note "Title"`, `:::warning`, `:::`). */
const ADMONITION_MARKER = /^\s*(?:(?:!!!|\?\?\?\+?)[ \t]*[\w-]*(?:[ \t]+"[^"]*")?|:{3,}[ \t]*[\w-]*)[ \t]*$/gm;
/** Inline HTML tags that survived (in text given as a string rather than tokens). */
const HTML_TAG = /<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->/g;

/** Removes site markup from a piece of prose; collapses the whitespace it leaves. */
export function stripSiteMarkup(text: string): string {
  if (!/[{[<!?:]/.test(text)) return collapseSpace(text);
  return text
    .replace(LIQUID_TAG, ' ')
    .replace(LIQUID_OUTPUT, ' ')
    .replace(LIQUID_COMMENT, ' ')
    .replace(TOC_MARKER, ' ')
    .replace(ATTRIBUTE_LIST, ' ')
    .replace(ADMONITION_MARKER, ' ')
    .replace(HTML_TAG, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whitespace runs to one space, ends trimmed; most prose needs neither, so look before copying. */
function collapseSpace(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Whitespace other than single inner spaces: a line break, a tab, two spaces, or space at an end. */
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

/** Same as `stripSiteMarkup`, but keeps line structure (for multi-line prose such as list descriptions). */
export function stripSiteMarkupLines(text: string): string {
  return text
    .split('\n')
    .map((line) => stripSiteMarkup(line))
    .filter((line) => line !== '')
    .join('\n');
}

/** Longest title kept; a long paragraph used as a step title is cut at a word. */
const MAX_TITLE_LENGTH = 100;

/**
 * Makes prose into a title: markup dropped, bold markers and trailing colons removed, and a
 * paragraph longer than a title cut to its last sentence (the one that leads into the code).
 */
export function toTitle(text: string): string {
  let title = stripSiteMarkup(text)
    .replace(/\*\*|__/g, '')
    .replace(/[\s:：]+$/u, '')
    .trim();
  if (title.length > MAX_TITLE_LENGTH) {
    const sentences = title.split(/(?<=[.!?])\s+/);
    const last = sentences[sentences.length - 1] ?? title;
    title = last.length <= MAX_TITLE_LENGTH && last.length > 0 ? last : title;
    if (title.length > MAX_TITLE_LENGTH) {
      const cut = title.slice(0, MAX_TITLE_LENGTH);
      const space = cut.lastIndexOf(' ');
      title = `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
    }
    title = title.replace(/[\s:：]+$/u, '');
  }
  return title;
}
