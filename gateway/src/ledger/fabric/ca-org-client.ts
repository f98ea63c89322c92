import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type * as https from 'node:https';
import FabricCAServices from 'fabric-ca-client';
import type { User as SdkUser } from 'fabric-common';
import type { Clock } from '../../platform/clock';
import { certificateNotAfter } from './certificate-facts';
import { newKeyAndCertificateRequest } from './certificate-request';
import { needsRenewal } from './identity-validity';
import { lowSSigner } from './signer';
import { LedgerError } from '../ledger-port';

export interface CaOrgSettings {
  mspId: string;
  url: string;
  caName: string;
  tlsCaCertPem: string;
  registrarId: string;
  registrarSecret: string;
  affiliation: string;
}

export interface Attribute {
  name: string;
  value: string;
}

export interface Enrollment {
  certificatePem: string;
  privateKeyPem: string;
}

/** fabric-ca error codes this client acts on. */
export const CA_IDENTITY_ALREADY_REGISTERED = 74;

/** Network-level failures: the CA was not reached, as opposed to refusing. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const REGISTRAR_RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/**
 * One organisation's fabric-ca, spoken to through fabric-ca-client as the CA's registrar.
 *
 * fabric-ca-client is used for its HTTP protocol only. Its own key generation, CSRs and
 * signatures are pure JavaScript (jsrsasign, elliptic) and block the event loop for most of a
 * second per enrollment; here keys and CSRs come from node:crypto (certificate-request.ts) and
 * the request tokens are signed by OpenSSL (CaSigner below). The SDK never sees a private key.
 */
export class CaOrgClient {
  readonly #ca: FabricCAServices;
  #registrar?: { signer: CaSigner; notAfter: string };
  #registrarEnrollment?: Promise<CaSigner>;

  constructor(
    readonly settings: CaOrgSettings,
    private readonly clock: Clock,
  ) {
    this.#ca = new FabricCAServices(settings.url, { trustedRoots: [settings.tlsCaCertPem], verify: true }, settings.caName);
    withoutKeepAlive(this.#ca);
  }

  /**
   * The secret travels in the signed request body. The SDK prints that body only at debug level
   * (HFC_LOGGING), which must therefore never be enabled in production.
   */
  async register(enrollmentId: string, secret: string, attributes: readonly Attribute[], maxEnrollments: number): Promise<void> {
    const registrar = await this.#registrarUser();
    const request = { enrollmentID: enrollmentId, enrollmentSecret: secret, role: 'client', affiliation: this.settings.affiliation, maxEnrollments, attrs: ecert(attributes) };
    await this.#call('register', () => this.#ca.register(request, registrar));
  }

  /**
   * For an identity registered earlier whose secret is gone (the gateway lost its key, or the
   * certificate expired): a new secret, one more enrollment allowed, and the attributes restated.
   * fabric-ca keeps a revoked identity revoked regardless.
   */
  async resetSecret(enrollmentId: string, secret: string, attributes: readonly Attribute[]): Promise<void> {
    const registrar = await this.#registrarUser();
    const identities = this.#ca.newIdentityService();
    await this.#call('reset secret', async () => {
      const current = (await identities.getOne(enrollmentId, registrar)) as { result?: { max_enrollments?: unknown } };
      const allowed = typeof current.result?.max_enrollments === 'number' ? current.result.max_enrollments : 0;
      const { affiliation, caName } = this.settings;
      await identities.update(enrollmentId, { enrollmentID: enrollmentId, enrollmentSecret: secret, maxEnrollments: allowed + 1, affiliation, attrs: ecert(attributes), caname: caName }, registrar);
    });
  }

  async enroll(enrollmentId: string, secret: string, attributeNames: readonly string[]): Promise<Enrollment> {
    const { privateKey, csrPem } = await newKeyAndCertificateRequest(enrollmentId);
    const response = await this.#call('enroll', () =>
      this.#ca.enroll({ enrollmentID: enrollmentId, enrollmentSecret: secret, csr: csrPem, attr_reqs: required(attributeNames) }),
    );
    return { certificatePem: response.certificate, privateKeyPem: pkcs8(privateKey) };
  }

  /** A new key and certificate, authenticated by the current ones; needs no secret and uses up no enrollment. */
  async reenroll(enrollmentId: string, current: Enrollment, attributeNames: readonly string[]): Promise<Enrollment> {
    const signer = new CaSigner(current.certificatePem, createPrivateKey(current.privateKeyPem));
    const { privateKey, csrPem } = await newKeyAndCertificateRequest(enrollmentId);
    // FabricCAServices.reenroll insists on generating the key itself, in JavaScript; its request
    // layer takes our CSR (an internal of the pinned fabric-ca-client 2.2.x, exercised by the CA test)
    const response = await this.#call('reenroll', () => requestLayerOf(this.#ca).reenroll(csrPem, signer, required(attributeNames)));
    return { certificatePem: Buffer.from(response.result.Cert, 'base64').toString('utf8'), privateKeyPem: pkcs8(privateKey) };
  }

  /** Revokes every certificate of the identity and refuses its future enrollments. */
  async revoke(enrollmentId: string, reason: string): Promise<void> {
    const registrar = await this.#registrarUser();
    await this.#call('revoke', () => this.#ca.revoke({ enrollmentID: enrollmentId, reason }, registrar));
  }

  async #registrarUser(): Promise<SdkUser> {
    const current = this.#registrar;
    if (current !== undefined && !needsRenewal(current, this.clock(), REGISTRAR_RENEW_BEFORE_MS)) {
      return asSdkUser(current.signer);
    }
    // single flight: concurrent callers share one enrollment; after a failure the next caller tries again
    this.#registrarEnrollment ??= this.#enrollRegistrar().finally(() => {
      this.#registrarEnrollment = undefined;
    });
    return asSdkUser(await this.#registrarEnrollment);
  }

  async #enrollRegistrar(): Promise<CaSigner> {
    const { registrarId, registrarSecret } = this.settings;
    const enrollment = await this.enroll(registrarId, registrarSecret, []);
    const signer = new CaSigner(enrollment.certificatePem, createPrivateKey(enrollment.privateKeyPem));
    this.#registrar = { signer, notAfter: certificateNotAfter(enrollment.certificatePem).toISOString() };
    return signer;
  }

  async #call<T>(operation: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw caFailure(error, operation, this.settings.mspId);
    }
  }
}

