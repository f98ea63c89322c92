import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Length of one measured round, per client, kind and concurrency. */
  seconds: number;
  rounds: number;
  concurrencies: number[];
  kinds: ('submit' | 'evaluate')[];
  /** Seconds of mixed REST load whose log volume is reported, instead of the comparison; 0 = no soak. */
  soakSeconds: number;
  /** Where the gateway process writes a V8 CPU profile (node --cpu-prof), if anywhere. */
  profileDir?: string;
  /** 'auto': the native network when FABRIC_HOME has the binaries, the embedded ledger otherwise. */
  ledger: 'auto' | 'fabric' | 'embedded';
  /** Leave a network the benchmark started running at the end (it is brought down otherwise). */
  keepNetwork: boolean;
}

export const USAGE = `npm run bench:ledger -- [options]
  --seconds N          length of one round (default 20)
  --rounds N           interleaved rounds per client, kind and concurrency (default 3)
  --concurrency LIST   comma-separated concurrencies (default 1,8,32,128)
  --kinds LIST         submit,evaluate (default both)
  --soak N             instead: N seconds of mixed REST load (1 submit : 3 evaluates) at the first
                       concurrency, then the bytes written to the network's and gateway's logs
  --profile DIR        the gateway process writes a CPU profile (node --cpu-prof) into DIR
  --ledger auto|fabric|embedded   (default auto: fabric when FABRIC_HOME has the binaries)
  --keep-network       leave the network this run started up at the end
  --help, -h           this text
The gateway's request log follows MEDLEDGER_REQUEST_LOG_SAMPLE and MEDLEDGER_REQUEST_LOG_SLOW_MS
from the environment, as any gateway's does (gateway/README.md says how to choose them).`;

const positiveInteger = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer, not "${text}"`);
  }
  return value;
};

/** The command line, checked; throws with the offending option's name. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seconds: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '1,8,32,128' },
      kinds: { type: 'string', default: 'submit,evaluate' },
      soak: { type: 'string', default: '0' },
      profile: { type: 'string' },
      ledger: { type: 'string', default: 'auto' },
      'keep-network': { type: 'boolean', default: false },
    },
  });
  const kinds = values.kinds.split(',').map((kind) => kind.trim());
  const unknownKind = kinds.find((kind) => kind !== 'submit' && kind !== 'evaluate');
  if (unknownKind !== undefined) {
    throw new Error(`--kinds takes submit and/or evaluate, not "${unknownKind}"`);
  }
  if (values.ledger !== 'auto' && values.ledger !== 'fabric' && values.ledger !== 'embedded') {
    throw new Error(`--ledger takes auto, fabric or embedded, not "${values.ledger}"`);
  }
  return {
    seconds: positiveInteger('seconds', values.seconds),
    rounds: positiveInteger('rounds', values.rounds),
    concurrencies: values.concurrency.split(',').map((text) => positiveInteger('concurrency', text.trim())),
    kinds: kinds as BenchOptions['kinds'],
    soakSeconds: values.soak === '0' ? 0 : positiveInteger('soak', values.soak),
    ...(values.profile === undefined ? {} : { profileDir: values.profile }),
    ledger: values.ledger,
    keepNetwork: values['keep-network'],
  };
}
