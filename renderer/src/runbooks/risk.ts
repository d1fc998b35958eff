import type { Risk } from '../../../electron/common/runbook/model';

/** `destroy` and `unknown` always ask; `change` asks unless the user turned that off. */
export function needsConfirmation(risk: Risk, confirmChanges: boolean): boolean {
  return risk === 'destroy' || risk === 'unknown' || (risk === 'change' && confirmChanges);
}

/** Names that usually hold credentials are masked as they are typed. */
export function looksSecret(name: string): boolean {
  return /(PASS|SECRET|TOKEN|KEY|CREDENTIAL|AUTH|DSN|DATABASE_URL|REDIS_URL|_URI$)/i.test(name);
}
