/**
 * What `warroom serve` draws into the console's HTML for its first screen (node/server/firstScreen.ts)
 * and the page starts from (renderer/src/firstScreen.ts): the JSON beside the drawn list.
 */
import type { Incident } from './incident/model';

/** The id of the `<script type="application/json">` element that carries {@link FirstScreenData}. */
export const FIRST_SCREEN_DATA_ID = 'first-screen-data';

export interface FirstScreenData {
  incidents: readonly Incident[];
}
