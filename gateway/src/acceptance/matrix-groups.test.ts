import { RESOURCE_OPERATIONS } from '../wiring/rest-api';
import { MATRIX_GROUPS, authenticatedIds } from './test-support/matrix-groups';

describe('ownership matrix groups', () => {
  it('when the groups are combined, then they are exactly the authenticated operations of the API, each once', () => {
    const grouped = Object.values(MATRIX_GROUPS).flatMap(authenticatedIds);

    expect([...grouped].sort()).toEqual(authenticatedIds(RESOURCE_OPERATIONS).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });
});
