/** Deterministic PRNG (mulberry32) for the fuzz tests, so a failure reproduces from its seed: the one the gitleaks sample generator uses. */
export { seededRandom } from '../../../../../scripts/gitleaks/regexSample';
