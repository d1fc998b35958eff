// `node --import ./scripts/registerTextAssets.mjs …`: *.sh and *.zsh import as their text (see textAssets.mjs).
import { register } from 'node:module';

register('./textAssets.mjs', import.meta.url);
