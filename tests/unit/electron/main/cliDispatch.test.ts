import { describe, expect, it } from 'vitest';
import { cliArgsFrom } from '../../../../electron/main/cliDispatch';

describe('cliArgsFrom', () => {
  it('hands the packaged app everything after --cli', () => {
    expect(cliArgsFrom(['/opt/War Room/war-room', '--cli', 'export', 'latest', '--format', 'md'])).toEqual(['export', 'latest', '--format', 'md']);
  });

  it('skips the main script of an unpackaged run and Chromium switches before --cli', () => {
    expect(cliArgsFrom(['/usr/bin/electron', 'out/electron/main/main.cjs', '--no-sandbox', '--cli', 'lint', './runbooks'])).toEqual(['lint', './runbooks']);
  });

  it('passes a second --cli and the CLI own flags through untouched', () => {
    expect(cliArgsFrom(['app', '--cli', 'inspect', '--cli', '--help'])).toEqual(['inspect', '--cli', '--help']);
  });

  it('gives an empty argv for a bare --cli, so the CLI prints its usage', () => {
    expect(cliArgsFrom(['app', '--cli'])).toEqual([]);
  });

  it('opens the window when there is no --cli, even if the executable is named so', () => {
    expect(cliArgsFrom(['app'])).toBeNull();
    expect(cliArgsFrom(['/usr/bin/electron', 'out/electron/main/main.cjs', '--user-data-dir=/tmp/x'])).toBeNull();
    expect(cliArgsFrom(['--cli'])).toBeNull();
    expect(cliArgsFrom(['app', '--client'])).toBeNull();
  });
});
