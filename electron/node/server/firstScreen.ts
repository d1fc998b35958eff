/**
 * The served console's first screen, drawn into its HTML: the app's frame and the incidents
 * list, visible as soon as the HTML is parsed instead of once the page's script has run, asked
 * the host over its WebSocket and rendered (~150 ms later on this machine). React replaces it at
 * its first render, which starts from the same list (read back from the JSON beside it), so
 * nothing moves. Its controls are disabled until then: a click is never silently lost (and
 * Playwright's click waits for the live one).
 *
 * The markup mirrors what App.tsx, AppHeader.tsx, Sidebar.tsx and IncidentList.tsx render while
 * connecting (same elements, classes and accessible names); the wording comes from the module
 * they share (common/incident/incidentList.ts). Times are local, or UTC as the page's cookie says
 * (displayPrefs.tsx).
 */
import { escapeHtml } from '../../common/escapeHtml';
import { FIRST_SCREEN_DATA_ID, type FirstScreenData, type FirstScreenPrefs } from '../../common/firstScreen';
import { incidentListDetail, resolvedGroupLabel, splitIncidentList } from '../../common/incident/incidentList';
import type { Incident } from '../../common/incident/model';

const ROOT_ELEMENT = '<div id="root"></div>';
const HTML_ELEMENT = /<html( [^>]*)?>/;

/**
 * `indexHtml` (the built app shell) with the first screen in its root, in the responder's
 * `theme` if chosen (else the system's), its times in UTC if they chose so; unchanged if it has
 * no empty root.
 */
export function withFirstScreen(indexHtml: string, incidents: readonly Incident[], { theme, utc }: FirstScreenPrefs = { theme: null, utc: false }): string {
  if (!indexHtml.includes(ROOT_ELEMENT)) return indexHtml;
  // JSON inside <script>: `<` escaped so no title can close the element.
  const data = JSON.stringify({ incidents } satisfies FirstScreenData).replace(/</g, '\\u003c');
  const themed = theme ? indexHtml.replace(HTML_ELEMENT, (element) => `${element.slice(0, -1)} data-theme="${theme}">`) : indexHtml;
  return themed.replace(
    ROOT_ELEMENT,
    () => `<div id="root">${frame(incidents, utc)}</div>\n    <script type="application/json" id="${FIRST_SCREEN_DATA_ID}">${data}</script>`,
  );
}

function frame(incidents: readonly Incident[], utc: boolean): string {
  return (
    '<div class="app" data-first-screen="">' +
    '<header class="app-header"><div class="app-header__brand"><img src="./favicon.svg" alt="" width="22" height="22"><span class="app-header__name">War Room</span></div>' +
    '<div class="app-header__status"><span class="status-dot status-dot--connecting" aria-hidden="true"></span><span>Connecting…</span></div></header>' +
    '<div class="app__body"><aside class="sidebar">' +
    '<button type="button" class="button button--primary sidebar__new" disabled="">New incident</button>' +
    incidentList(incidents, utc) +
    '</aside><main class="main" aria-label="Incident"></main></div></div>'
  );
}

function incidentList(incidents: readonly Incident[], utc: boolean): string {
  const { active, resolved } = splitIncidentList(incidents);
  const items = (group: Incident[]) => `<ul class="incident-list__items">${group.map((incident) => item(incident, utc)).join('')}</ul>`;
  const body =
    incidents.length === 0
      ? '<p class="sidebar__empty">None yet.</p>'
      : (active.length > 0 ? items(active) : '') +
        (resolved.length > 0
          ? `<details class="incident-list__resolved"${active.length === 0 ? ' open=""' : ''}><summary>${resolvedGroupLabel(resolved.length)}</summary>${items(resolved)}</details>`
          : '');
  return `<nav aria-label="Incidents" class="sidebar__section incident-list"><h2 class="sidebar__heading">Incidents</h2>${body}</nav>`;
}

function item(incident: Incident, utc: boolean): string {
  return (
    `<li><button type="button" class="incident-item incident-item--${escapeHtml(incident.status)}" disabled="">` +
    `<span class="incident-item__title">${escapeHtml(incident.title)}</span>` +
    `<span class="incident-item__meta"><span class="incident-item__sev">${escapeHtml(incident.severity)}</span> · ${escapeHtml(incidentListDetail(incident, utc))}</span>` +
    '</button></li>'
  );
}
