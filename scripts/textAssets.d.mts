// Types of textAssets.mjs for vitest.config.ts.
import type { Plugin } from 'vite';

export const TEXT_EXTENSIONS: string[];
export const TEXT_LOADERS: Record<string, 'text'>;
export function textAssetsPlugin(): Plugin;
