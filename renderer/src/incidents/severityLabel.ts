import type { SeverityOption } from '../../../electron/common/services/incidentService';

/** The UI contract's label: `SEV1 — Critical`, or the id alone where the scale names none. */
export function severityLabel(option: Pick<SeverityOption, 'id' | 'name'>): string {
  return option.name ? `${option.id} — ${option.name}` : option.id;
}
