/**
 * The environment as the configuration reads it: a variable set to the empty string counts as
 * unset, and a common name that a platform sets for us is read when our own name is unset (ours
 * wins when both are). PORT is what most hosting platforms and container recipes set for the
 * port to listen on.
 */
const ALIASES: Readonly<Record<string, string>> = { PORT: 'MEDLEDGER_PORT' };

/** The variables to parse, and for each MEDLEDGER_ name read from an alias, that alias (its issues name it). */
export function readEnvironment(environment: NodeJS.ProcessEnv): { variables: Record<string, string>; aliasUsed: Record<string, string> } {
  const variables = Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const aliasUsed: Record<string, string> = {};
  for (const [alias, name] of Object.entries(ALIASES)) {
    const value = variables[alias];
    if (value !== undefined && variables[name] === undefined) {
      variables[name] = value;
      aliasUsed[name] = alias;
    }
  }
  return { variables, aliasUsed };
}

/** For issues: one about a variable that was read from an alias names the alias the operator set. */
export function namingAliases(aliasUsed: Record<string, string>) {
  return <T extends { variable: string }>(issue: T): T => {
    const alias = aliasUsed[issue.variable];
    return alias === undefined ? issue : { ...issue, variable: `${alias} (read as ${issue.variable})` };
  };
}
