/** Checks on what callers hand the store, each failing with a one-line UserError. */
import { UserError } from '../../common/errors';

/** Longest free text accepted in a title, name or id field; a paste gone wrong is refused. */
const MAX_SHORT_TEXT = 1000;

export function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UserError(`The ${what} must not be empty.`, 'E_INVALID');
  if (value.length > MAX_SHORT_TEXT) throw new UserError(`The ${what} is longer than ${MAX_SHORT_TEXT} characters.`, 'E_INVALID');
  return value;
}

export function optionalText(value: unknown, what: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  return requireText(value, what);
}

export function incidentNotFound(incidentId: string): UserError {
  return new UserError(`No incident with id ${incidentId} in this data directory — list incidents with \`warroom incidents\`.`, 'E_NOT_FOUND');
}
