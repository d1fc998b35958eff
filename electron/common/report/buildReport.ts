/**
 * Builds the incident report from a bundle (redact the bundle first: see redactBundle.ts).
 * Without a report template the report has the standard sections; with one (the first
 * attached runbook that has a template of kind `report`), it follows the template's title and
 * sections, and appends the standard data sections the template lacks.
 */
import type { TemplateValues } from '../incident/fillTemplate';
import type { Bundle } from './bundle';
import { STATUS_LABELS } from '../incident/clockWords';
import { createReportClock, formatDuration, hostTimeZone } from './reportClock';
import type { Block, Report, ReportSection } from './reportModel';
import {
  actionItemsSection,
  checklistSection,
  commandsSection,
  createReportContext,
  factsBlock,
  inputsSection,
  integritySection,
  lessonsSection,
  milestonesSection,
  resolutionSection,
  rootCauseSection,
  statusUpdatesSection,
  summarySection,
  timelineSection,
  type ReportContext,
} from './reportSections';
import { parseReportTemplate, type KnownSection, type TemplateSection } from './reportTemplate';

export interface BuildReportOptions {
  /** IANA zone the times are shown in; default: this process's zone. */
  timeZone?: string;
  /** When the report is made (tests pin it). */
  now?: number;
}

export function buildReport(bundle: Bundle, options: BuildReportOptions = {}): Report {
  const clock = createReportClock(options.timeZone ?? hostTimeZone(), bundle.milestones.detected.at ?? bundle.incident.createdAt);
  const ctx = createReportContext(bundle, clock);
  const now = options.now ?? Date.now();
  const template = bundle.runbooks.find((r) => bundle.incident.runbookIds.includes(r.id) && r.reportTemplate)?.reportTemplate ?? null;

  const notes = [
    [`All times are ${clock.zoneLabel}.`],
    ...(template ? [[`Follows the incident-report template of the runbook “${bundle.runbooks.find((r) => r.reportTemplate === template)?.title ?? ''}”.`]] : []),
  ];
  const footer = `Exported by ${bundle.app.name} ${bundle.app.version} on ${clock.dateTime(now)} (${clock.zoneLabel}) from device ${bundle.deviceId}. Sections marked ${'TO COMPLETE'} are for the responders to finish.`;

  if (!template) {
    const sections = [
      withFacts(ctx, summarySection(ctx)),
      milestonesSection(ctx),
      timelineSection(ctx),
      commandsSection(ctx),
      checklistSection(ctx),
      statusUpdatesSection(ctx),
      rootCauseSection(ctx),
      resolutionSection(ctx),
      actionItemsSection(ctx),
      lessonsSection(ctx),
      inputsSection(ctx),
      integritySection(ctx),
    ].filter((s): s is ReportSection => s !== null);
    return { title: `Incident report: ${bundle.incident.title}`, notes, sections, footer };
  }

  const parsed = parseReportTemplate(template.body, templateValues(ctx));
  const sections: ReportSection[] = [];
  const facts: ReportSection = { id: 'overview', title: 'Overview', blocks: [factsBlock(ctx)] };
  if (parsed.preamble) facts.blocks.unshift({ type: 'markdown', text: parsed.preamble });
  sections.push(facts);
  const covered = new Set<KnownSection>();
  for (const section of parsed.sections) {
    if (section.known) covered.add(section.known);
    sections.push(templateSection(ctx, section, sections.length));
  }
  if (!covered.has('summary')) sections.splice(1, 0, summarySection(ctx));
  const appendix = [
    milestonesSection(ctx),
    covered.has('timeline') ? null : timelineSection(ctx),
    commandsSection(ctx),
    checklistSection(ctx),
    statusUpdatesSection(ctx),
    covered.has('actionItems') ? null : actionItemsSection(ctx),
    inputsSection(ctx),
    integritySection(ctx),
  ];
  for (const s of appendix) if (s) sections.push(s);
  return { title: parsed.title ?? `Incident report: ${bundle.incident.title}`, notes, sections, footer };
}

function withFacts(ctx: ReportContext, section: ReportSection): ReportSection {
  return { ...section, blocks: [factsBlock(ctx), ...section.blocks] };
}

function templateSection(ctx: ReportContext, section: TemplateSection, index: number): ReportSection {
  const prompt = section.prompt ?? (isProse(section.body) ? section.body : undefined);
  const structure: Block[] = section.body && !isOnlyPrompt(section.body) && !isProse(section.body) ? [{ type: 'markdown', text: section.body }] : [];
  let built: ReportSection;
  switch (section.known) {
    case 'summary':
      built = summarySection(ctx, prompt);
      break;
    case 'timeline':
      built = timelineSection(ctx);
      break;
    case 'rootCause':
      built = rootCauseSection(ctx, prompt);
      built.blocks.splice(built.blocks.length - 1, 0, ...structure);
      break;
    case 'resolution':
      built = resolutionSection(ctx, prompt);
      built.blocks.splice(built.blocks.length - 1, 0, ...structure);
      break;
    case 'actionItems':
      built = actionItemsSection(ctx, prompt);
      break;
    case 'lessons':
      built = lessonsSection(ctx, prompt);
      built.blocks.unshift(...structure);
      break;
    case 'impact': {
      const blocks: Block[] = [];
      if (ctx.bundle.incident.impact) blocks.push({ type: 'paragraph', content: [ctx.bundle.incident.impact] });
      blocks.push(...structure);
      if (section.unfilled || structure.length === 0) blocks.push({ type: 'todo', content: [prompt ?? 'Fill in what the incident record cannot know (users affected, cost).'] });
      built = { id: 'impact', title: 'Impact', blocks };
      break;
    }
    default: {
      const blocks: Block[] = section.body ? [{ type: 'markdown', text: section.body }] : [];
      if (section.unfilled || !section.body) blocks.push({ type: 'todo', content: [section.prompt ?? `Complete this section (${section.title}).`] });
      built = { id: `template-${index}`, title: section.title, blocks };
    }
  }
  return { ...built, title: section.title || built.title };
}

/** One paragraph of plain words: the template's instruction rather than structure to fill. */
function isProse(body: string): boolean {
  return body !== '' && !body.includes('\n') && !/^\s*(?:[-*+|>]|\d+\.)/.test(body) && !/\[[^\]]*\]/.test(body);
}

function isOnlyPrompt(body: string): boolean {
  return /^\[[^\]\n]+\]$/.test(body.trim());
}

/** What a template's placeholders can be filled with; names match loosely (fillTemplate). */
function templateValues(ctx: ReportContext): TemplateValues {
  const { incident, milestones } = ctx.bundle;
  const at = (ms: number | null) => (ms === null ? null : ctx.clock.dateTime(ms));
  const detected = milestones.detected.at;
  const end = milestones.resolved.at;
  return {
    title: incident.title,
    'incident title': incident.title,
    'incident id': incident.id,
    'incident name': incident.title,
    severity: incident.severity,
    sev: incident.severity,
    status: STATUS_LABELS[incident.status],
    commander: incident.commander,
    'incident commander': incident.commander,
    ic: incident.commander,
    impact: incident.impact,
    date: detected === null ? null : ctx.clock.date(detected),
    'start time': at(detected),
    started: at(detected),
    detected: at(detected),
    acknowledged: at(milestones.acknowledged.at),
    identified: at(milestones.identified?.at ?? null),
    mitigated: at(milestones.mitigated.at),
    resolved: at(end),
    'end time': at(end),
    duration: end !== null && detected !== null ? formatDuration(end - detected) : null,
    'time zone': ctx.clock.zoneLabel,
  };
}
