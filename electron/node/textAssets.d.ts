// Shell scripts are modules whose default export is their text: esbuild's text loader in the
// build (scripts/build.mjs), the same contract in vitest and tsx runs (scripts/textAssets.mjs).
declare module '*.sh' {
  const text: string;
  export default text;
}
declare module '*.zsh' {
  const text: string;
  export default text;
}
