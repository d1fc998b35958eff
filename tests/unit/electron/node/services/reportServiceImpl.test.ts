import { afterEach, describe, expect, it } from 'vitest';
import { createReportService } from '../../../../../electron/node/services/reportServiceImpl';
import { createFixture, SECRET_VALUE, type Fixture } from '../report/incidentFixture';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('ReportService PDF printing', () => {
  it("prints with the host's printer when it has one (Electron's printToPDF in the app), redacted HTML in", async () => {
    fixture = await createFixture();
    const printed: string[] = [];
    // The Electron boundary: main's printToPDF cannot run here, so the printer is a double.
    const service = createReportService(fixture.store, fixture.lookup, async (html) => {
      printed.push(html);
      return new TextEncoder().encode('%PDF-1.7 stand-in');
    });
    expect(await service.pdfSupport()).toEqual({ available: true, message: null });
    const pdf = await service.export(fixture.incidentId, 'pdf', {});
    expect(pdf.encoding).toBe('base64');
    expect(Buffer.from(pdf.content, 'base64').toString()).toBe('%PDF-1.7 stand-in');
    expect(pdf.fileName).toMatch(/\.pdf$/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Checkout API returns 502s');
    expect(printed[0]).not.toContain(SECRET_VALUE);
  });
});
