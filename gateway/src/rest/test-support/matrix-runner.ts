import type { Response } from 'supertest';
import type { TestGateway } from '../../test-support/test-gateway';
import { as, type Actor, type Method } from './actors';

/**
 * The shared steps of every ownership-matrix file: one unauthorized attempt (counted, refused with
 * 401 for missing credentials or 403/404 otherwise, as problem+json), and the rightful caller's
 * success that proves the refusals were about the caller, not a broken request.
 */
export class MatrixTally {
  attempts = 0;
  readonly unauthorizedSuccesses: string[] = [];
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
    type: expect.stringMatching(/^application\/problem\+json/),
  });
}

export async function expectRightfulSucceeds(gateway: TestGateway, actor: Actor, call: MatrixCall, status: number): Promise<Response> {
  const response = await send(gateway, actor, call);
  expect({ status: response.status, body: response.status < 300 ? 'ok' : response.body }).toEqual({ status, body: 'ok' });
  return response;
}
