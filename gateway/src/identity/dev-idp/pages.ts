import type { DevIdpUser } from './demo-users';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const BANNER =
  '<p class="banner" role="alert"><strong>Development identity provider.</strong> ' +
  'Anyone can sign in as anyone, without a password. Never use it with real people or real data.</p>';

/** Scripts and styles come from files under basePath, so a strict CSP (no inline script) still works. */
function page(basePath: string, title: string, body: string, autoPost = false): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(basePath)}/assets/dev-idp.css">`,
    autoPost ? `<script src="${escapeHtml(basePath)}/assets/auto-post.js" defer></script>` : '',
    '</head><body>',
    BANNER,
    body,
    '</body></html>',
  ].join('\n');
}

export interface LoginPageInput {
  basePath: string;
  users: readonly DevIdpUser[];
  requestId: string;
  relayState: string | undefined;
  /** The SP sent ForceAuthn: it wants the person to prove who they are again (step-up). */
  reauthenticate?: boolean;
}

/** One button per user; each posts the pending request ID back to us, and we answer with a signed response. */
export function loginPage(input: LoginPageInput): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const forms = input.users.map(
    (user) =>
      `<li><form method="post" action="${escapeHtml(input.basePath)}/sso/respond">` +
      hidden('requestId', input.requestId) +
      (input.relayState === undefined ? '' : hidden('relayState', input.relayState)) +
      hidden('nameId', user.nameId) +
      `<button type="submit">${escapeHtml(user.displayName)}</button> <span class="role">${escapeHtml(user.role)}</span>` +
      `<span class="name-id">${escapeHtml(user.nameId)}</span></form></li>`,
  );
  return page(
    input.basePath,
    'MedLedger development IdP — choose a demo user',
    `<h1>MedLedger development IdP</h1>${input.reauthenticate === true ? REAUTHENTICATE : ''}<p>Choose a demo user to sign in as:</p><ul class="users">${forms.join('\n')}</ul>`,
  );
}

const REAUTHENTICATE = '<p class="reauthenticate" role="status"><strong>Sign in again.</strong> The application asks you to confirm who you are (ForceAuthn) before a step that cannot be undone.</p>';

/** The HTTP-POST binding: a form the browser submits to the SP's ACS (by script, or by the button). */
export function autoPostPage(basePath: string, action: string, fields: Readonly<Record<string, string | undefined>>): string {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
  return page(
    basePath,
    'MedLedger development IdP — signing in',
    `<form method="post" action="${escapeHtml(action)}" id="saml-post">${inputs.join('')}<button type="submit">Continue</button></form>`,
    true,
  );
}

export function messagePage(basePath: string, title: string, message: string): string {
  return page(basePath, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

export const AUTO_POST_SCRIPT = "document.getElementById('saml-post')?.submit();\n";

export const STYLESHEET = [
  'body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}',
  '.banner{background:#fff3cd;border:2px solid #b8860b;padding:.75rem;border-radius:.25rem}',
  '.users{list-style:none;padding:0}.users li{margin:.5rem 0}',
  '.role{font-weight:bold;margin:0 .5rem}.name-id{color:#555;font-size:.9em}',
  '',
].join('\n');
