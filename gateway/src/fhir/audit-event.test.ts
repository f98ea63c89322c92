import type { AccessLogEntry } from '@medledger/chaincode/client';
import { auditEventBundle, auditEventBundleSchema, auditEventOf, PURPOSE_OF_USE_SYSTEM } from './audit-event';

const allowed: AccessLogEntry = {
  id: 'log-0123456789abcdef01234567-1a2b3c4d',
  patientId: 'pat-000001',
  accessorId: 'doc-000001',
  accessorRole: 'doctor',
  action: 'view',
  category: 'lab',
  recordId: 'fil-000001',
  resourceType: 'file-version',
  resourceId: 'fil-000001.v1',
  basis: 'grant',
  grantId: 'grt-000001',
  outcome: 'allowed',
  purpose: 'TREAT',
  at: '2026-03-01T10:00:00.000Z',
  txId: 'tx-1',
};

const refused: AccessLogEntry = {
  id: 'log-fedcba9876543210fedcba98-00000000',
  patientId: 'pat-000001',
  accessorId: 'ins-000001',
  accessorRole: 'insurer',
  action: 'edit',
  category: 'imaging',
  resourceType: 'category',
  resourceId: 'imaging',
  outcome: 'refused',
  refusalCode: 'CONSENT_REQUIRED',
  purpose: 'HPAYMT',
  at: '2026-03-02T10:00:00.000Z',
  txId: 'tx-2',
};

describe('auditEventOf', () => {
  it('when an allowed entry is mapped, then who, what, when, why and a success outcome are in their AuditEvent elements', () => {
    const event = auditEventOf(allowed);

    expect(event).toMatchObject({ resourceType: 'AuditEvent', id: allowed.id, action: 'R', recorded: allowed.at, outcome: '0' });
    expect(event.purposeOfEvent).toEqual([{ coding: [{ system: PURPOSE_OF_USE_SYSTEM, code: 'TREAT' }] }]);
    expect(event.agent[0]).toMatchObject({ who: { identifier: { value: 'doc-000001' } }, policy: ['urn:medledger:grant:grt-000001'], requestor: true });
    expect(event.entity.map((entity) => entity.what.identifier.value)).toEqual(['fil-000001.v1', 'pat-000001']);
    expect(event.entity[0]?.detail).toContainEqual({ type: 'basis', valueString: 'grant' });
    expect(event.outcomeDesc).toBeUndefined();
  });

  it('when a refused edit is mapped, then the outcome is a minor failure naming the code, with no policy and action U', () => {
    const event = auditEventOf(refused);

    expect(event).toMatchObject({ action: 'U', outcome: '4', outcomeDesc: 'refused: CONSENT_REQUIRED' });
    expect(event.agent[0]?.policy).toBeUndefined();
    expect(event.entity[0]?.detail).toContainEqual({ type: 'refusalCode', valueString: 'CONSENT_REQUIRED' });
  });

  it('when an entry predates outcomes and purposes, then it maps as allowed with no purpose', () => {
    const old: AccessLogEntry = { ...allowed };
    delete old.outcome;
    delete old.purpose;
    const event = auditEventOf(old);

    expect(event.outcome).toBe('0');
    expect(event.purposeOfEvent).toEqual([]);
  });
});

describe('auditEventBundle', () => {
  it('when entries are bundled, then the Bundle keeps their order and passes its own schema', () => {
    const bundle = auditEventBundle([refused, allowed], '2026-03-03T00:00:00.000Z');

    expect(auditEventBundleSchema.parse(bundle)).toEqual(bundle);
    expect(bundle.entry.map((entry) => entry.resource.id)).toEqual([refused.id, allowed.id]);
  });
});
