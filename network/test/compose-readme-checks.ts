/**
 * The README's compose section: it names every service and every variable compose requires.
 */
import { type ComposeFile, stringsIn } from './compose-model';

export const README_COMPOSE_HEADING = '## Run the network with docker compose';

/** The lines of the README section headed README_COMPOSE_HEADING, up to the next "#" or "##" heading. */
function readmeComposeSection(readme: string | undefined): string | { error: string } {
  if (readme === undefined) {
    return { error: 'README.md does not exist' };
  }
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trimEnd() === README_COMPOSE_HEADING);
  if (start === -1) {
    return { error: `README.md has no section headed "${README_COMPOSE_HEADING}"` };
  }
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^#{1,2}\s/.test(line));
  return (end === -1 ? rest : rest.slice(0, end)).join('\n');
}

/**
 * The `service` names listed in backticks on the "Services:" line of the README section headed
 * "## Run the network with docker compose" (the section ends at the next "#" or "##" heading).
 * Returns an error string when the README, the section or the line is missing.
 */
export function readmeComposeServices(readme: string | undefined): string[] | string {
  const text = readmeComposeSection(readme);
  if (typeof text !== 'string') {
    return text.error;
  }
  const section = text.split('\n');
  const servicesLine = section.find((line) => line.trimStart().startsWith('Services:'));
  if (servicesLine === undefined) {
    return `the README section "${README_COMPOSE_HEADING}" has no line starting with "Services:"`;
  }
  const names = [...servicesLine.matchAll(/`([^`]+)`/g)].map((match) => (match[1] ?? '').trim());
  if (names.length === 0) {
    return 'the README "Services:" line names no `service`';
  }
  return names;
}

/** Every service the README's compose section lists exists in docker-compose.yml. */
export function checkReadmeServices(readme: string | undefined, compose: ComposeFile): string[] {
  const names = readmeComposeServices(readme);
  if (typeof names === 'string') {
    return [names];
  }
  return names
    .filter((name) => !Object.hasOwn(compose.services, name))
    .map((name) => `README lists \`${name}\`, which is not a service in docker-compose.yml`);
}

/** Variables compose refuses to start without (`${VAR:?message}` or `${VAR?message}`). */
export function requiredVariables(compose: ComposeFile): string[] {
  const names = new Set<string>();
  for (const service of Object.values(compose.services)) {
    for (const text of stringsIn(service)) {
      for (const match of text.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) {
        names.add(match[1] ?? '');
      }
    }
  }
  return [...names].sort();
}

/** The README's compose section names every variable compose requires, so nobody meets it first as an error. */
export function checkReadmeRequiredVariables(readme: string | undefined, compose: ComposeFile): string[] {
  const section = readmeComposeSection(readme);
  if (typeof section !== 'string') {
    return [section.error];
  }
  return requiredVariables(compose)
    .filter((variable) => !section.includes(variable))
    .map((variable) => `the README section "${README_COMPOSE_HEADING}" does not mention ${variable}, which docker-compose.yml requires`);
}
