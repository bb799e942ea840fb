// The `unity-connect` command. Subcommands are added as the client and the lab land.
const [command] = process.argv.slice(2);
process.stderr.write(`unity-connect: '${command ?? ''}' is not available yet in this build.\n`);
process.exitCode = 2;
