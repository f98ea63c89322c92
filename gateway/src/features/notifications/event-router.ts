import type { LedgerEvent } from '../../ledger/ledger-events';
import type { NotificationType, Priority, Subject } from './notification';

/** One notice of an event: a type, for these stakeholders (on-chain IDs; the listener resolves them to principals). */
export interface Notice {
  type: NotificationType;
  priority: Priority;
  stakeholderIds: string[];
}

/** A grant whose expiry the gateway watches, to say "expiring soon" once (expiry-watch.ts). */
export interface GrantWatch {
  grantId: string;
  patientId: string;
  granteeId: string;
  validUntil: string;
}

/** What one chaincode event means to the notification service. */
export interface RoutedEvent {
  notices: Notice[];
  /** The client-safe part of the payload: IDs, statuses, times. */
  subject: Subject;
  /** Objects whose later events name no patient (reads of prescriptions, claims, orders): object ID → patient ID. */
  subjects: [objectId: string, patientId: string][];
  watch?: GrantWatch;
  unwatch?: string;
}

/** Looks up the patient of an object remembered from an earlier event. */
export type PatientOf = (objectId: string) => string | undefined;

type Payload = Record<string, unknown>;

const ACCESS_EVENTS = new Set(['checkAccess', 'accessFile', 'accessDetails', 'accessAmendment', 'readClaim', 'readPrescription', 'readPrescriptionForOrder']);
const GRANT_EVENTS = new Set(['grant', 'grantFor']);
const REMEMBERED_OBJECTS = ['prescriptionId', 'claimId', 'orderId', 'policyId', 'breakGlassId'] as const;

/** Keys copied to clients: IDs, statuses, times and the access basis. Anything else the chaincode adds stays out. */
const SAFE_KEY = /^(?:[a-z][A-Za-z]*Id|status|prescriptionStatus|basis|version|previousVersion|baseVersion|at|[a-z][A-Za-z]*At|validFrom|validUntil|nextDeadline)$/;
const SAFE_VALUE = /^[A-Za-z0-9_.:+-]{1,128}$/;

/**
 * Turns a chaincode event into notices for the principals concerned, by the event's name and the
 * stakeholder IDs its payload names. Event names are not unique across contracts ('cancel' is a
 * prescription's, an appointment's or a service request's), so the payload's IDs decide the kind.
 */
export function routeEvent(event: LedgerEvent, patientOf: PatientOf): RoutedEvent {
  const payload = parsePayload(event.payload);
  const subject = safeSubject(payload);
  const routed: RoutedEvent = { notices: [], subject, subjects: rememberedSubjects(payload) };
  const id = (key: string): string | undefined => (typeof payload[key] === 'string' ? payload[key] : undefined);
  const notify = (type: NotificationType, ...stakeholders: (string | undefined)[]) => {
    const stakeholderIds = [...new Set(stakeholders.filter((value): value is string => value !== undefined))];
    if (stakeholderIds.length > 0) {
      routed.notices.push({ type, priority: type === 'break-glass.used' ? 'high' : 'normal', stakeholderIds });
    }
  };
  const patientId = id('patientId');
  const name = event.eventName;

  if (id('grantId') !== undefined && id('granteeId') !== undefined) {
    if (name === 'revoke') {
      notify('consent.revoked', patientId, id('granteeId'));
      routed.unwatch = id('grantId') as string;
    } else if (GRANT_EVENTS.has(name)) {
      notify('consent.granted', patientId, id('granteeId'));
      const validUntil = id('validUntil');
      if (patientId !== undefined && validUntil !== undefined && id('status') === 'active') {
        routed.watch = { grantId: id('grantId') as string, patientId, granteeId: id('granteeId') as string, validUntil };
      }
    }
  } else if (id('requestId') !== undefined && id('requesterId') !== undefined) {
    if (name === 'requestAccess') {
      notify('access-request.created', patientId);
    } else if (name === 'approveRequest') {
      // the grant it creates: its payload names the request, the grant and the requester (the grantee)
      notify('consent.granted', patientId, id('requesterId'));
      const validUntil = id('validUntil');
      if (patientId !== undefined && validUntil !== undefined && id('grantId') !== undefined) {
        routed.watch = { grantId: id('grantId') as string, patientId, granteeId: id('requesterId') as string, validUntil };
      }
    } else if (name === 'denyRequest') {
      notify('access-request.denied', id('requesterId'));
    }
  } else if (id('delegationId') !== undefined) {
    notify(name === 'revokeDelegation' ? 'delegation.revoked' : 'delegation.granted', patientId, id('delegateId'));
  } else if (name === 'breakGlass') {
    notify('break-glass.used', patientId);
  } else if (ACCESS_EVENTS.has(name)) {
    const accessorId = id('accessorId') ?? id('pharmacyId');
    const patient = patientId ?? patientOf(id('prescriptionId') ?? id('claimId') ?? id('orderId') ?? '');
    if (patient !== accessorId) {
      notify('data.accessed', patient);
    }
  } else if (id('appointmentId') !== undefined) {
    notify('appointment.updated', patientId, id('providerId'));
  } else if (id('orderId') !== undefined) {
    notify('order.updated', patientId, id('pharmacyId'));
  } else if (id('requestId') !== undefined && id('hospitalId') !== undefined) {
    notify('service-request.updated', patientId, id('hospitalId'));
  } else if (id('claimId') !== undefined) {
    const type = name === 'decideClaim' ? 'claim.decided' : name === 'markPaid' ? 'claim.paid' : 'claim.updated';
    notify(type, patientId, type === 'claim.updated' ? id('insurerId') : undefined);
  } else if (id('applicationId') !== undefined) {
    if (name === 'respond' || name === 'decline') {
      notify('insurance.decided', patientId);
    } else {
      notify('insurance-application.updated', id('insurerId'));
    }
  } else if (id('prescriptionId') !== undefined) {
    notify('prescription.updated', patientId);
  } else if (id('fileId') !== undefined) {
    const author = id('uploaderId') ?? id('approvedBy') ?? id('decidedBy');
    if (author !== patientId) {
      notify('record.updated', patientId);
    }
  } else if (['verify', 'suspend', 'reinstate'].includes(name)) {
    notify('stakeholder.updated', id('stakeholderId'));
  }
  return routed;
}

function parsePayload(bytes: Uint8Array): Payload {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Payload) : {};
  } catch {
    return {};
  }
}

function safeSubject(payload: Payload): Subject {
  const subject: Subject = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!SAFE_KEY.test(key)) {
      continue;
    }
    if ((typeof value === 'string' && SAFE_VALUE.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value))) {
      subject[key] = value;
    }
  }
  return subject;
}

function rememberedSubjects(payload: Payload): [string, string][] {
  const patientId = payload.patientId;
  if (typeof patientId !== 'string') {
    return [];
  }
  return REMEMBERED_OBJECTS.flatMap((key) => (typeof payload[key] === 'string' ? [[payload[key], patientId] as [string, string]] : []));
}
