import express, { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { LedgerError, type PreparedTransaction, type Settlement } from '../ledger/ledger-port';
import { errorHandler } from './errors/error-handler';
import { createLogger } from '../platform/logging/logger';
import { httpLogger } from '../platform/logging/http-logger';
import type { Principal } from '../identity/principals/principal';
import { openSqliteStore } from '../wiring/sqlite-store';
import type { GatewayStore } from '../wiring/gateway-store';
import { Idempotency, IDEMPOTENCY_HEADER } from './idempotency';
import type { CallJournal, LedgerCalls } from '../ledger/ledger-calls';
import { mountOperations } from './mount';
import { openApiDocument } from './openapi';
import { honoursIdempotency, type Operation } from './operation';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import { createRestApi, RESOURCE_OPERATIONS } from '../wiring/rest-api';
import { fhirOperations } from '../features/fhir/fhir-operations';
import { codeOf } from '../test-support/response-body';

/**
 * The Idempotency-Key rule, checked over the whole route table so a new operation cannot slip
 * past it: only creations (POST, 201, with a read-back) replay; every other POST decides again.
 */
const CREATIONS = RESOURCE_OPERATIONS.filter((operation) => operation.method === 'post' && operation.response.status === 201)
  .map((operation) => operation.operationId)
  .sort();

/** The same creations over FHIR (POST /fhir/{Type}, 201, with the REST creation's read-back). */
const ALL_CREATIONS = [...RESOURCE_OPERATIONS, ...fhirOperations({ files: { maxBytes: 0, ready: () => Promise.reject(new Error('only the route table is read here')) } })]
  .filter((operation) => operation.method === 'post' && operation.response.status === 201)
  .map((operation) => operation.operationId)
  .sort();

const POSTS = RESOURCE_OPERATIONS.filter((operation) => operation.method === 'post');

describe('which routes honour Idempotency-Key', () => {
  let gateway: TestGateway;
  /** Every route of the app: the resources, files, account, administration, notifications, probes and documentation. */
  let ALL_ROUTES: readonly Operation[];

  beforeAll(() => {
    gateway = createTestGateway();
    ALL_ROUTES = createRestApi({ config: gateway.config, services: gateway.services, logger: createLogger('silent') }).operations;
  });

  afterAll(() => gateway.close());

  it('when the route table is read, then exactly the 201 creations with a read-back honour the key', () => {
    const honouring = ALL_ROUTES.filter((route) => honoursIdempotency(route));

    expect(CREATIONS).toEqual(expect.arrayContaining(['grantConsent', 'approveAccessRequest', 'breakGlass', 'submitInsuranceClaim']));
    expect(CREATIONS).not.toContain('checkAccess');
    expect(honouring.map((route) => route.operationId).sort()).toEqual(ALL_CREATIONS);
    for (const route of honouring) {
      expect({ operationId: route.operationId, method: route.method, status: route.response.status, readBack: typeof route.creates?.readBack }).toEqual({
        operationId: route.operationId,
        method: 'post',
        status: 201,
        readBack: 'function',
      });
    }
  });

  it('when an operation answers 201 to a POST, then it declares how to read back what it created (and nothing else declares it)', () => {
    const declaring = RESOURCE_OPERATIONS.filter((operation) => operation.creates !== undefined);

    expect(declaring.map((operation) => operation.operationId).sort()).toEqual(CREATIONS);
  });

  it('when the OpenAPI document is generated, then Idempotency-Key is documented on the creations only', () => {
    const document = openApiDocument(ALL_ROUTES, { title: 't', version: '1', description: 'd' });
    const documented = Object.values(document.paths)
      .flatMap((item) => Object.values(item))
      .filter((operation) => ((operation.parameters ?? []) as { name: string }[]).some((parameter) => parameter.name === IDEMPOTENCY_HEADER))
      .map((operation) => operation.operationId)
      .sort();

    expect(documented).toEqual(ALL_CREATIONS);
  });
});

/**
 * Every POST of the route table mounted as the gateway mounts it, over a ledger that records its
 * calls and answers anything. Input schemas are relaxed (the rule does not depend on them), so each
 * operation can be called twice with one key whatever its inputs are.
 */
interface LedgerCall {
  kind: 'submit' | 'evaluate' | 'settle';
  principalId: string;
  fn: string;
  args: string[];
}

const CREATED = { id: 'obj-000000000001', packageId: 'pkg-000000000001', version: 1, fileId: 'file-000000000001', amendment: { fileId: 'file-000000000001' } };

/** What the recording ledger's views share: its calls, how it behaves, and what committed. */
interface RecordedWorld {
  calls: LedgerCall[];
  refuseReads: boolean;
  /** Submits commit, but their answer is lost on the way back (COMMIT_STATUS_UNKNOWN). */
  loseAnswers: boolean;
  committed: Map<string, string>;
}

/**
 * Stands in for LedgerCalls (the one ledger path): records each call and answers every transaction
 * with CREATED. The result checks of the real path are not this test's subject; they have their own
 * (ledger/ledger-calls.test.ts). Its journaled view does what LedgerCalls does with a journal: a
 * committed answer the journal holds is the submit's answer; otherwise the journal is told of the
 * transaction before it commits.
 */
class RecordingLedger {
  constructor(
    readonly world: RecordedWorld = { calls: [], refuseReads: false, loseAnswers: false, committed: new Map() },
    private readonly journal?: CallJournal,
  ) {}

  get calls(): LedgerCall[] {
    return this.world.calls;
  }

  journaled(journal: CallJournal): RecordingLedger {
    return new RecordingLedger(this.world, journal);
  }

  submitJson(principal: Principal, fn: string, args: string[] = []): Promise<unknown> {
    return this.submitWithTxId(principal, fn, args).then(({ result }) => result);
  }

  async submitWithTxId(principal: Principal, fn: string, args: string[] = []): Promise<{ txId: string; result: unknown }> {
    const committed = this.journal?.takeCommitted(fn);
    if (committed !== undefined) {
      return { txId: committed.txId, result: JSON.parse(committed.payload) as unknown };
    }
    this.calls.push({ kind: 'submit', principalId: principal.id, fn, args });
    const txId = `tx-${this.calls.length}`;
    const payload = JSON.stringify(CREATED);
    await this.journal?.prepared({ txId, fn, envelope: payload });
    this.world.committed.set(txId, payload);
    if (this.world.loseAnswers) {
      throw new LedgerError('COMMIT_STATUS_UNKNOWN', `the commit status of ${txId} is unknown`, { txId });
    }
    return { txId, result: structuredClone(CREATED) };
  }

  settle(principal: Principal, transaction: PreparedTransaction): Promise<Settlement> {
    this.calls.push({ kind: 'settle', principalId: principal.id, fn: transaction.fn, args: [transaction.txId] });
    const payload = this.world.committed.get(transaction.txId);
    return Promise.resolve(payload === undefined ? { committed: false, txId: transaction.txId } : { committed: true, txId: transaction.txId, payload });
  }

  evaluateJson(principal: Principal, fn: string, args: string[] = []): Promise<unknown> {
    this.calls.push({ kind: 'evaluate', principalId: principal.id, fn, args });
    if (this.world.refuseReads) {
      return Promise.reject(new LedgerError('SUSPENDED', `SUSPENDED: stakeholder ${principal.stakeholderId} is suspended`, { txId: 'tx-read' }));
    }
    return Promise.resolve(structuredClone(CREATED));
  }
}

const caller: Principal = { id: 'prn_caller', kind: 'person', role: 'patient', stakeholderId: 'pat-000000000001', mspId: 'ProvidersMSP', displayName: 'Caller', createdAt: '2026-01-01T00:00:00.000Z' };

function relaxed(operation: Operation): Operation {
  return { ...operation, params: z.record(z.string(), z.string()), query: undefined, body: z.unknown() };
}

function appOf(operation: Operation, ledger: RecordingLedger, store: GatewayStore) {
  const app = express();
  app.use(httpLogger(createLogger('silent')));
  app.use(express.json());
  const router = Router();
  mountOperations(router, [relaxed(operation)], {
    authenticated: (req, _res, next) => {
      req.principal = caller;
      // a stepped-up credential: the rule under test is idempotency, whatever step-up an operation needs
      req.auth = { method: 'token', scopes: ['read', 'write', 'admin', 'consent'], stepUp: { fresh: true, windowMs: 300_000 }, stillValid: () => Promise.resolve(true) };
      next();
    },
    deps: { ledger: ledger as unknown as LedgerCalls, clock: () => new Date() },
    idempotency: new Idempotency(store.idempotencyKeys, () => new Date(), Buffer.alloc(32, 3)),
    responseValidation: 'log',
  });
  app.use(router, errorHandler());
  return app;
}

const pathOf = (operation: Operation) => operation.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => `${name}-000000000001`);

