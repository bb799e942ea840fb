/** A usable TCP port: an integer from 1 to 65535. A blank portal field arrives as absent or 0. */
export function isTcpPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** How a port setting reads in a message: its value, or "blank". */
export function describePortSetting(value: unknown): string {
  return value === undefined || value === null ? 'blank' : `set to ${String(value)}, which is not a valid TCP port`;
}
