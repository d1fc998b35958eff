import { connectHost } from './connectHost';

/**
 * The page's connection to the host, opened while the rest of the console's modules are still
 * being evaluated (main.tsx imports this first): the WebSocket's handshake overlaps them, and
 * the first screen's requests go out as soon as React asks for them.
 */
export const pageHost = connectHost();
