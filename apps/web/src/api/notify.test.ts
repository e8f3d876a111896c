import { describe, expect, it } from 'vitest';
import { notificationTarget } from './notify';

describe('where a notification leads', () => {
  it('opens the page of the item, order, meeting or bulletin it is about', () => {
    expect(notificationTarget({ entityType: 'item', entityId: 'i-1' })).toBe('/dispatch/items/i-1');
    expect(notificationTarget({ entityType: 'order', entityId: 'o-1' })).toBe('/dispatch/orders/o-1');
    expect(notificationTarget({ entityType: 'meeting', entityId: 'm-1' })).toBe('/dispatch/meetings/m-1');
    expect(notificationTarget({ entityType: 'bulletin', entityId: 'b-1' })).toBe('/dispatch/bulletins/b-1');
  });

  it('has no page for other entities or a missing id', () => {
    expect(notificationTarget({ entityType: 'bulletin', entityId: null })).toBeNull();
    expect(notificationTarget({ entityType: 'backup', entityId: 'x' })).toBeNull();
  });
});
