import { REPEATED_REFUSALS_ALERT } from '@medledger/chaincode/client';
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
export type PatientOf = (objectId: string) => Promise<string | undefined>;

type Payload = Record<string, unknown>;

const ACCESS_EVENTS = new Set(['checkAccess', 'accessFile', 'accessDetails', 'accessDispute', 'accessAmendment', 'readClaim', 'readPrescription', 'readPrescriptionForOrder']);
const GRANT_EVENTS = new Set(['grant', 'grantFor']);
const REMEMBERED_OBJECTS = ['prescriptionId', 'claimId', 'orderId', 'policyId', 'breakGlassId'] as const;

/** Keys copied to clients: IDs, statuses, times and the access basis. Anything else the chaincode adds stays out. */
const SAFE_KEY = /^(?:[a-z][A-Za-z]*Id|status|outcome|prescriptionStatus|basis|version|previousVersion|baseVersion|at|[a-z][A-Za-z]*At|validFrom|validUntil|nextDeadline)$/;
const SAFE_VALUE = /^[A-Za-z0-9_.:+-]{1,128}$/;

/** What a rule sees of one event: its name, the payload's string IDs, and where its notices go. */
interface EventContext {
  name: string;
  patientId: string | undefined;
  id(key: string): string | undefined;
  /** Notifies the stakeholders named (duplicates and absent ones dropped), if any are left. */
  notify(type: NotificationType, ...stakeholders: (string | undefined)[]): void;
  routed: RoutedEvent;
  patientOf: PatientOf;
}

/** One kind of event: recognised by `applies`, then turned into notices by `route`. */
interface EventRule {
  applies(event: EventContext): boolean;
  route(event: EventContext): void | Promise<void>;
}

const has = (...keys: string[]) => (event: EventContext) => keys.every((key) => event.id(key) !== undefined);
const named = (...names: string[]) => (event: EventContext) => names.includes(event.name);
/** Notifies the stakeholders the payload names under these keys. */
const notifies =
  (type: NotificationType, ...stakeholderKeys: string[]) =>
  (event: EventContext): void => {
    event.notify(type, ...stakeholderKeys.map((key) => event.id(key)));
  };

/** Remembers an active grant's expiry so the patient and the grantee hear "expiring soon" once. */
function watchGrant(event: EventContext, granteeKey: 'granteeId' | 'requesterId'): void {
  const { patientId } = event;
  const [grantId, granteeId, validUntil] = [event.id('grantId'), event.id(granteeKey), event.id('validUntil')];
  if (patientId !== undefined && grantId !== undefined && granteeId !== undefined && validUntil !== undefined) {
    event.routed.watch = { grantId, patientId, granteeId, validUntil };
  }
}

const consentRules: EventRule[] = [
  {
    applies: (event) => has('grantId', 'granteeId')(event) && event.name === 'revoke',
    route: (event) => {
      event.notify('consent.revoked', event.patientId, event.id('granteeId'));
      event.routed.unwatch = event.id('grantId');
    },
  },
  {
    applies: (event) => has('grantId', 'granteeId')(event),
    route: (event) => {
      if (!GRANT_EVENTS.has(event.name)) return;
      event.notify('consent.granted', event.patientId, event.id('granteeId'));
      if (event.id('status') === 'active') watchGrant(event, 'granteeId');
    },
  },
  {
    applies: has('requestId', 'requesterId'),
    route: (event) => {
      if (event.name === 'requestAccess') {
        event.notify('access-request.created', event.patientId);
      } else if (event.name === 'approveRequest') {
        // the grant it creates: its payload names the request, the grant and the requester (the grantee)
        event.notify('consent.granted', event.patientId, event.id('requesterId'));
        watchGrant(event, 'requesterId');
      } else if (event.name === 'denyRequest') {
        event.notify('access-request.denied', event.id('requesterId'));
      }
    },
  },
  {
    applies: has('delegationId'),
    route: (event) => {
      event.notify(event.name === 'revokeDelegation' ? 'delegation.revoked' : 'delegation.granted', event.patientId, event.id('delegateId'));
    },
  },
  { applies: named('breakGlass'), route: notifies('break-glass.used', 'patientId') },
  {
    // A refusal is in the patient's log; the chaincode marks the day's REFUSALS_BEFORE_NOTICE-th from one accessor, and only that one notifies.
    applies: named('recordRefusal'),
    route: (event) => {
      if (event.id('patientAlert') === REPEATED_REFUSALS_ALERT) event.notify('access.refused-repeatedly', event.patientId);
    },
  },
  {
    applies: (event) => ACCESS_EVENTS.has(event.name),
    route: async (event) => {
      const accessorId = event.id('accessorId') ?? event.id('pharmacyId');
      const patient = event.patientId ?? await event.patientOf(event.id('prescriptionId') ?? event.id('claimId') ?? event.id('orderId') ?? '');
      if (patient !== accessorId) event.notify('data.accessed', patient);
    },
  },
];

