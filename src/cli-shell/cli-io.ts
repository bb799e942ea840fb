// What every `unity-connect` subcommand gets and is: its output streams, and its run function.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  /** Runs the command; resolves with the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}
