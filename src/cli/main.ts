// CLI dispatcher: `tsx src/cli/main.ts <command> [args]`. One line per command; handlers load lazily so
// one command's dependencies never slow down another. Stdout belongs to the command's output only.

type Handler = (args: string[]) => Promise<number>;

const commands: Record<string, Handler> = {
  'detect-topics': async (args) => (await import('./detect-topics.js')).run(args),
  'extract-report': async (args) => (await import('./extract-report.js')).run(args),
  recognize: async (args) => (await import('./recognize.js')).run(args),
  'run-job': async (args) => (await import('./run-job.js')).run(args),
  'qr-sheet': async (args) => (await import('./qr-sheet.js')).run(args),
  'console-link': async (args) => (await import('./console-link.js')).run(args),
};

// Output piped into `head` and the like: a reader that went away ends the command quietly, not with a stack.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const handler = name === undefined ? undefined : commands[name];
  if (!handler) {
    process.stderr.write(`usage: cli <command> [args]\ncommands: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  return handler(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
