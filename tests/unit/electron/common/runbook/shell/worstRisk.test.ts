import { describe, expect, it } from 'vitest';
import { worstRisk } from '../../../../../../electron/common/runbook/shell/riskTypes';

describe('worstRisk', () => {
  it('orders read < change < unknown < destroy, whatever the order given', () => {
    expect(worstRisk([])).toBe('read');
    expect(worstRisk(['read', 'read'])).toBe('read');
    expect(worstRisk(['change', 'read'])).toBe('change');
    expect(worstRisk(['unknown', 'change'])).toBe('unknown');
    expect(worstRisk(['destroy', 'unknown', 'read'])).toBe('destroy');
    expect(worstRisk(['read', 'unknown'])).toBe('unknown');
  });
});