/**
 * The signing identity fabric-ca-client's request layer asks for: the certificate (as the SDK's
 * private field name) and a sign(message) for the request token, here by OpenSSL with low S as
 * fabric-ca's verifier requires. The SDK passes its own hash function; the token is hashed with
 * SHA-256 here instead, which is what that function computes for P-256 identities.
 */
class CaSigner {
  readonly #sign: (message: Uint8Array) => Buffer;

  constructor(
    readonly _certificate: string,
    privateKey: KeyObject,
  ) {
    this.#sign = lowSSigner(privateKey);
  }

  sign(message: string | Uint8Array): Buffer {
    return this.#sign(typeof message === 'string' ? Buffer.from(message, 'utf8') : message);
  }
}

/** fabric-ca-client accepts a registrar only if its class is named "User" and it has getSigningIdentity(). */
class User {
  constructor(private readonly signer: CaSigner) {}

  getSigningIdentity(): CaSigner {
    return this.signer;
  }
}

function asSdkUser(signer: CaSigner): SdkUser {
  return new User(signer) as unknown as SdkUser;
}

/** The internals of the pinned fabric-ca-client 2.2.x used here (both exercised by the CA integration test). */
interface CaRequestLayer {
  reenroll(csr: string, signingIdentity: CaSigner, attributeRequests: FabricCAServices.IAttributeRequest[]): Promise<{ result: { Cert: string } }>;
  _httpClient: { request: typeof https.request };
}

function requestLayerOf(ca: FabricCAServices): CaRequestLayer {
  const layer = (ca as unknown as { _fabricCAClient?: Partial<CaRequestLayer> })._fabricCAClient;
  if (typeof layer?.reenroll !== 'function' || typeof layer._httpClient?.request !== 'function') {
    throw new Error('this fabric-ca-client has no request layer to use; the gateway expects 2.2.x');
  }
  return layer as CaRequestLayer;
}

/**
 * The SDK adds a 'timeout' listener to the socket of every request and never removes it, which on
 * Node's keep-alive sockets piles up (MaxListenersExceededWarning). CA calls are rare (enrollment,
 * renewal, revocation), so each gets its own connection instead.
 */
function withoutKeepAlive(ca: FabricCAServices): void {
  const layer = requestLayerOf(ca);
  const request = layer._httpClient.request.bind(layer._httpClient) as (options: https.RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;
  layer._httpClient = { request: ((options: https.RequestOptions, callback: (response: IncomingMessage) => void) => request({ ...options, agent: false }, callback)) as typeof https.request };
}

/** The fabric-ca error codes of a refused request (e.g. 74: already registered, 20: authentication failure). */
export function caErrorCodes(error: unknown): number[] {
  const cause = error instanceof LedgerError ? error.cause : error;
  const errors = (cause as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? errors.map((entry: { code?: unknown }) => entry.code).filter((code): code is number => typeof code === 'number') : [];
}

/** The SDK's messages carry the CA's response but never the request, so no secret reaches them. */
function caFailure(error: unknown, operation: string, mspId: string): LedgerError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // the SDK's own connect timeout carries no error code, only this fixed message of its own
  if ((typeof code === 'string' && UNREACHABLE.has(code)) || message.includes('CONNECTION Timeout')) {
    return new LedgerError('NETWORK_UNAVAILABLE', `the certificate authority of ${mspId} is unreachable (${operation})`, { cause: error });
  }
  const codes = caErrorCodes(error);
  const detail = codes.length > 0 ? ` (fabric-ca codes ${codes.join(', ')})` : '';
  return new LedgerError('ENROLLMENT_FAILED', `the certificate authority of ${mspId} refused ${operation}${detail}`, { cause: error });
}

function ecert(attributes: readonly Attribute[]): FabricCAServices.IKeyValueAttribute[] {
  return attributes.map(({ name, value }) => ({ name, value, ecert: true }));
}

function required(attributeNames: readonly string[]): FabricCAServices.IAttributeRequest[] {
  return attributeNames.map((name) => ({ name, optional: false }));
}

function pkcs8(privateKey: KeyObject): string {
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