const CLAIM_EVENTS = new Map<string, NotificationType>([
  ['decideClaim', 'claim.decided'],
  ['markPaid', 'claim.paid'],
]);

const careRules: EventRule[] = [
  { applies: has('appointmentId'), route: notifies('appointment.updated', 'patientId', 'providerId') },
  { applies: has('orderId'), route: notifies('order.updated', 'patientId', 'pharmacyId') },
  // A referral names no hospital until the patient accepts it; the referring doctor follows it throughout.
  {
    applies: (event) => event.id('requestId') !== undefined && (event.id('hospitalId') ?? event.id('referredBy')) !== undefined,
    route: notifies('service-request.updated', 'patientId', 'hospitalId', 'referredBy'),
  },
  {
    applies: has('claimId'),
    route: (event) => {
      const type = CLAIM_EVENTS.get(event.name) ?? 'claim.updated';
      event.notify(type, event.patientId, type === 'claim.updated' ? event.id('insurerId') : undefined);
    },
  },
  {
    applies: has('applicationId'),
    route: (event) => {
      if (named('respond', 'decline')(event)) event.notify('insurance.decided', event.patientId);
      else event.notify('insurance-application.updated', event.id('insurerId'));
    },
  },
  { applies: has('prescriptionId'), route: notifies('prescription.updated', 'patientId') },
  {
    applies: has('fileId'),
    route: (event) => {
      const author = event.id('uploaderId') ?? event.id('approvedBy') ?? event.id('decidedBy');
      if (author !== event.patientId) event.notify('record.updated', event.patientId);
    },
  },
  { applies: named('verify', 'suspend', 'reinstate'), route: notifies('stakeholder.updated', 'stakeholderId') },
];

/** Tried in order; the first rule that applies decides (a revoke names a grant and a grantee, and is not a grant). */
const EVENT_RULES: EventRule[] = [...consentRules, ...careRules];

/**
 * Turns a chaincode event into notices for the principals concerned, by the event's name and the
 * stakeholder IDs its payload names. Event names are not unique across contracts ('cancel' is a
 * prescription's, an appointment's or a service request's), so the payload's IDs decide the kind.
 */
export async function routeEvent(event: LedgerEvent, patientOf: PatientOf): Promise<RoutedEvent> {
  const payload = parsePayload(event.payload);
  const routed: RoutedEvent = { notices: [], subject: safeSubject(payload), subjects: rememberedSubjects(payload) };
  const id = (key: string): string | undefined => (typeof payload[key] === 'string' ? payload[key] : undefined);
  const context: EventContext = {
    name: event.eventName,
    patientId: id('patientId'),
    id,
    notify: (type, ...stakeholders) => {
      const stakeholderIds = [...new Set(stakeholders.filter((value): value is string => value !== undefined))];
      if (stakeholderIds.length > 0) {
        routed.notices.push({ type, priority: type === 'break-glass.used' ? 'high' : 'normal', stakeholderIds });
      }
    },
    routed,
    patientOf,
  };
  await EVENT_RULES.find((rule) => rule.applies(context))?.route(context);
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
