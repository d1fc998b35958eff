/** `JSON.parse`, throwing what `notJson` makes (one line for the responder) where the text is not JSON. */
export function parseJsonOr(text: string, notJson: () => Error): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson();
  }
}
