import { runCli } from './cli/main';

// The `warroom` executable's entry point (bundled to out/electron/node/cli.js).
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
