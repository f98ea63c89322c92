/** "2 days 3 hours left", "40 minutes left" or "passed": how long until a deadline, in words. */
export function timeLeft(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  if (Number.isNaN(ms)) return '';
  if (ms <= 0) return 'the deadline has passed';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (days > 0) return `${plural(days, 'day')} ${plural(hours, 'hour')} left`;
  if (hours > 0) return `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')} left`;
  return `${plural(Math.max(minutes, 1), 'minute')} left`;
}

/** Whether a deadline is still ahead. */
export function isBefore(iso: string | undefined, now = Date.now()): boolean {
  return iso !== undefined && new Date(iso).getTime() > now;
}
