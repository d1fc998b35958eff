import { describe, expect, it } from 'vitest';
import { deriveActionItems, type ActionItemEventLike } from '../../../../../electron/common/incident/actionItems';

const ev = (id: string, kind: string, occurredAt: number, payload: unknown, actor = 'ana'): ActionItemEventLike => ({ id, kind, occurredAt, actor, payload });

describe('deriveActionItems', () => {
  it('applies edits, done and reopen in the order they happened, whatever order they were stored in', () => {
    const events = [
      ev('01B', 'actionItem.added', 2000, { text: 'Alert on 5xx per region', owner: null }, 'bo'),
      ev('01A', 'actionItem.added', 1000, { text: 'Add PgBouncer', owner: 'bo' }),
      ev('01D', 'actionItem.done', 4000, { itemId: '01A', text: 'Add PgBouncer to orders-db' }, 'cy'),
      // Stored after the done (an import), but it happened before it.
      ev('01C', 'actionItem.edited', 3000, { itemId: '01A', text: 'Add PgBouncer to orders-db', owner: 'cy' }, 'bo'),
      ev('01E', 'note', 4500, { text: 'not an action item' }),
      ev('01F', 'actionItem.done', 5000, { itemId: '01B', text: 'Alert on 5xx per region' }),
      ev('01G', 'actionItem.reopened', 6000, { itemId: '01B', text: 'Alert on 5xx per region' }),
      ev('01H', 'actionItem.done', 7000, { itemId: '01ZZZ', text: 'an item this timeline does not hold' }),
    ];
    expect(deriveActionItems(events)).toEqual([
      { id: '01A', text: 'Add PgBouncer to orders-db', owner: 'cy', done: true, addedAt: 1000, addedBy: 'ana', doneAt: 4000, doneBy: 'cy', editedAt: 3000, editedBy: 'bo' },
      { id: '01B', text: 'Alert on 5xx per region', owner: null, done: false, addedAt: 2000, addedBy: 'bo', doneAt: null, doneBy: null, editedAt: null, editedBy: null },
    ]);
  });

  it('clears the owner when an edit says none', () => {
    const items = deriveActionItems([ev('1', 'actionItem.added', 1, { text: 'x', owner: 'bo' }), ev('2', 'actionItem.edited', 2, { itemId: '1', text: 'x', owner: null })]);
    expect(items[0]!.owner).toBeNull();
  });
});
