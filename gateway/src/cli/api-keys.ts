import { API_KEY_USAGE, parseApiKeyArguments } from './api-key-arguments';

type Write = (text: string) => void;

/**
 * The whole command as `npm run apikey -- <argv>` runs it (after the build): help and wrong usage
 * are answered from the arguments alone; a command opens the gateway's state (api-key-commands.ts).
 * Returns the exit code.
 */
export async function apiKeyCli(argv: string[], environment: NodeJS.ProcessEnv, write: Write, writeError: Write): Promise<number> {
  const parsed = parseApiKeyArguments(argv);
  if (parsed.kind === 'help') {
    write(API_KEY_USAGE);
    return 0;
  }
  if (parsed.kind === 'wrong usage') {
    writeError(`apikey: ${parsed.message}\n\n${API_KEY_USAGE}`);
    return 2;
  }
  // Loaded for a command only: the gateway's modules take seconds to load, and help needs none of them.
  const { runAgainstGateway } = await import('./api-key-commands');
  return runAgainstGateway(parsed.command, environment, write, writeError);
}

async function main(): Promise<void> {
  process.exitCode = await apiKeyCli(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}

if (require.main === module) {
  void main();
}
