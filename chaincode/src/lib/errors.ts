/**
 * The one catalog of chaincode error codes. Every refusal throws a ChaincodeError whose message
 * starts with its stable code ("CONSENT_REQUIRED: ..."), because that message is all a client
 * receives from a peer. The gateway maps the code, never the wording, to an HTTP status.
 */
export const ERROR_CATALOG = {
  INVALID_ARGUMENT: { meaning: 'An argument or transient field is missing or malformed.' },
  IDENTITY_INVALID: { meaning: 'The client certificate lacks a valid MedLedger role or ID attribute.' },
  ROLE_FORBIDDEN: { meaning: 'The caller’s role may not perform this transaction.' },
  NOT_REGISTERED: { meaning: 'The caller has not registered as a stakeholder.' },
  NOT_VERIFIED: { meaning: 'The caller’s professional role has not been verified yet.' },
  SUSPENDED: { meaning: 'The caller’s stakeholder record is suspended.' },
  CONSENT_REQUIRED: { meaning: 'No grant covers this action on this patient’s data.' },
  NOT_REFUSED: { meaning: 'The access is allowed, so there is no refusal to record.' },
  NOT_OWNER: { meaning: 'Only the party that owns this object may do this.' },
  NOT_FOUND: { meaning: 'No such object.' },
  ALREADY_EXISTS: { meaning: 'An object with this ID already exists.' },
  INVALID_STATE: { meaning: 'The object’s current status does not allow this transition.' },
  DEADLINE_PASSED: { meaning: 'The deadline for this step has passed.' },
  DEADLINE_NOT_REACHED: { meaning: 'This step is only allowed after a deadline that has not passed yet.' },
  QUANTITY_EXCEEDED: { meaning: 'The request exceeds the remaining prescribed quantity.' },
  HASH_MISMATCH: { meaning: 'A supplied hash does not match the recorded one.' },
  ERASED: { meaning: 'The patient erased this data; only its public trace (IDs, hashes, statuses) remains.' },
} as const satisfies Record<string, { meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export class ChaincodeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'ChaincodeError';
    this.code = code;
  }
}

/** Reads the stable code back out of a message as a peer returns it, if it has one. */
export function errorCodeOf(message: string): ErrorCode | undefined {
  const match = /\b([A-Z][A-Z_]+): /.exec(message);
  const candidate = match?.[1];
  return candidate !== undefined && candidate in ERROR_CATALOG ? (candidate as ErrorCode) : undefined;
}
