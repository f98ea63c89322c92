/**
 * The development IdP signs in anyone as anyone, without a password. It must be impossible to
 * enable in production, whatever else the configuration says.
 */
export function assertDevIdpAllowed(mode: string): void {
  if (mode === 'production') {
    throw new Error('The development IdP signs anyone in without a password and cannot run in production mode.');
  }
}
