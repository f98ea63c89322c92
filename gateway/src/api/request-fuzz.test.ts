import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import supertest from 'supertest';
import type { OpenApiDocument } from './openapi';
import { expressPath } from './operation';
import { Actors } from '../acceptance/test-support/actors';
import { createTestGateway, signIn, type TestGateway } from '../test-support/test-gateway';
import { DEV_IDP_MOUNT } from '../wiring/sso';
import { appRoutes, type AppRoute } from './route-table';
import { FHIR_CONTENT_TYPE, isFhirPath } from '../fhir/fhir-media';
import { codeOf } from '../test-support/response-body';

/**
 * Every route of the running app (read from its own router stack, so a new route is fuzzed the
 * day it is mounted) gets malformed requests: badly percent-encoded path parameters, bodies that
 * do not match their Content-Encoding, malformed JSON, wrong content types, arbitrary query
 * strings and unsupported methods, anonymous and with valid credentials. Whatever it is sent, the
 * gateway never answers 5xx, and every 4xx is problem+json with a stable code.
 *
 * Seeded, so a run is repeatable: a failure names the base seed to rerun with
 * (MEDLEDGER_FUZZ_SEED=<seed>; each route draws from that seed plus its index) and the shrunk
 * request. Kept to a few hundred requests in all (3 per route), as it runs in every `npm test`;
 * MEDLEDGER_FUZZ_RUNS=50 (and another seed) digs deeper by hand.
 */
const SEED = Number(process.env.MEDLEDGER_FUZZ_SEED ?? 9_405_415);
const RUNS_PER_ROUTE = Number(process.env.MEDLEDGER_FUZZ_RUNS ?? 3);
const CODE = /^[A-Z][A-Z0-9_]+$/;

// ---- what a request is made of ------------------------------------------------------------------

type Credential = 'anonymous' | 'patient' | 'admin' | 'session';

interface Body {
  contentType?: string;
  contentEncoding?: string;
  bytes: Buffer;
}

interface FuzzRequest {
  method: string;
  /** Raw request target, sent byte for byte. */
  path: string;
  credential: Credential;
  body?: Body;
}

const OTHER_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

/** Printable ASCII (what may go in a request line unescaped) without '/', '?' and '#'. */
const segmentChar = fc.constantFrom(...'abcXYZ019-._~!$&\'()*+,;=:@%'.split(''));
const safeSegment = fc.string({ unit: fc.constantFrom(...'abcdefxyz0123456789-_'.split('')), minLength: 1, maxLength: 12 });
const highByte = fc.integer({ min: 0x80, max: 0xff }).map((byte) => `%${byte.toString(16).toUpperCase()}`);

/** A path segment that decodeURIComponent refuses (or, now and then, one that is merely odd). */
const malformedSegment = fc.oneof(
  fc.constantFrom('%', '%%', '%G1', '%2', '%C0%AF', '%80', '%FF', '%ED%A0%80', '%E0%80', '%F4%90%80%80', '%C3', '%F0%9F%98', '%C0%80', '%FE%FF'),
  fc.tuple(fc.string({ unit: segmentChar, maxLength: 6 }), fc.array(highByte, { minLength: 1, maxLength: 4 }), fc.string({ unit: segmentChar, maxLength: 6 })).map(([before, bytes, after]) => `${before}${bytes.join('')}${after}`),
  fc.string({ unit: segmentChar, minLength: 1, maxLength: 16 }),
);

const queryChar = fc.constantFrom(...'aZ09-._~!$\'()*+,;:@/?=&[]%'.split(''));
const query = fc.oneof(
  fc.string({ unit: queryChar, maxLength: 40 }),
  fc.array(fc.tuple(fc.constantFrom('limit', 'cursor', 'version', 'pageSize', 'bookmark', 'lastEventId', '__proto__', 'a[b]', 'access_token', 'x'), fc.oneof(fc.string({ unit: queryChar, maxLength: 12 }), malformedSegment)), { maxLength: 4 }).map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&')),
);

