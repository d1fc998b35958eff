import { Fragment } from 'react';
import type { Inline } from '../../../electron/common/incident/describeEvent';

/** A described sentence as React: `code`, **strong** and _emphasis_ as their elements, text as text. */
export function InlineParts({ parts }: { parts: readonly Inline[] }) {
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? <Fragment key={i}>{part}</Fragment> : 'code' in part ? <code key={i}>{part.code}</code> : 'strong' in part ? <strong key={i}>{part.strong}</strong> : <em key={i}>{part.em}</em>,
      )}
    </>
  );
}
