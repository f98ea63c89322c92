import { freePort } from '../../src/test-support/free-port';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A gateway server (gateway/src/server.ts, compiled) in its own process, as `npm start` runs it. */
export interface GatewayProcess {
  baseUrl: string;
  logFile: string;
  pid: number;
  /** Bytes the gateway has written to its log so far. */
  logBytes(): number;
  /** SIGINT, which drains and closes the gateway (and writes the CPU profile when one was asked for). */
  stop(): Promise<void>;
}


/**
 * Starts the compiled server with `environment` (plus a free port on 127.0.0.1) and waits until
 * /livez answers. Its stdout and stderr (pino JSON lines) go to dataDir/gateway.log. With
 * `cpuProfileDir`, node writes a .cpuprofile there when the gateway exits.
 */
export async function startGateway(serverScript: string, environment: Record<string, string>, dataDir: string, cpuProfileDir?: string): Promise<GatewayProcess> {
  const port = await freePort();
  const logFile = join(dataDir, 'gateway.log');
  // the gateway writes its log file itself: piped through this process, every line would wake the benchmark too
  const log = openSync(logFile, 'a');
  const nodeOptions = cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, serverScript], {
    env: { ...process.env, ...environment, MEDLEDGER_HOST: '127.0.0.1', MEDLEDGER_PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, logFile);
  return {
    baseUrl,
    logFile,
    pid: child.pid ?? 0,
    logBytes: () => statSync(logFile).size,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT');
      }
      await exited;
      closeSync(log);
    },
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the gateway exited with code ${child.exitCode} before it was healthy; see ${logFile}`);
    }
    try {
      const response = await fetch(`${baseUrl}/livez`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(`the gateway did not become healthy within 120 s; see ${logFile}`);
}
