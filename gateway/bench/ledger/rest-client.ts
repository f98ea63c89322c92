import { Agent, request } from 'node:http';
import { EVALUATE, SUBMIT, type BenchClient } from './workload';

/**
 * The REST side: plain node:http over keep-alive connections (one per concurrent caller), with the
 * patient's personal access token. A call succeeds on a 2xx answer only.
 */
export function restClient(baseUrl: string, token: string, patientId: string, maxConnections: number): BenchClient {
  const newAgent = () => new Agent({ keepAlive: true, maxSockets: maxConnections });
  let agent = newAgent();
  const url = new URL(baseUrl);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const call = ({ method, path, body }: { method: string; path: string; body: string | undefined }) =>
    new Promise<void>((resolve, reject) => {
      const sent = request(
        { agent, host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              resolve();
            } else {
              reject(new Error(`${method} ${path}: HTTP ${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
            }
          });
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  const submit = SUBMIT.rest(patientId);
  const evaluate = EVALUATE.rest(patientId);
  return {
    name: 'REST',
    submit: () => call(submit),
    evaluate: () => call(evaluate),
    // between rounds the connections sat idle past the server's keep-alive timeout: start each round on fresh ones
    startRound: () => {
      agent.destroy();
      agent = newAgent();
    },
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}
