import { SamlRefusal } from './refusal';

/**
 * Turns a node-saml rejection into a refusal whose reason is safe to log. node-saml messages can
 * quote the message itself ("audience mismatch. Expected: … Received: …", an IdP StatusMessage),
 * so only the fixed head of the message is kept: the text before the first ':' or '.'.
 */
export function libraryRefusal(error: unknown): SamlRefusal {
  if (error instanceof SamlRefusal) return error;
  const message = error instanceof Error ? error.message : '';
  const head = message.split(/[:.]/, 1)[0]?.trim() ?? '';
  const slug = head
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return new SamlRefusal(`library:${slug === '' ? 'rejected' : slug}`, { cause: error });
}
