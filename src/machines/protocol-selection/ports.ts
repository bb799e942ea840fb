/** A usable TCP port: an integer from 1 to 65535. A blank portal field arrives as absent or 0. */
export function isTcpPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** How an unusable port setting reads in a message. */
export function describePortSetting(value: unknown): string {
  if (value === undefined || value === null || value === 0) return 'blank';
  if (typeof value !== 'number' || Number.isNaN(value)) return 'not a number';
  return `set to ${value}, which is not a valid TCP port`;
}
