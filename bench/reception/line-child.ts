// A bench helper process spoken to in JSON lines: `spawnLineChild` starts a TypeScript file with
// the same Node, `first` is the first line it prints (parsed), `ask(line)` writes one command and
// resolves with the next line it prints (parsed), and `close()` ends its stdin (the child's signal
// to stop) and waits for it to exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface LineChild<First> {
  readonly first: First;
  ask<T>(line: string): Promise<T>;
  close(): Promise<void>;
}

export async function spawnLineChild<First>(file: string, args: readonly string[] = []): Promise<LineChild<First>> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<(line: string) => void> = [];
  const early: string[] = [];
  let exited: string | null = null;
  const failures: Array<(error: Error) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `${file} exited (${signal ?? code})`;
      for (const fail of failures.splice(0)) fail(new Error(exited));
      resolve();
    }),
  );
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const ready = early.shift();
      if (ready !== undefined) return resolve(ready);
      if (exited !== null) return reject(new Error(exited));
      failures.push(reject);
      waiting.push((line) => {
        failures.splice(failures.indexOf(reject), 1);
        resolve(line);
      });
    });
  const first = JSON.parse(await nextLine()) as First;
  return {
    first,
    async ask<T>(line: string): Promise<T> {
      child.stdin!.write(`${line}\n`);
      return JSON.parse(await nextLine()) as T;
    },
    async close(): Promise<void> {
      child.stdin!.end();
      await exit;
    },
  };
}