describe('what a repeated Idempotency-Key does, for every POST of the route table', () => {
  let store: GatewayStore;

  beforeEach(() => {
    store = openSqliteStore();
  });

  afterEach(async () => {
    await store.close();
  });

  const nonCreations = POSTS.filter((operation) => !honoursIdempotency(operation));
  const creations = POSTS.filter((operation) => honoursIdempotency(operation));

  it('when the POSTs are split, then both kinds are there (checks and creations)', () => {
    expect(nonCreations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(['checkAccess', 'readAppointmentDetails', 'readPrescription', 'denyAccessRequest']));
    expect(creations).toHaveLength(CREATIONS.length);
  });

  it.each(nonCreations.map((operation) => [operation.operationId, operation] as const))('when %s is sent twice with one key, then the ledger decides both times and nothing is replayed', async (_id, operation) => {
    const ledger = new RecordingLedger();
    const app = appOf(operation, ledger, store);

    const first = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'same-key').send({});
    const callsAfterFirst = ledger.calls.length;
    const second = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'same-key').send({});

    expect([first.status, second.status]).toEqual([operation.response.status, operation.response.status]);
    expect(callsAfterFirst).toBeGreaterThan(0);
    expect(ledger.calls).toHaveLength(2 * callsAfterFirst);
    expect(ledger.calls.slice(callsAfterFirst)).toEqual(ledger.calls.slice(0, callsAfterFirst));
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each(creations.map((operation) => [operation.operationId, operation] as const))(
    'when %s is replayed, then the ledger first reads back what was created, as the caller, and a refusal there is the answer',
    async (_id, operation) => {
      const ledger = new RecordingLedger();
      const app = appOf(operation, ledger, store);
      const first = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'same-key').send({});
      const callsAfterFirst = ledger.calls.length;

      const replayed = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'same-key').send({});
      const readBack = ledger.calls.slice(callsAfterFirst);
      ledger.world.refuseReads = true;
      const refused = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'same-key').send({});

      expect(first.status).toBe(201);
      expect([replayed.status, replayed.headers['idempotent-replayed']]).toEqual([201, 'true']);
      expect(replayed.body).toEqual(first.body);
      const declared = operation.creates?.readBack(first.body);
      expect(readBack).toEqual([{ kind: 'evaluate', principalId: caller.id, fn: declared?.transaction, args: declared?.args }]);
      expect([refused.status, codeOf(refused), refused.headers['idempotent-replayed']]).toEqual([403, 'SUSPENDED', undefined]);
      expect(ledger.calls.filter((call) => call.kind === 'submit')).toHaveLength(ledger.calls.slice(0, callsAfterFirst).filter((call) => call.kind === 'submit').length);
    },
  );

  it.each(creations.map((operation) => [operation.operationId, operation] as const))(
    'when %s commits but its answer is lost, then the retry with the same key settles that transaction and answers what committed, without a second submit',
    async (_id, operation) => {
      const ledger = new RecordingLedger();
      const app = appOf(operation, ledger, store);
      ledger.world.loseAnswers = true;
      const lost = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'lost-answer').send({});
      ledger.world.loseAnswers = false;

      const retried = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'lost-answer').send({});
      const again = await request(app).post(pathOf(operation)).set(IDEMPOTENCY_HEADER, 'lost-answer').send({});

      expect([lost.status, codeOf(lost)]).toEqual([504, 'COMMIT_STATUS_UNKNOWN']);
      expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([201, 'true']);
      expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
      expect(again.body).toEqual(retried.body);
      const submits = ledger.calls.filter((call) => call.kind === 'submit');
      expect(submits).toHaveLength(1);
      const submitted = `tx-${String(ledger.calls.findIndex((call) => call.kind === 'submit') + 1)}`;
      expect(ledger.calls.filter((call) => call.kind === 'settle')).toEqual([{ kind: 'settle', principalId: caller.id, fn: submits[0]?.fn, args: [submitted] }]);
    },
  );
});
