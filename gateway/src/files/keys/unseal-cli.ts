import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { FileError } from '../errors';
import { keyCheckValue } from './key-check';
import { splitMasterKey } from './shamir-shares';
import { unsealMasterKey, unsealSourceFromEnv } from './unseal';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `usage:
  unseal-cli split --shares <n> --threshold <k>   new master key as n Shamir shares (printed once)
  unseal-cli new-key-file <path>                  new master key in a 0600 file (never overwrites)
  unseal-cli check                                unseal from the environment and print the key-check value
`;

/** The operator's unseal tool; returns the process exit code. */
export async function runUnsealCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    switch (argv[0]) {
      case 'split':
        return await splitCommand(argv.slice(1), io);
      case 'new-key-file':
        return await newKeyFileCommand(argv.slice(1), io);
      case 'check':
        return await checkCommand(io);
      default:
        io.err(USAGE);
        return 2;
    }
  } catch (error) {
    io.err(`${error instanceof FileError ? error.message : String(error)}\n`);
    return 1;
  }
}

async function splitCommand(args: readonly string[], io: CliIo): Promise<number> {
  const total = Number(option(args, '--shares'));
  const threshold = Number(option(args, '--threshold'));
  const masterKey = randomBytes(32);
  const { shares, keyCheck } = await splitMasterKey(masterKey, total, threshold);
  masterKey.fill(0);
  io.out(`New master key split into ${total} shares; any ${threshold} unseal it. They are shown only now:\n`);
  io.out(`give each share to a different custodian and store none of them next to the gateway.\n\n`);
  shares.forEach((share, index) => {
    io.out(`share ${index + 1}: ${share}\n`);
  });
  io.out(`\nkey-check value (not secret; set MEDLEDGER_MASTER_KEY_CHECK): ${keyCheck}\n`);
  return 0;
}

async function newKeyFileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const path = args[0];
  if (path === undefined) {
    io.err(USAGE);
    return 2;
  }
  const masterKey = randomBytes(32);
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(`${masterKey.toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  io.out(`wrote a new master key to ${path}\nkey-check value (not secret; set MEDLEDGER_MASTER_KEY_CHECK): ${keyCheckValue(masterKey)}\n`);
  masterKey.fill(0);
  return 0;
}

async function checkCommand(io: CliIo): Promise<number> {
  const source = unsealSourceFromEnv(io.env);
  if (source === undefined) {
    io.err('set MEDLEDGER_UNSEAL_SHARES, MEDLEDGER_UNSEAL_SHARE_FILES or MEDLEDGER_MASTER_KEY_FILE\n');
    return 2;
  }
  const masterKey = await unsealMasterKey(source);
  io.out(`unsealed; key-check value ${keyCheckValue(masterKey)}\n`);
  masterKey.fill(0);
  return 0;
}

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

if (require.main === module) {
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), env: process.env };
  void runUnsealCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
