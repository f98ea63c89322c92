import { operationOutcomeOf, PROBLEM_SYSTEM } from './operation-outcome';

describe('OperationOutcome of a problem', () => {
  it('when a problem is mapped, then it keeps the code, the title and the detail', () => {
    expect(operationOutcomeOf({ status: 403, code: 'CONSENT_REQUIRED', title: 'Consent required', detail: 'no view grant' })).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ system: PROBLEM_SYSTEM, code: 'CONSENT_REQUIRED', display: 'Consent required' }], text: 'Consent required' }, diagnostics: 'no view grant' }],
    });
  });

  it.each([
    [400, 'invalid'],
    [401, 'login'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'invalid'],
    [429, 'throttled'],
    [500, 'exception'],
    [503, 'transient'],
    [418, 'processing'],
  ])('when the status is %d, then the issue type is %s', (status, code) => {
    expect(operationOutcomeOf({ status, code: 'X', title: 'x' }).issue[0]?.code).toBe(code);
  });
});