const jsonText = fc.json({ maxDepth: 3 });
const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Bytes that are not the coding they claim, and now and then bytes that are, but cut short. */
const codedMismatch = fc.record({
  // Mostly JSON, which the app decodes for every route; the rest reach the form parsers and uploads.
  contentType: fc.oneof(
    { weight: 3, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'application/octet-stream', 'text/plain') },
  ),
  contentEncoding: fc.constantFrom('gzip', 'br', 'deflate', 'zstd', 'x-unknown', 'gzip, br', 'GZIP', 'identity, gzip'),
  bytes: fc.oneof(
    jsonText.map(utf8),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.tuple(jsonText, fc.constantFrom(gzipSync, deflateSync, brotliCompressSync), fc.nat()).map(([text, compress, cut]) => {
      const compressed = compress(utf8(text));
      return compressed.subarray(0, cut % Math.max(compressed.length, 1));
    }),
  ),
});

const malformedJson = fc.record({
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/merge-patch+json'),
  bytes: fc.oneof(fc.constantFrom('{', '{"a":', '[1,', 'nul', '"\\u12"', '{"a":1}}', '\u0000', '').map(utf8), fc.string({ maxLength: 30 }).map(utf8), jsonText.map((text) => utf8(text.slice(0, -1)))),
});

const wrongContentType = fc.record({
  contentType: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=zz', 'application/x-www-form-urlencoded', 'application/json; charset=utf-7', 'application/json; charset=latin1', 'application/*', 'garbage', 'text/html; charset=ebcdic'),
  bytes: fc.oneof(jsonText.map(utf8), fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes))),
});

const body: fc.Arbitrary<Body | undefined> = fc.oneof(fc.constant(undefined), codedMismatch, malformedJson, wrongContentType);

function requestFor(route: AppRoute): fc.Arbitrary<FuzzRequest> {
  const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[0]);
  return fc
    .record({
      values: fc.tuple(...params.map(() => fc.oneof({ weight: 3, arbitrary: malformedSegment }, { weight: 1, arbitrary: safeSegment }))),
      // A route without parameters gets its malformed encoding appended to its path.
      suffix: params.length === 0 ? fc.option(malformedSegment.map((segment) => `/${segment}`), { nil: '' }) : fc.constant(''),
      query: fc.option(query, { nil: undefined }),
      method: fc.oneof({ weight: 4, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
      credential: fc.constantFrom<Credential>('anonymous', 'patient', 'admin', 'session'),
      body,
    })
    .map(({ values, suffix, query: search, method, credential, body: sent }) => {
      let path = route.path;
      params.forEach((param, index) => {
        path = path.replace(param, values[index] ?? '');
      });
      return { method, path: `${path}${suffix}${search === undefined ? '' : `?${search}`}`, credential, ...(sent === undefined ? {} : { body: sent }) };
    });
}

// ---- sending it, byte for byte ------------------------------------------------------------------

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

function send(port: number, credentials: Record<Credential, Record<string, string>>, fuzz: FuzzRequest): Promise<Answer> {
  const headers: Record<string, string> = { ...credentials[fuzz.credential] };
  if (fuzz.body !== undefined) {
    headers['Content-Length'] = String(fuzz.body.bytes.length);
    if (fuzz.body.contentType !== undefined) {
      headers['Content-Type'] = fuzz.body.contentType;
    }
    if (fuzz.body.contentEncoding !== undefined) {
      headers['Content-Encoding'] = fuzz.body.contentEncoding;
    }
  }
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: fuzz.method, path: fuzz.path, headers, agent: false }, (response) => {
      if (String(response.headers['content-type']).startsWith('text/event-stream')) {
        // The notification stream does not end: its headers are the answer.
        response.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: '' });
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    });
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error(`no answer in 10 s to ${fuzz.method} ${fuzz.path}`)));
    outgoing.on('error', reject);
    outgoing.end(fuzz.body?.bytes);
  });
}

/**
 * The one exception to problem+json: the development IdP (MEDLEDGER_DEV_IDP, never in production)
 * is a sign-in page for a person in a browser, and answers a bad sign-in request with its own
 * HTML page (dev-idp-operations.ts). It must still never answer 5xx.
 */
function isDevIdpPage(fuzz: FuzzRequest, answer: Answer): boolean {
  return fuzz.path.startsWith(`${DEV_IDP_MOUNT}/`) && String(answer.headers['content-type']).startsWith('text/html');
}

/** How a fuzz request reads in a failure: method, path, credential and body form. */
function labelOf(fuzz: FuzzRequest): string {
  const body = fuzz.body === undefined ? '' : `, ${fuzz.body.contentType ?? 'no type'} ${fuzz.body.contentEncoding ?? ''}`;
  return `${fuzz.method} ${fuzz.path} (${fuzz.credential}${body})`;
}

/** A problem+json body carries the status it was sent with and a stable code. */
function checkProblemBody(label: string, answer: Answer): void {
  const problem = JSON.parse(answer.text) as { status?: unknown; code?: unknown };
  if (problem.status !== answer.status || typeof problem.code !== 'string' || !CODE.test(problem.code)) {
    throw new Error(`${label} answered ${answer.status} with a problem without its status or a stable code: ${answer.text.slice(0, 200)}`);
  }
}

/** The invariant: never a 5xx; a 4xx is problem+json carrying its status and a stable code. */
function checkAnswer(fuzz: FuzzRequest, answer: Answer): void {
  const label = labelOf(fuzz);
  if (answer.status >= 500) {
    throw new Error(`${label} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  if (answer.status < 400) {
    return;
  }
  if (isDevIdpPage(fuzz, answer)) {
    return;
  }
  const fhir = isFhirPath(fuzz.path.split('?')[0] ?? '');
  const expected = fhir ? FHIR_CONTENT_TYPE : 'application/problem+json';
  if (!String(answer.headers['content-type']).startsWith(expected)) {
    throw new Error(`${label} answered ${answer.status} as ${String(answer.headers['content-type'])}, not ${expected}: ${answer.text.slice(0, 200)}`);
  }
  if (fuzz.method !== 'HEAD') {
    (fhir ? checkOperationOutcome : checkProblemBody)(label, answer);
  }
}

/** Under /fhir the problem is an OperationOutcome (fhir/operation-outcome.ts) carrying the same stable code. */
function checkOperationOutcome(label: string, answer: Answer): void {
  const code = codeOf({ body: JSON.parse(answer.text) as unknown });
  if (code === undefined || !CODE.test(code)) {
    throw new Error(`${label} answered ${answer.status} with an OperationOutcome without a stable code: ${answer.text.slice(0, 200)}`);
  }
}

// ---- the run ------------------------------------------------------------------------------------

describe('fuzzing every route with malformed requests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'medledger-fuzz-'));
  // Built when the file is collected: it.each below needs the app's routes before any test runs.
  const gateway: TestGateway = createTestGateway({
    sso: true,
    environment: { MEDLEDGER_DATA_DIR: dataDir, MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_LOGIN_RATE_LIMIT_PER_MINUTE: '10000' },
  });
  const routes = appRoutes(gateway.app);
  let server: Server;
  let port: number;
  let credentials: Record<Credential, Record<string, string>>;

  beforeAll(async () => {
    const actors = new Actors(gateway);
    const patient = await actors.person('patient');
    const admin = await actors.admin();
    const session = await signIn(gateway);
    credentials = {
      anonymous: {},
      patient: { [patient.header[0]]: patient.header[1] },
      admin: { [admin.header[0]]: admin.header[1] },
      session: { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken },
    };
    server = gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the fuzzed routes are compared with /openapi.json, then every documented operation is among them', async () => {
    const document = (await supertest(gateway.app).get('/openapi.json')).body as OpenApiDocument;
    const fuzzed = new Set(routes.map((route) => `${route.method} ${route.path}`));
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${expressPath(path)}`));

    expect(documented.length).toBeGreaterThan(100);
    expect(documented.filter((route) => !fuzzed.has(route))).toEqual([]);
  });

  it.each(routes.map((route, index) => [`${route.method} ${route.path}`, route, index] as const))(
    'when %s is sent malformed requests, then it never answers 5xx and every 4xx is problem+json with a code',
    async (_name, route, index) => {
      try {
        await fc.assert(
          fc.asyncProperty(requestFor(route), async (fuzz) => {
            checkAnswer(fuzz, await send(port, credentials, fuzz));
          }),
          { seed: SEED + index, numRuns: RUNS_PER_ROUTE },
        );
      } catch (error) {
        // fast-check's message names this route's own seed (base + index) and the shrunk case.
        throw new Error(`replay with MEDLEDGER_FUZZ_SEED=${SEED} (route #${index})\n${(error as Error).message}`, { cause: error });
      }
    },
    60_000,
  );
});
