import { z } from 'zod';
import type { Response } from 'supertest';
import type { TestGateway } from '../../test-support/test-gateway';
import type { Operation } from '../../api/operation';
import { RESOURCE_OPERATIONS } from '../../wiring/rest-api';
import { authenticatedIds } from './matrix-groups';
import { as, type Actor, type Method } from './actors';
import { bodyOf, matching, refusedListOf } from '../../test-support/response-body';

/**
 * The shared steps of every ownership-matrix file: one unauthorized attempt (counted, refused with
 * 401 for missing credentials or 403/404 otherwise, as problem+json), and the rightful caller's
 * success that proves the refusals were about the caller, not a broken request.
 */
export class MatrixTally {
  attempts = 0;
  readonly unauthorizedSuccesses: string[] = [];
  /** The list operations whose foreign cursors were tried (expectForeignCursorsRefused). */
  readonly cursorsProbed = new Set<string>();
}

export interface MatrixCall {
  method: Method;
  path: string;
  body?: unknown;
}

function send(gateway: TestGateway, actor: Actor | undefined, call: MatrixCall): Promise<Response> {
  const pending = as(gateway, actor)[call.method](call.path);
  return call.body === undefined ? pending : pending.send(call.body as object);
}

export async function expectRefused(gateway: TestGateway, tally: MatrixTally, operationId: string, who: string, actor: Actor | undefined, call: MatrixCall): Promise<void> {
  const response = await send(gateway, actor, call);
  tally.attempts += 1;
  if (response.status < 300) {
    tally.unauthorizedSuccesses.push(`${operationId} as ${who}: ${response.status}`);
  }
  const expected = who === 'expiredToken' || who === 'anonymous' ? [401] : [403, 404];
  expect({ who, refused: expected.includes(response.status) ? 'yes' : `${response.status} ${response.text}`, type: response.headers['content-type'] }).toEqual({
    who,
    refused: 'yes',
    type: matching(/^application\/problem\+json/),
  });
}

export async function expectRightfulSucceeds(gateway: TestGateway, actor: Actor, call: MatrixCall, status: number): Promise<Response> {
  const response = await send(gateway, actor, call);
  expect({ status: response.status, body: response.status < 300 ? 'ok' : bodyOf(response, z.unknown()) }).toEqual({ status, body: 'ok' });
  return response;
}

/** The operations that page with ?cursor=: each must be probed with foreign cursors. */
export function listOperationIds(operations: readonly Operation[]): string[] {
  return operations.filter((operation) => isList(operation)).map((operation) => operation.operationId);
}

function isList(operation: Operation): boolean {
  const shape = (operation.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && 'cursor' in shape;
}

/**
 * A cursor is a ledger bookmark, the key a peer starts its range scan at. Cursors that sort below,
 * above or beside the rightful caller's own range (the attack run's `\0accessLog\0` among them),
 * and garbage, must each be refused with 400 and list nothing.
 */
const FOREIGN_BOOKMARKS = ['\u0000', '\u0000accessLog\u0000', '\u0000grant\u0000', '\u0000stakeholderByRole\u0000', '\u0000zzzz\u0000', '\u{10ffff}', 'garbage', '\u00ff\u00fe'];

export async function expectForeignCursorsRefused(gateway: TestGateway, tally: MatrixTally, operationId: string, actor: Actor, call: MatrixCall): Promise<void> {
  const operation = RESOURCE_OPERATIONS.find((candidate) => candidate.operationId === operationId);
  if (operation === undefined || !isList(operation)) {
    return;
  }
  for (const bookmark of FOREIGN_BOOKMARKS) {
    const cursor = Buffer.from(bookmark, 'utf8').toString('base64url');
    const path = `${call.path}${call.path.includes('?') ? '&' : '?'}cursor=${cursor}`;
    const response = await send(gateway, actor, { method: call.method, path });
    expect({ bookmark, status: response.status, ...refusedListOf(response) }).toEqual({ bookmark, status: 400, code: 'INVALID_ARGUMENT', items: undefined });
  }
  tally.cursorsProbed.add(operation.operationId);
}

/** A caller that must be refused: its name in the report, its credential (none for anonymous), and the body it sends if not the row's. */
export interface Refusal {
  who: string;
  actor: Actor | undefined;
  body?: unknown;
}

/** One row of a matrix: an operation's call and who may make it. */
export interface MatrixRow {
  operationId: string;
  call: MatrixCall;
  refusals: readonly Refusal[];
  owner: Actor;
  ownerStatus: number;
}

/**
 * Runs one row: every refused caller is refused, then the rightful caller succeeds, and a list
 * operation refuses foreign cursors. Returns the rightful caller's response.
 */
export async function expectOnlyTheRightful(gateway: TestGateway, tally: MatrixTally, row: MatrixRow): Promise<Response> {
  for (const { who, actor, body } of row.refusals) {
    await expectRefused(gateway, tally, row.operationId, who, actor, { ...row.call, body: body ?? row.call.body });
  }
  const response = await expectRightfulSucceeds(gateway, row.owner, row.call, row.ownerStatus);
  await expectForeignCursorsRefused(gateway, tally, row.operationId, row.owner, row.call);
  return response;
}

/** What each matrix file checks last: its rows covered every operation of its group and every list's cursors, and nobody unauthorized got a 2xx. */
export function expectMatrixComplete(group: readonly Operation[], rows: readonly { operationId: string }[], tally: MatrixTally, attemptsMoreThan: number): void {
  const covered = new Set(rows.map((row) => row.operationId));

  expect(authenticatedIds(group).filter((operationId) => !covered.has(operationId))).toEqual([]);
  expect(listOperationIds(group).filter((operationId) => !tally.cursorsProbed.has(operationId))).toEqual([]);
  expect(tally.attempts).toBeGreaterThan(attemptsMoreThan);
  expect(tally.unauthorizedSuccesses).toEqual([]);
}
