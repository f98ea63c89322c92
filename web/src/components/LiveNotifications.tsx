/** PLACEHOLDER: the live notification badge (SSE), owned by the notifications page's author. */
export function LiveNotifications() {
  return null;
}
