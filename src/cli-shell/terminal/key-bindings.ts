// Keys the live terminal UI answers while attached (q quits; the demo's lab keys drop a connection
// to watch the reconnect). The terminal is put in raw mode for single keypresses; raw mode turns off
// Ctrl-C's signal, so Ctrl-C is passed on as SIGINT, which the session treats as a user close.
export interface KeyBinding {
  key: string;
  /** Shown in the footer, e.g. `drop CTI (lab)`. */
  label: string;
  /** Resolves with a line to show, e.g. `dropped every CTI connection`. */
  run(): Promise<string>;
  /** The connections the key disturbs: its notice is cleared once they are all back online. */
  connections?: readonly string[];
}

/** What a TTY stdin offers (process.stdin); a test can pass its own. */
export interface KeyInput {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (data: Buffer | string) => void): unknown;
  off(event: 'data', listener: (data: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export function listenForKeys(input: KeyInput, onKey: (key: string) => void, onInterrupt: () => void): () => void {
  const raw = input.isTTY === true && typeof input.setRawMode === 'function';
  const listener = (data: Buffer | string): void => {
    for (const key of String(data)) {
      if (key === '\x03') onInterrupt();
      else onKey(key);
    }
  };
  if (raw) input.setRawMode!(true);
  input.on('data', listener);
  input.resume();
  return () => {
    input.off('data', listener);
    if (raw) input.setRawMode!(false);
    input.pause();
  };
}
